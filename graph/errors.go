package graph

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors. The store translates driver errors into these; handlers map
// them to HTTP status codes.
var (
	ErrNotFound    = errors.New("not found")
	ErrConflict    = errors.New("conflict")
	ErrUnavailable = errors.New("database unavailable")
	ErrTimeout     = errors.New("query timed out")
	// ErrAuth is the database refusing our credentials (or their use): an
	// operator must fix the configuration; retrying will not help.
	ErrAuth = errors.New("database authentication failed")
	// ErrSelectionTooLarge is a selection larger than a computation over
	// it may take (ACTORGRAPH_ANALYTICS_MAX_EDGES): the caller must narrow it.
	ErrSelectionTooLarge = errors.New("selection too large")
	// ErrTooLarge is work larger than the database's memory for one
	// transaction allows: retrying the same request fails the same way.
	ErrTooLarge = errors.New("too large for one transaction")
)

// Problem is one thing wrong with input: where it is, which field, which value, why.
type Problem struct {
	Record string `json:"record,omitempty"`
	Field  string `json:"field,omitempty"`
	Value  string `json:"value,omitempty"`
	Reason string `json:"reason"`
}

func (p Problem) String() string {
	var b strings.Builder
	if p.Record != "" {
		b.WriteString(p.Record)
		b.WriteString(": ")
	}
	if p.Field != "" {
		b.WriteString(p.Field)
		if p.Value != "" {
			fmt.Fprintf(&b, " %q", Clip(p.Value, 80))
		}
		b.WriteString(": ")
	}
	b.WriteString(p.Reason)
	return b.String()
}

// ValidationError is bad input, with every problem found.
type ValidationError struct {
	Problems []Problem
}

func (e *ValidationError) Error() string {
	if len(e.Problems) == 0 {
		return "invalid input"
	}
	msg := e.Problems[0].String()
	if n := len(e.Problems) - 1; n > 0 {
		msg += fmt.Sprintf(" (and %d more problem(s))", n)
	}
	return msg
}

// Invalid returns a ValidationError with one problem.
func Invalid(field, value, reason string) *ValidationError {
	return &ValidationError{Problems: []Problem{{Field: field, Value: value, Reason: reason}}}
}

// AmbiguousError is a name that matches several entities.
type AmbiguousError struct {
	Name       string
	Candidates []Node
}

func (e *AmbiguousError) Error() string {
	names := make([]string, len(e.Candidates))
	for i, c := range e.Candidates {
		names[i] = c.ID + " (" + c.Name + ")"
	}
	return fmt.Sprintf("%q matches %d entities: %s; use an id", e.Name, len(e.Candidates), strings.Join(names, ", "))
}

func (e *AmbiguousError) Unwrap() error { return ErrConflict }

// UnknownError is a name or id that matches no entity, with the closest matches.
type UnknownError struct {
	Name    string
	Closest []Node
}

func (e *UnknownError) Error() string {
	msg := fmt.Sprintf("no entity has the id, name or alias %q", Clip(e.Name, 80))
	if len(e.Closest) > 0 {
		names := make([]string, len(e.Closest))
		for i, c := range e.Closest {
			names[i] = c.ID + " (" + c.Name + ")"
		}
		msg += "; closest: " + strings.Join(names, ", ")
	}
	return msg
}

func (e *UnknownError) Unwrap() error { return ErrNotFound }

// Clip cuts s to n code points, marking the cut with an ellipsis (for
// messages that quote a value).
func Clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// RecordName names a record for a message: its place in the file (rec,
// "nodes[3]", "line 7") and, when it has one, its id, clipped.
func RecordName(rec, id string) string {
	if id == "" {
		return rec
	}
	return rec + " (" + Clip(id, 60) + ")"
}

// PrefixProblems puts file before the record of each problem that does not
// name it yet, and returns the problems as one ValidationError.
func PrefixProblems(file string, probs []Problem) *ValidationError {
	for i := range probs {
		if file != "" && !strings.HasPrefix(probs[i].Record, file) {
			probs[i].Record = file + ": " + probs[i].Record
		}
	}
	return &ValidationError{Problems: probs}
}

// RefusedError is input that parses but is refused as a whole (a STIX bundle
// that breaks the specification, a relationship to nothing): one problem per
// thing wrong, answered 422.
type RefusedError struct {
	*ValidationError
}

// Refused returns a RefusedError with these problems.
func Refused(probs []Problem) *RefusedError {
	return &RefusedError{&ValidationError{Problems: probs}}
}

func (e *RefusedError) Unwrap() error { return e.ValidationError }

// TooLargeError is work the database could not hold in one transaction,
// with what to do instead (Msg) and the database's own error (Cause, which
// is ErrTooLarge).
type TooLargeError struct {
	Msg   string
	Cause error
}

func (e *TooLargeError) Error() string { return e.Msg }

func (e *TooLargeError) Unwrap() error { return e.Cause }
