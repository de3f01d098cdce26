package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"
)

// Exit statuses.
const (
	exitOK    = 0
	exitFail  = 1 // an input could not be read or processed
	exitUsage = 2 // bad command line
)

// Config is what a command needs from its surroundings. It is built once in
// Main and passed down; there is no global configuration.
type Config struct {
	Ctx    context.Context
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Log    *slog.Logger
	level  *slog.LevelVar
}

// command is one subcommand. setup registers the command's flags on fs and
// returns the function that runs it with the remaining arguments; help
// calls setup too, to list the flags.
type command struct {
	name    string
	args    string // synopsis after "planwatch NAME"
	summary string
	example string
	setup   func(fs *flag.FlagSet) func(cfg *Config, args []string) int
}

// commands is the command table, in the order help lists it.
func commands() []*command {
	return []*command{
		extractCommand(), addCommand(), listCommand(), showCommand(), searchCommand(), tagCommand(),
		refreshCommand(), diffCommand(), exportCommand(), watchCommand(), documentCommand(),
		planCommand(), taskCommand(), statusCommand(), reportCommand(), indicatorCommand(), projectCommand(), sheetCommand(), groupCommand(),
		proposalCommand(), harvestCommand(),
		serveCommand(),
		unitCommand(), userCommand(), auditCommand(),
		configCommand(), backupCommand(), restoreCommand(), migrateCommand(), demoCommand(), versionCommand(), helpCommand(),
	}
}

func lookup(name string) *command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	return nil
}

// Main runs the planwatch command line and returns the process exit status.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) (status int) {
	// SIGINT and SIGTERM cancel the context: long commands stop between
	// documents, each of which is saved whole or not at all, and the work
	// in hand (a fetch, a transaction, Chromium, pg_dump) is cancelled.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan struct{})
	defer close(done)
	watchSignals(cancel, done, stderr)
	cfg := &Config{Ctx: ctx, Stdin: stdin, Stdout: stdout, Stderr: stderr, level: new(slog.LevelVar)}
	cfg.level.Set(slog.LevelWarn)
	// PLANWATCH_LOG_FORMAT=json gives one JSON object per line, for a
	// server whose logs go to a collector; text is easier to read.
	if os.Getenv("PLANWATCH_LOG_FORMAT") == "json" {
		cfg.Log = slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: cfg.level}))
	} else {
		cfg.Log = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: cfg.level}))
	}
	if v := os.Getenv("PLANWATCH_LOG_LEVEL"); v != "" {
		var l slog.Level
		if err := l.UnmarshalText([]byte(v)); err != nil {
			cfg.Log.Warn("ignoring PLANWATCH_LOG_LEVEL", "value", v, "want", "debug, info, warn or error")
		} else {
			cfg.level.Set(l)
		}
	}

	// Last resort: a bug anywhere below is one line on stderr, not a stack
	// trace (the stack goes to the debug log).
	defer func() {
		if v := recover(); v != nil {
			fmt.Fprintf(stderr, "planwatch: internal error: %s\n", oneLine(fmt.Sprint(v)))
			cfg.Log.Debug("panic", "stack", string(debug.Stack()))
			status = exitFail
		}
	}()

	// Options before the command name: --verbose, --help, --version.
	for len(args) > 0 && strings.HasPrefix(args[0], "-") && args[0] != "-" {
		switch strings.TrimLeft(args[0], "-") {
		case "v", "verbose":
			cfg.level.Set(slog.LevelDebug)
		case "h", "help":
			printOverview(stdout)
			return exitOK
		case "version":
			args = []string{"version"}
			continue
		default:
			return usageError(cfg, "", fmt.Sprintf("unknown option %s", args[0]))
		}
		args = args[1:]
	}
	if len(args) == 0 {
		return usageError(cfg, "", "no command given")
	}
	cmd := lookup(args[0])
	if cmd == nil {
		return usageError(cfg, "", unknownCommand(args[0]))
	}
	fs := newFlagSet(cfg, cmd)
	run := cmd.setup(fs)
	rest, err := parseInterleaved(fs, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		printUsage(stdout, cmd)
		return exitOK
	}
	if err != nil {
		return usageError(cfg, cmd.name, flagProblem(fs, err))
	}
	cfg.Log.Debug("running", "command", cmd.name, "args", rest)
	return run(cfg, rest)
}

// Stopping on a signal: every command, the server included, stops within
// stopDeadline of SIGINT or SIGTERM. The cancelled context stops nearly
// everything at once; hardStop is the backstop for work that cannot be
// interrupted (extracting one very large document), after which the
// process exits without waiting — what it committed is whole (each
// document, sheet and update is one transaction; a backup is renamed
// into place only when whole). A second signal exits at once.
const (
	stopDeadline = 2 * time.Second
	hardStop     = stopDeadline - 300*time.Millisecond // leaves the process time to exit
)

// watchSignals cancels the command's context on the first SIGINT or
// SIGTERM, and exits the process on a second one or hardStop later if
// the command has not returned (done closed) by then.
func watchSignals(cancel context.CancelFunc, done <-chan struct{}, stderr io.Writer) {
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		defer signal.Stop(sigs)
		var sig os.Signal
		select {
		case sig = <-sigs:
		case <-done:
			return
		}
		cancel()
		timer := time.NewTimer(hardStop)
		defer timer.Stop()
		select {
		case <-done:
			return
		case <-sigs:
		case <-timer.C:
		}
		fmt.Fprintf(stderr, "planwatch: stopped by %s before the work in hand finished; what was saved is whole, run the command again to finish\n", sig)
		os.Exit(exitFail)
	}()
}

// newFlagSet returns an empty flag set for cmd that reports errors to the
// caller instead of printing them, with the options every command shares.
func newFlagSet(cfg *Config, cmd *command) *flag.FlagSet {
	fs := flag.NewFlagSet("planwatch "+cmd.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.BoolFunc("verbose", "log debug messages to stderr (or set PLANWATCH_LOG_LEVEL=debug)", func(string) error {
		cfg.level.Set(slog.LevelDebug)
		return nil
	})
	return fs
}

// parseInterleaved parses flags that come before, between or after the
// positional arguments ("extract plan.txt --json") and returns the
// positional ones. Everything after "--" is positional.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), nil
		}
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// usageError prints a one-line complaint about the command line and
// returns the usage exit status.
func usageError(cfg *Config, cmdName, msg string) int {
	hint := "planwatch help"
	prefix := "planwatch"
	if cmdName != "" {
		hint += " " + cmdName
		prefix += " " + cmdName
	}
	fmt.Fprintf(cfg.Stderr, "%s: %s (see '%s')\n", prefix, oneLine(msg), hint)
	return exitUsage
}

// fail prints the one line that reports why an input failed.
func fail(cfg *Config, err error) int {
	if cfg.Ctx != nil && cfg.Ctx.Err() != nil && errors.Is(err, context.Canceled) {
		fmt.Fprintln(cfg.Stderr, "planwatch: interrupted; what was saved is whole, run the command again to finish")
		return exitFail
	}
	fmt.Fprintf(cfg.Stderr, "planwatch: %s\n", oneLine(err.Error()))
	return exitFail
}

// oneLine folds a message onto a single line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
