package e2e

import (
	"context"
	"os"
	"testing"

	"github.com/actorgraph/actorgraph/testkit"
)

// server is the actorgraph under test, with the Crocus data set loaded.
var server *testkit.Server

func TestMain(m *testing.M) {
	code := testkit.RunMain(m, func(ctx context.Context, n *testkit.Neo4j) error {
		if err := n.LoadCrocus(ctx); err != nil {
			return err
		}
		s, err := testkit.StartServer(ctx, n)
		if err != nil {
			return err
		}
		server = s
		return nil
	})
	if server != nil {
		server.Close()
	}
	os.Exit(code)
}

func baseURL() string { return server.URL }
