package cli

import (
	"flag"
	"fmt"
	"runtime"
	"runtime/debug"
)

// Version is planwatch's release, set at build time with
// -ldflags "-X planwatch/internal/cli.Version=…".
var Version = "dev"

func versionCommand() *command {
	return &command{
		name:    "version",
		summary: "print the version, the Go version and the source revision",
		example: "planwatch version",
		setup: func(fs *flag.FlagSet) func(*Config, []string) int {
			return func(cfg *Config, args []string) int {
				if len(args) > 0 {
					return usageError(cfg, "version", "takes no arguments")
				}
				fmt.Fprintf(cfg.Stdout, "planwatch %s\n", Version)
				fmt.Fprintf(cfg.Stdout, "go: %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
				if rev := vcsRevision(); rev != "" {
					fmt.Fprintf(cfg.Stdout, "revision: %s\n", rev)
				}
				return exitOK
			}
		},
	}
}

// vcsRevision returns the commit the binary was built from, with its time
// and a "modified" mark, when the build recorded them.
func vcsRevision() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	var rev, when, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = " (modified)"
			}
		}
	}
	if rev == "" {
		return ""
	}
	if when != "" {
		rev += " " + when
	}
	return rev + modified
}
