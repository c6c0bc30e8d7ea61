package handlers

import (
	"context"
	"errors"
	"io"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/gin-gonic/gin"
)

// querySetting names the setting that raises a read request's time limit.
const querySetting = "ACTORGRAPH_QUERY_TIMEOUT"

// streamErrorKey holds why a response was cut short after its status went
// out (for the access log and /metrics).
const streamErrorKey = "streamError"

// limit gives a read request one deadline, shared by every statement the
// store runs for it, the mapping of their rows and the start of rendering.
func limit(d time.Duration) gin.HandlerFunc {
	return func(c *gin.Context) {
		// The whole-graph STIX export runs under the import's longer limit
		// (ACTORGRAPH_IMPORT_TIMEOUT), which the store sets.
		if d <= 0 || c.Request.Method != http.MethodGet || c.FullPath() == "/api/v1/export/stix" {
			c.Next()
			return
		}
		ctx, cancel := graph.WithLimit(c.Request.Context(), d, querySetting)
		defer cancel()
		c.Request = c.Request.WithContext(ctx)
		c.Next()
	}
}

// Readiness is the start-up gate of /readyz: while it holds a reason (the
// schema being ensured, the start-up data set loading), /readyz answers 503
// with it. The zero value and a nil *Readiness are ready.
type Readiness struct {
	reason atomic.Pointer[string]
}

// NewReadiness returns a gate that is not ready, for reason.
func NewReadiness(reason string) *Readiness {
	r := &Readiness{}
	r.NotReady(reason)
	return r
}

// NotReady closes the gate with a reason ("loading data set crocus").
func (r *Readiness) NotReady(reason string) { r.reason.Store(&reason) }

// Ready opens the gate.
func (r *Readiness) Ready() { r.reason.Store(nil) }

// Reason is why the service is not ready yet ("" when it is).
func (r *Readiness) Reason() string {
	if r == nil {
		return ""
	}
	if p := r.reason.Load(); p != nil {
		return *p
	}
	return ""
}

// deadlineWriter refuses writes once the request's deadline has passed, so
// rendering that outlives the limit is cut short instead of running on.
type deadlineWriter struct {
	ctx context.Context
	w   io.Writer
}

func (d deadlineWriter) Write(p []byte) (int, error) {
	if err := d.ctx.Err(); err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return 0, graph.Overran(graph.Doing(d.ctx, "sending the answer"), "")
		}
		return 0, err
	}
	return d.w.Write(p)
}
