package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Flags is a command's flag set whose flags may default to environment
// variables, and says so in --help.
type Flags struct {
	*flag.FlagSet
	usage  func()
	getenv func(string) string
	errs   []string
}

// NewFlags returns the flags of command name; --help prints summary and the
// flags to out.
func NewFlags(name, summary string, getenv func(string) string, out io.Writer) *Flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// The flag package prints usage on every error; we print it for --help
	// only, so a mistake is answered by one line.
	fs.SetOutput(io.Discard)
	f := &Flags{FlagSet: fs, getenv: getenv}
	fs.Usage = func() {}
	f.usage = func() {
		fmt.Fprintf(out, "%s\n\nFlags (environment variable in brackets; a flag wins):\n", summary)
		fs.SetOutput(out)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return f
}

// Str binds a string flag that defaults to env when env is set.
func (f *Flags) Str(p *string, name, env, def, help string) {
	if v := f.getenv(env); v != "" {
		def = v
	}
	f.StringVar(p, name, def, help+" ["+env+"]")
}

// Dur binds a duration flag that defaults to env when env is set.
func (f *Flags) Dur(p *time.Duration, name, env string, def time.Duration, help string) {
	if v := f.getenv(env); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			f.errs = append(f.errs, fmt.Sprintf("%s=%q is not a duration (e.g. 10s)", env, v))
		} else {
			def = d
		}
	}
	f.DurationVar(p, name, def, help+" ["+env+"]")
}

// Num binds an int flag that defaults to env when env is set.
func (f *Flags) Num(p *int, name, env string, def int, help string) {
	if v := f.getenv(env); v != "" {
		var n int
		if _, err := fmt.Sscan(v, &n); err != nil {
			f.errs = append(f.errs, fmt.Sprintf("%s=%q is not a whole number", env, v))
		} else {
			def = n
		}
	}
	f.IntVar(p, name, def, help+" ["+env+"]")
}

// Flag binds a boolean flag that defaults to env when env is set (true,
// false, 1, 0).
func (f *Flags) Flag(p *bool, name, env string, def bool, help string) {
	if v := f.getenv(env); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			f.errs = append(f.errs, fmt.Sprintf("%s=%q is not true or false", env, v))
		} else {
			def = b
		}
	}
	f.BoolVar(p, name, def, help+" ["+env+"]")
}

// Parse parses args, turning flag errors and bad environment values into
// one UsageError line; --help prints the usage and returns flag.ErrHelp.
func (f *Flags) Parse(args []string) error {
	if err := f.FlagSet.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			f.usage()
			return err
		}
		return UsageError(err.Error() + " (see --help)")
	}
	if len(f.errs) > 0 {
		return UsageError(strings.Join(f.errs, "; "))
	}
	return nil
}
