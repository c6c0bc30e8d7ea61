// Package testkit starts the real things actorgraph's tests and integrators'
// tests need: a Neo4j 5.26 server in a container (testcontainers-go), with a
// connected driver and a way to empty it between tests.
//
// Each test package starts one server in TestMain:
//
//	var db *testkit.Neo4j
//
//	func TestMain(m *testing.M) {
//		os.Exit(testkit.RunMain(m, func(ctx context.Context, n *testkit.Neo4j) error {
//			db = n
//			return nil
//		}))
//	}
//
// and calls db.Reset(ctx) where a test needs an empty graph. A missing Docker
// engine or image is an error, never a skip.
package testkit

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/moby/moby/client"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/testcontainers/testcontainers-go"
	tcneo4j "github.com/testcontainers/testcontainers-go/modules/neo4j"
	"github.com/testcontainers/testcontainers-go/wait"
)

const (
	// OfficialImage is the image used when Docker Hub (or a local copy) has it.
	OfficialImage = "neo4j:5.26-community"
	// LocalImage is the same server built from Maven jars by scripts/neo4j-image.sh.
	LocalImage = "actorgraph/neo4j:5.26-local"
	// User and Password are the credentials of every test server.
	User     = "neo4j"
	Password = "testkit-secret"
)

// startTimeout bounds the wait for a container to accept Bolt and HTTP.
const startTimeout = 3 * time.Minute

// hint tells a developer how to get what is missing.
const hint = "run `make test`, or scripts/dockerd.sh (Docker engine) and scripts/neo4j-image.sh (" + LocalImage + ")"

// Neo4j is a running Neo4j server in a container, with a connected driver.
type Neo4j struct {
	BoltURL  string // bolt://127.0.0.1:<mapped port>
	User     string
	Password string
	Image    string
	Driver   neo4j.DriverWithContext

	container *tcneo4j.Neo4jContainer
}

// StartNeo4j starts a Neo4j container and returns it once the driver has
// verified connectivity. The image is NEO4J_TEST_IMAGE, else OfficialImage
// when present or pullable, else LocalImage. settings are neo4j.conf
// settings for this server (e.g. "dbms.memory.transaction.total.max":
// "10m"). Callers must Terminate it.
func StartNeo4j(ctx context.Context, settings ...map[string]string) (*Neo4j, error) {
	setenvDefaults()
	img, err := chooseImage(ctx)
	if err != nil {
		return nil, err
	}

	conf := map[string]string{}
	for _, m := range settings {
		maps.Copy(conf, m)
	}
	c, err := tcneo4j.Run(ctx, img, tcneo4j.WithAdminPassword(Password), tcneo4j.WithNeo4jSettings(conf),
		// The module's wait strategy, with more than its 60 s: two packages
		// starting servers at once on a 2-core CI machine take longer.
		testcontainers.WithWaitStrategyAndDeadline(startTimeout,
			wait.ForLog("Bolt enabled on").WithStartupTimeout(startTimeout),
			wait.ForHTTP("/").WithPort("7474/tcp").WithStartupTimeout(startTimeout).
				WithStatusCodeMatcher(func(status int) bool { return status == http.StatusOK }),
		))
	if err != nil {
		err = fmt.Errorf("start %s: %w%s", img, err, logTail(c))
		if c != nil {
			_ = c.Terminate(context.Background())
		}
		return nil, err
	}
	n := &Neo4j{User: User, Password: Password, Image: img, container: c}

	url, err := c.BoltUrl(ctx)
	if err != nil {
		_ = n.Terminate(context.Background())
		return nil, fmt.Errorf("bolt url: %w", err)
	}
	// A single server needs no routing: bolt:// connects to it directly
	// (neo4j:// works too, at the cost of a routing-table round trip).
	n.BoltURL = "bolt://" + strings.TrimPrefix(url, "neo4j://")

	n.Driver, err = neo4j.NewDriverWithContext(n.BoltURL, neo4j.BasicAuth(User, Password, ""))
	if err == nil {
		err = n.Driver.VerifyConnectivity(ctx)
	}
	if err != nil {
		_ = n.Terminate(context.Background())
		return nil, fmt.Errorf("connect to %s: %w", n.BoltURL, err)
	}
	return n, nil
}

// Reset deletes every node and relationship, keeping constraints and indexes,
// so each test starts from an empty graph with the schema in place.
func (n *Neo4j) Reset(ctx context.Context) error {
	s := n.Driver.NewSession(ctx, neo4j.SessionConfig{})
	defer s.Close(ctx)
	// CALL ... IN TRANSACTIONS keeps large graphs (benchmarks) within memory;
	// it needs an auto-commit transaction, hence Run rather than ExecuteQuery.
	res, err := s.Run(ctx, "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS", nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		return fmt.Errorf("reset neo4j: %w", err)
	}
	return nil
}

// Terminate closes the driver and removes the container.
func (n *Neo4j) Terminate(ctx context.Context) error {
	var errs []error
	if n.Driver != nil {
		errs = append(errs, n.Driver.Close(ctx))
	}
	if n.container != nil {
		// The data is thrown away, so there is no point in a graceful stop
		// (Neo4j's Bolt shutdown alone takes 10 s).
		errs = append(errs, n.container.Terminate(ctx, testcontainers.StopTimeout(time.Second)))
	}
	return errors.Join(errs...)
}

// RunMain is a TestMain body: it starts Neo4j, calls setup (which may be nil),
// runs the tests, removes the container and returns the exit code for os.Exit.
// When Neo4j cannot start it prints why and what to run, and returns 1.
//
// A run of fuzz targets alone (-test.run '^$' -test.fuzz X, as scripts/fuzz.sh
// runs them, and its fuzzing workers, which run with the same flags) starts
// no Neo4j and skips setup: no test runs, and the fuzz targets are pure (a
// target that needed the database would find it nil and fail).
func RunMain(m *testing.M, setup func(ctx context.Context, n *Neo4j) error) int {
	if fuzzOnly() {
		return m.Run()
	}
	// Start-up and setup (loading fixtures) get 10 min: on a CI machine
	// shared with other work, writing a 100k-node fixture alone can take 5.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	n, err := StartNeo4j(ctx)
	if err != nil {
		fmt.Fprintf(os.Stderr, "testkit: cannot start Neo4j: %v\n", err)
		return 1
	}
	defer func() {
		if err := n.Terminate(context.Background()); err != nil {
			fmt.Fprintf(os.Stderr, "testkit: terminate Neo4j: %v\n", err)
		}
	}()
	if setup != nil {
		if err := setup(ctx, n); err != nil {
			fmt.Fprintf(os.Stderr, "testkit: setup: %v\n", err)
			return 1
		}
	}
	return m.Run()
}

// fuzzOnly says whether this test binary runs fuzz targets and no test.
func fuzzOnly() bool {
	if !flag.Parsed() {
		flag.Parse()
	}
	fuzz, run := flag.Lookup("test.fuzz"), flag.Lookup("test.run")
	return fuzz != nil && fuzz.Value.String() != "" && run != nil && run.Value.String() == "^$"
}

// Main is the whole TestMain of a package whose tests share one Neo4j and
// load their own data: it starts Neo4j, sets *db to it, runs the tests and
// exits with their code (RunMain, for a setup of its own).
func Main(m *testing.M, db **Neo4j) {
	os.Exit(RunMain(m, func(_ context.Context, n *Neo4j) error {
		*db = n
		return nil
	}))
}

// setenvDefaults configures testcontainers for machines without Docker Hub:
// no Ryuk reaper (its image cannot be pulled; RunMain removes the container),
// and, inside a container, the mapped ports on 127.0.0.1 rather than the
// gateway address testcontainers would guess.
func setenvDefaults() {
	if _, ok := os.LookupEnv("TESTCONTAINERS_RYUK_DISABLED"); !ok {
		os.Setenv("TESTCONTAINERS_RYUK_DISABLED", "true")
	}
	if _, ok := os.LookupEnv("TESTCONTAINERS_HOST_OVERRIDE"); !ok {
		if _, err := os.Stat("/.dockerenv"); err == nil {
			os.Setenv("TESTCONTAINERS_HOST_OVERRIDE", "127.0.0.1")
		}
	}
}

// chooseImage checks that a Docker engine answers and picks the image.
func chooseImage(ctx context.Context) (string, error) {
	cli, err := testcontainers.NewDockerClientWithOpts(ctx)
	if err == nil {
		defer cli.Close()
		_, err = cli.Ping(ctx, client.PingOptions{})
	}
	if err != nil {
		return "", fmt.Errorf("no Docker engine (%v); %s", err, hint)
	}
	present := func(img string) bool {
		_, err := cli.ImageInspect(ctx, img)
		return err == nil
	}

	if img := os.Getenv("NEO4J_TEST_IMAGE"); img != "" {
		if img == LocalImage && !present(img) {
			return "", fmt.Errorf("NEO4J_TEST_IMAGE=%s is not built; %s", img, hint)
		}
		return img, nil // testcontainers pulls any other missing image
	}
	if present(OfficialImage) {
		return OfficialImage, nil
	}
	pullErr := pull(ctx, cli, OfficialImage)
	if pullErr == nil {
		return OfficialImage, nil
	}
	if present(LocalImage) {
		return LocalImage, nil
	}
	return "", fmt.Errorf("cannot pull %s (%v) and %s is not built; %s", OfficialImage, pullErr, LocalImage, hint)
}

func pull(ctx context.Context, cli *testcontainers.DockerClient, img string) error {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()
	r, err := cli.ImagePull(ctx, img, client.ImagePullOptions{})
	if err != nil {
		return err
	}
	defer r.Close()
	return r.Wait(ctx)
}

// logTail returns the end of a failed container's log, for the error message.
func logTail(c *tcneo4j.Neo4jContainer) string {
	if c == nil {
		return ""
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	r, err := c.Logs(ctx)
	if err != nil {
		return ""
	}
	defer r.Close()
	b, _ := io.ReadAll(r)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > 20 {
		lines = lines[len(lines)-20:]
	}
	return "\ncontainer log (last lines):\n" + strings.Join(lines, "\n")
}
