package cypher

import (
	"context"
	"errors"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestTranslateMemoryErrors: Neo4j's out-of-memory errors (two of which it
// classifies as transient) are ErrTooLarge, never ErrUnavailable: retrying
// the same transaction needs the same memory. A real transient error stays
// ErrUnavailable. (The handlers' TestImportOutOfTransactionMemory provokes
// the pool's error from a real server.)
func TestTranslateMemoryErrors(t *testing.T) {
	ctx := context.Background()
	for code, want := range map[string]error{
		"Neo.ClientError.General.TransactionOutOfMemoryError":   graph.ErrTooLarge,
		"Neo.TransientError.General.MemoryPoolOutOfMemoryError": graph.ErrTooLarge,
		"Neo.TransientError.General.OutOfMemoryError":           graph.ErrTooLarge,
		"Neo.TransientError.Transaction.DeadlockDetected":       graph.ErrUnavailable,
		"Neo.TransientError.General.DatabaseUnavailable":        graph.ErrUnavailable,
	} {
		got := translate(ctx, &neo4j.Neo4jError{Code: code, Msg: "m"})
		if !errors.Is(got, want) {
			t.Errorf("%s: got %v, want %v", code, got, want)
		}
		if want == graph.ErrTooLarge && errors.Is(got, graph.ErrUnavailable) {
			t.Errorf("%s: %v is also ErrUnavailable (503, try again)", code, got)
		}
	}
}
