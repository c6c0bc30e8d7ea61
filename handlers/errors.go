package handlers

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/gin-gonic/gin"
)

// errorBody is every error answer: {"error":{"code","message",...}}.
type errorBody struct {
	Error apiError `json:"error"`
}

type apiError struct {
	Code       string          `json:"code"`
	Message    string          `json:"message"`
	Problems   []graph.Problem `json:"problems,omitempty"`
	Candidates []graph.Node    `json:"candidates,omitempty"`
}

// statusClientClosed is logged when the client went away mid-request.
const statusClientClosed = 499

// fail maps err to a status and an error body: the one table of the API.
// A 500 is logged in full and answered opaquely.
func fail(c *gin.Context, err error) {
	var (
		ve  *graph.ValidationError
		amb *graph.AmbiguousError
		unk *graph.UnknownError
		mbe *http.MaxBytesError
		rfe *graph.RefusedError
		tle *graph.TooLargeError
	)
	status, body := http.StatusInternalServerError, apiError{Code: "internal",
		Message: "internal error; the request id is in the X-Request-ID header"}
	switch {
	case errors.As(err, &rfe):
		status, body = http.StatusUnprocessableEntity, apiError{Code: "refused", Message: rfe.Error(),
			Problems: rfe.Problems}
	case errors.As(err, &tle):
		status, body = http.StatusRequestEntityTooLarge, apiError{Code: "too_large", Message: tle.Msg}
		logger(c).WarnContext(c.Request.Context(), "request too large for one database transaction", "err", tle.Cause,
			"path", c.Request.URL.Path, "request_id", c.GetString(requestIDKey))
	case errors.Is(err, graph.ErrTooLarge):
		status, body = http.StatusUnprocessableEntity, apiError{Code: "too_large",
			Message: "the request needs more memory than the database allows one transaction; narrow it " +
				"(a lower limit or depth, more filters)"}
		logger(c).WarnContext(c.Request.Context(), "request too large for one database transaction", "err", err,
			"path", c.Request.URL.Path, "request_id", c.GetString(requestIDKey))
	case errors.As(err, &ve):
		status, body = http.StatusBadRequest, apiError{Code: "invalid", Message: ve.Error(), Problems: ve.Problems}
	case errors.As(err, &amb):
		status, body = http.StatusConflict, apiError{Code: "ambiguous", Message: amb.Error(), Candidates: amb.Candidates}
	case errors.As(err, &unk):
		status, body = http.StatusNotFound, apiError{Code: "not_found", Message: unk.Error(), Candidates: unk.Closest}
	case errors.Is(err, graph.ErrBookmark):
		status, body = http.StatusBadRequest, apiError{Code: "invalid", Message: bookmarkHeader +
			": the database does not know this bookmark (" + err.Error() + "); send back only the " +
			bookmarkHeader + " value a write of this service answered with, unchanged"}
	case errors.Is(err, graph.ErrNotFound):
		status, body = http.StatusNotFound, apiError{Code: "not_found", Message: err.Error()}
	case errors.As(err, &mbe):
		status, body = http.StatusRequestEntityTooLarge, apiError{Code: "too_large",
			Message: "request body is larger than the limit of " + itoa(mbe.Limit) + " bytes; split the data set"}
	case errors.Is(err, graph.ErrSelectionTooLarge):
		status, body = http.StatusUnprocessableEntity, apiError{Code: "selection_too_large", Message: err.Error()}
	case errors.Is(err, graph.ErrTimeout):
		status, body = http.StatusGatewayTimeout, apiError{Code: "timeout", Message: err.Error()}
	case errors.Is(err, graph.ErrAuth):
		status, body = http.StatusServiceUnavailable, apiError{Code: "neo4j_auth",
			Message: "the service cannot sign in to its database (authentication failed); the " +
				"operator must fix NEO4J_USER / NEO4J_PASSWORD"}
		logger(c).ErrorContext(c.Request.Context(), "neo4j authentication failed", "err", err, "path",
			c.Request.URL.Path, "request_id", c.GetString(requestIDKey))
	case errors.Is(err, graph.ErrUnavailable):
		status, body = http.StatusServiceUnavailable, apiError{Code: "unavailable",
			Message: "the database is unavailable; try again shortly"}
	case errors.Is(err, context.Canceled):
		status, body = statusClientClosed, apiError{Code: "canceled", Message: "the client closed the request"}
	case errors.Is(err, graph.ErrConflict):
		status, body = http.StatusConflict, apiError{Code: "conflict", Message: err.Error()}
	}
	if status >= 500 && status != http.StatusServiceUnavailable && status != http.StatusGatewayTimeout {
		logger(c).ErrorContext(c.Request.Context(), "request failed", "err", err, "path", c.Request.URL.Path,
			"request_id", c.GetString(requestIDKey))
	}
	c.Set(errorClassKey, body.Code)
	c.AbortWithStatusJSON(status, errorBody{Error: body})
}

// logger is the API's logger (Config.Logger), set on every request.
func logger(c *gin.Context) *slog.Logger {
	if l, ok := c.Get(loggerKey); ok {
		return l.(*slog.Logger)
	}
	return slog.Default()
}

// abort answers a client error with a code and message.
func abort(c *gin.Context, status int, code, msg string) {
	c.Set(errorClassKey, code)
	c.AbortWithStatusJSON(status, errorBody{Error: apiError{Code: code, Message: msg}})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
