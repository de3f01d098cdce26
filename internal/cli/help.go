package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

func helpCommand() *command {
	return &command{
		name:    "help",
		args:    "[COMMAND]",
		summary: "show how to use planwatch or one of its commands",
		example: "planwatch help extract",
		setup: func(fs *flag.FlagSet) func(*Config, []string) int {
			return func(cfg *Config, args []string) int {
				switch len(args) {
				case 0:
					printOverview(cfg.Stdout)
					return exitOK
				case 1:
					cmd := lookup(args[0])
					if cmd == nil {
						return usageError(cfg, "help", unknownCommand(args[0]))
					}
					printUsage(cfg.Stdout, cmd)
					return exitOK
				}
				return usageError(cfg, "help", "takes at most one COMMAND")
			}
		},
	}
}

// printOverview lists the commands.
func printOverview(w io.Writer) {
	fmt.Fprint(w, `planwatch turns Chinese policy documents (行动计划, 实施方案, 规划…) into
structured, tracked plans.

usage: planwatch [--verbose] COMMAND [flags] [arguments]

commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
examples:
  planwatch demo
  planwatch extract --json plan.txt

Run 'planwatch help COMMAND' (or COMMAND --help) for a command's flags.
Logging goes to stderr at warn level; --verbose or PLANWATCH_LOG_LEVEL=debug
shows more.
`)
}

// printUsage shows one command's synopsis, flags and example.
func printUsage(w io.Writer, cmd *command) {
	fmt.Fprintf(w, "usage: planwatch %s", cmd.name)
	if cmd.args != "" {
		fmt.Fprintf(w, " %s", cmd.args)
	}
	fmt.Fprintf(w, "\n\n%s%s.\n\nflags:\n", strings.ToUpper(cmd.summary[:1]), cmd.summary[1:])
	fs := newFlagSet(&Config{}, cmd)
	cmd.setup(fs)
	printFlags(w, fs)
	fmt.Fprintf(w, "\nexample:\n  %s\n", cmd.example)
}
