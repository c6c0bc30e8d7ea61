package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/actorgraph/actorgraph/cmd/internal/cli"
)

// offlineNeo4j is the Neo4j server load --bulk stops, imports into with
// neo4j-admin and starts again.
type offlineNeo4j interface {
	start(ctx context.Context) error
	stop(ctx context.Context) error
	// importFull runs neo4j-admin database import full with args into the
	// stopped server's database.
	importFull(ctx context.Context, args []string) error
}

// findNeo4j says which Neo4j load --bulk runs: the installation at home
// (--neo4j-home, NEO4J_HOME) when set, else the one a checkout runs from
// its jars in .neo4j/lib (--checkout, ACTORGRAPH_CHECKOUT, default ".").
func findNeo4j(home, checkout string, db cli.DB, getenv func(string) string, log io.Writer) (offlineNeo4j, error) {
	if home != "" {
		for _, tool := range []string{"neo4j", "neo4j-admin"} {
			if st, err := os.Stat(filepath.Join(home, "bin", tool)); err != nil || st.IsDir() {
				return nil, cli.UsageError(fmt.Sprintf("NEO4J_HOME %s has no bin/%s: set NEO4J_HOME "+
					"(or --neo4j-home) to the folder of a Neo4j 5 installation", home, tool))
			}
		}
		return installedNeo4j{home: home, db: db, getenv: getenv, log: log}, nil
	}
	c, err := newCheckoutNeo4j(checkout, getenv, log)
	if err != nil {
		return nil, err
	}
	return c, nil
}

// installedNeo4j is a Neo4j installation (a tarball or package's
// NEO4J_HOME) run by its own bin/neo4j and bin/neo4j-admin, with its own
// configuration.
type installedNeo4j struct {
	home   string
	db     cli.DB
	getenv func(string) string
	log    io.Writer
}

func (n installedNeo4j) tool(ctx context.Context, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, filepath.Join(n.home, "bin", name), args...)
	cmd.Env = append(os.Environ(), "NEO4J_HOME="+n.home)
	cmd.Stdout, cmd.Stderr = n.log, n.log
	return cmd
}

func (n installedNeo4j) run(ctx context.Context, name string, args ...string) error {
	if err := n.tool(ctx, name, args...).Run(); err != nil {
		return fmt.Errorf("%s %s: %w", filepath.Join(n.home, "bin", name), args[0], err)
	}
	return nil
}

func (n installedNeo4j) start(ctx context.Context) error {
	status := n.tool(ctx, "neo4j", "status")
	status.Stdout, status.Stderr = io.Discard, io.Discard
	if status.Run() != nil {
		if err := n.run(ctx, "neo4j", "start"); err != nil {
			return err
		}
	}
	return awaitBolt(ctx, n.db, 180*time.Second)
}

func (n installedNeo4j) stop(ctx context.Context) error { return n.run(ctx, "neo4j", "stop") }

func (n installedNeo4j) importFull(ctx context.Context, args []string) error {
	database := n.db.Database
	if database == "" {
		database = "neo4j"
	}
	cmd := n.tool(ctx, "neo4j-admin", append([]string{"database", "import", "full"}, append(args, database)...)...)
	if h := n.getenv("NEO4J_ADMIN_HEAP"); h != "" {
		cmd.Env = append(cmd.Env, "HEAP_SIZE="+h)
	}
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s database import full: %w", filepath.Join(n.home, "bin", "neo4j-admin"), err)
	}
	return nil
}

// awaitBolt waits until the server at db.URI answers Bolt (a refused login
// is an answer: connecting afterwards says what to fix).
func awaitBolt(ctx context.Context, db cli.DB, limit time.Duration) error {
	d, err := db.Driver()
	if err != nil {
		return cli.UsageError("neo4j: " + err.Error())
	}
	defer d.Close(context.WithoutCancel(ctx))
	deadline := time.Now().Add(limit)
	for {
		vctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		err := d.VerifyConnectivity(vctx)
		cancel()
		if err == nil || cli.IsAuthError(err) {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("neo4j at %s did not answer within %v of starting: %v", db.URI, limit, cli.OneLine(err))
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// checkoutNeo4j is the Neo4j an actorgraph checkout runs from the jars in
// .neo4j/lib, laid out as scripts/neo4j-local.sh lays it out (the same
// home, pid file, log and configuration), so that either can start, stop
// or find the server the other started.
type checkoutNeo4j struct {
	state, home, pidfile, logfile string
	boltPort, httpPort            string
	heap, pagecache, adminHeap    string
	password                      string
	log                           io.Writer
}

func newCheckoutNeo4j(checkout string, getenv func(string) string, log io.Writer) (*checkoutNeo4j, error) {
	// Absolute: the server and neo4j-admin run in the home folder.
	checkout, err := filepath.Abs(checkout)
	if err != nil {
		return nil, err
	}
	state := filepath.Join(checkout, ".neo4j")
	lib := filepath.Join(state, "lib")
	if _, err := os.Stat(filepath.Join(lib, ".complete")); err != nil {
		// A checkout resolves its jars on demand, as make neo4j-start does.
		jars := filepath.Join(checkout, "scripts", "neo4j-jars.sh")
		if _, serr := os.Stat(jars); serr != nil {
			return nil, cli.UsageError(fmt.Sprintf("no Neo4j to load into: %s holds no Neo4j jars; "+
				"set NEO4J_HOME (or --neo4j-home) to a Neo4j 5 installation, "+
				"or run load from the actorgraph checkout (or pass --checkout) after make neo4j-jars", lib))
		}
		cmd := exec.Command("bash", jars)
		cmd.Stdout, cmd.Stderr = log, log
		if err := cmd.Run(); err != nil {
			return nil, fmt.Errorf("%s: %w", jars, err)
		}
	}
	or := func(k, def string) string {
		if v := getenv(k); v != "" {
			return v
		}
		return def
	}
	c := &checkoutNeo4j{state: state, home: filepath.Join(state, "home"), pidfile: filepath.Join(state, "neo4j.pid"),
		logfile: filepath.Join(state, "neo4j.log"), boltPort: or("NEO4J_BOLT_PORT", "7687"),
		httpPort: or("NEO4J_HTTP_PORT", "7474"),
		heap:     or("NEO4J_HEAP", "2g"), pagecache: or("NEO4J_PAGECACHE", "2g"), adminHeap: or("NEO4J_ADMIN_HEAP", "2g"),
		password: or("NEO4J_PASSWORD", "actorgraph"), log: log}
	// NEO4J_LOCAL_HOME puts a second server's database, pid file and log in
	// another folder (tests do); the jars stay in .neo4j/lib.
	if h := getenv("NEO4J_LOCAL_HOME"); h != "" {
		if h, err = filepath.Abs(h); err != nil {
			return nil, err
		}
		c.home, c.pidfile, c.logfile = h, filepath.Join(h, "neo4j.pid"), filepath.Join(h, "neo4j.log")
	}
	return c, nil
}

// runningPid is the server's pid when the pid file names a live Neo4j (the
// command line is checked too: after a reboot the pid may be another's).
func (c *checkoutNeo4j) runningPid() (int, bool) {
	b, err := os.ReadFile(c.pidfile)
	if err != nil {
		return 0, false
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		return 0, false
	}
	cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if err != nil || !strings.Contains(string(cmdline), "CommunityEntryPoint") {
		return 0, false
	}
	return pid, true
}

func portOpen(port string) bool {
	conn, err := net.DialTimeout("tcp", "127.0.0.1:"+port, time.Second)
	if err != nil {
		return false
	}
	conn.Close()
	return true
}

func (c *checkoutNeo4j) httpOK() bool {
	hc := http.Client{Timeout: 5 * time.Second}
	resp, err := hc.Get((&url.URL{Scheme: "http", Host: "127.0.0.1:" + c.httpPort, Path: "/"}).String())
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

func (c *checkoutNeo4j) writeConf() error {
	conf := filepath.Join(c.home, "conf")
	if err := os.MkdirAll(conf, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(conf, "neo4j.conf"), []byte(`# Written by actorgraph load --bulk (as by scripts/neo4j-local.sh) on every start; not to be edited.
server.default_listen_address=127.0.0.1
server.bolt.listen_address=127.0.0.1:`+c.boltPort+`
server.http.listen_address=127.0.0.1:`+c.httpPort+`
server.https.enabled=false
# No phoning home from developer machines and CI.
dbms.usage_report.enabled=false
# The heap is set by -Xms/-Xmx on the java command line (no neo4j bootloader here).
server.memory.heap.initial_size=`+c.heap+`
server.memory.heap.max_size=`+c.heap+`
server.memory.pagecache.size=`+c.pagecache+`
`), 0o644)
}

// java runs a class from the jars with the server's home and configuration.
func (c *checkoutNeo4j) java(ctx context.Context, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "java", args...)
	cmd.Dir = c.home
	cmd.Env = append(os.Environ(), "NEO4J_HOME="+c.home, "NEO4J_CONF="+filepath.Join(c.home, "conf"))
	return cmd
}

func (c *checkoutNeo4j) classpath() string { return filepath.Join(c.state, "lib", "*") }

func (c *checkoutNeo4j) start(ctx context.Context) error {
	if pid, ok := c.runningPid(); ok {
		fmt.Fprintf(c.log, "neo4j: already running (pid %d)\n", pid)
		return nil
	}
	for _, port := range []string{c.boltPort, c.httpPort} {
		if portOpen(port) {
			return fmt.Errorf("neo4j: port %s on 127.0.0.1 is already in use; stop that process or "+
				"set NEO4J_BOLT_PORT/NEO4J_HTTP_PORT", port)
		}
	}
	if err := c.writeConf(); err != nil {
		return err
	}
	if err := c.setPassword(ctx); err != nil {
		return err
	}
	fmt.Fprintf(c.log, "==> starting Neo4j 5.26.30 on bolt://127.0.0.1:%s (heap %s, page cache %s)\n",
		c.boltPort, c.heap, c.pagecache)
	t0 := time.Now()
	logf, err := os.Create(c.logfile)
	if err != nil {
		return err
	}
	defer logf.Close()
	// Not CommandContext: the server outlives this command.
	cmd := exec.Command("java", "-Xms"+c.heap, "-Xmx"+c.heap,
		"-XX:+UseG1GC", "-XX:-OmitStackTraceInFastThrow", "-XX:+DisableExplicitGC",
		"-Djdk.nio.maxCachedBufferSize=1024", "-Dio.netty.tryReflectionSetAccessible=true",
		"-Dlog4j2.disable.jmx=true",
		"--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
		"--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
		"-cp", c.classpath(), "org.neo4j.server.CommunityEntryPoint",
		"--home-dir="+c.home, "--config-dir="+filepath.Join(c.home, "conf"), "--console-mode")
	cmd.Dir = c.home
	cmd.Stdout, cmd.Stderr = logf, logf
	// Its own session: the server must not get the terminal's Ctrl-C meant
	// for a foreground tool.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("starting Neo4j (java): %w", err)
	}
	pid := cmd.Process.Pid
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	if err := os.WriteFile(c.pidfile, []byte(strconv.Itoa(pid)+"\n"), 0o644); err != nil {
		return err
	}
	// Polled 4 times a second: a bulk load waits for a start and a stop.
	for range 720 {
		select {
		case <-exited:
			os.Remove(c.pidfile)
			return fmt.Errorf("neo4j: exited during start; last lines of %s:\n%s", c.logfile, lastLines(c.logfile, 20))
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		if portOpen(c.boltPort) && c.httpOK() {
			fmt.Fprintf(c.log, "==> Neo4j ready in %d s (pid %d); log: %s\n", int(time.Since(t0).Seconds()), pid, c.logfile)
			return nil
		}
		time.Sleep(250 * time.Millisecond)
	}
	return fmt.Errorf("neo4j: not ready after 180 s (pid %d still running); see %s", pid, c.logfile)
}

// setPassword sets the initial password of user neo4j on the first start.
func (c *checkoutNeo4j) setPassword(ctx context.Context) error {
	marker := filepath.Join(c.home, ".password-set")
	if _, err := os.Stat(marker); err == nil {
		return nil
	}
	fmt.Fprintln(c.log, "==> setting the initial password for user neo4j")
	out, err := c.java(ctx, "-cp", c.classpath(), "org.neo4j.cli.AdminTool", "dbms", "set-initial-password",
		c.password).CombinedOutput()
	_ = os.WriteFile(filepath.Join(c.state, "admin.log"), out, 0o644)
	if err != nil {
		return fmt.Errorf("neo4j: setting the initial password: %w\n%s", err, out)
	}
	return os.WriteFile(marker, nil, 0o644)
}

func (c *checkoutNeo4j) stop(ctx context.Context) error {
	pid, ok := c.runningPid()
	if !ok {
		fmt.Fprintln(c.log, "neo4j: not running")
		os.Remove(c.pidfile)
		return nil
	}
	fmt.Fprintf(c.log, "==> stopping Neo4j (pid %d)\n", pid)
	if err := syscall.Kill(pid, syscall.SIGTERM); err != nil && !errors.Is(err, syscall.ESRCH) {
		return fmt.Errorf("neo4j: stopping pid %d: %w", pid, err)
	}
	t0 := time.Now()
	for range 240 {
		if !alive(pid) {
			os.Remove(c.pidfile)
			fmt.Fprintf(c.log, "==> Neo4j stopped in %d s\n", int(time.Since(t0).Seconds()))
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
	}
	fmt.Fprintln(c.log, "neo4j: still running after 60 s; sending SIGKILL")
	syscall.Kill(pid, syscall.SIGKILL)
	os.Remove(c.pidfile)
	return nil
}

// alive reports whether pid is a process that has not exited (a zombie,
// exited but not yet reaped, counts as gone).
func alive(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return false
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return true
	}
	// The state follows the command name in parentheses.
	if i := strings.LastIndexByte(string(b), ')'); i >= 0 && i+2 < len(b) {
		return b[i+2] != 'Z'
	}
	return true
}

func (c *checkoutNeo4j) importFull(ctx context.Context, args []string) error {
	if pid, ok := c.runningPid(); ok {
		return fmt.Errorf("neo4j: running (pid %d); stop it before an offline import", pid)
	}
	if err := c.writeConf(); err != nil {
		return err
	}
	cmd := c.java(ctx, append([]string{"-Xms" + c.adminHeap, "-Xmx" + c.adminHeap,
		"--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
		"-cp", c.classpath(), "org.neo4j.cli.AdminTool", "database", "import", "full", "neo4j"}, args...)...)
	cmd.Stdout, cmd.Stderr = c.log, c.log
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("neo4j-admin database import full (from %s): %w", filepath.Join(c.state, "lib"), err)
	}
	return nil
}

// lastLines is the end of a file, for an error that points into a log.
func lastLines(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// compile-time checks that both kinds of server do what load --bulk needs.
var (
	_ offlineNeo4j = installedNeo4j{}
	_ offlineNeo4j = (*checkoutNeo4j)(nil)
)
