package cli

import (
	"flag"
	"fmt"
	"os"

	"planwatch/internal/config"
	"planwatch/internal/store"
)

func configCommand() *command {
	return &command{
		name:    "config",
		args:    "check",
		summary: "validate the settings (PLANWATCH_* variables, the PLANWATCH_CONFIG file, *_FILE secrets) and the database, and print them with secrets redacted",
		example: "planwatch config check\n  PLANWATCH_CONFIG=/etc/planwatch.env planwatch config check",
		setup: func(fs *flag.FlagSet) func(*Config, []string) int {
			return func(cfg *Config, args []string) int {
				if len(args) != 1 || args[0] != "check" {
					return usageError(cfg, "config", "give check")
				}
				app, settings, err := config.Load(os.Getenv, os.ReadFile)
				if err != nil {
					return fail(cfg, fmt.Errorf("settings: %w", err))
				}
				for _, s := range settings {
					fmt.Fprintf(cfg.Stdout, "%-20s %-50s (%s)\n", s.Key, s.Value, s.Origin)
				}
				// Opening the store also brings its schema up to date, which is
				// what the server would do on start.
				st, err := store.Open(cfg.Ctx, app.DB, cfg.Log)
				if err != nil {
					return fail(cfg, fmt.Errorf("database %s: %w", config.Redact(app.DB), err))
				}
				defer st.Close()
				n, err := st.CountDocuments(cfg.Ctx)
				if err != nil {
					return fail(cfg, fmt.Errorf("database %s: %w", config.Redact(app.DB), err))
				}
				fmt.Fprintf(cfg.Stdout, "database ok: %s, schema up to date, %d documents\n", st.Dialect(), n)
				return exitOK
			}
		},
	}
}
