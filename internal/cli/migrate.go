package cli

import (
	"flag"
	"fmt"

	"planwatch/internal/config"
	"planwatch/internal/store"
)

func migrateCommand() *command {
	return &command{
		name:    "migrate",
		args:    "--from DB --to DB",
		summary: "move a whole installation to another database (SQLite → PostgreSQL) and prove the row counts match",
		example: "planwatch migrate --from ~/.local/share/planwatch/planwatch.db --to postgres://planwatch@db/planwatch",
		setup: func(fs *flag.FlagSet) func(*Config, []string) int {
			from := fs.String("from", "", "the database to copy from (a SQLite file or a postgres:// URL)")
			to := fs.String("to", "", "the empty database to copy into")
			return func(cfg *Config, args []string) int {
				if len(args) != 0 || *from == "" || *to == "" {
					return usageError(cfg, "migrate", "give --from DB and --to DB")
				}
				src, err := store.Open(cfg.Ctx, *from, cfg.Log)
				if err != nil {
					return fail(cfg, fmt.Errorf("database %s: %w", config.Redact(*from), err))
				}
				defer src.Close()
				dst, err := store.Open(cfg.Ctx, *to, cfg.Log)
				if err != nil {
					return fail(cfg, fmt.Errorf("database %s: %w", config.Redact(*to), err))
				}
				defer dst.Close()
				counts, err := store.Copy(cfg.Ctx, src, dst)
				if err != nil {
					return fail(cfg, err)
				}
				fmt.Fprintf(cfg.Stdout, "copied %s to %s, counts match%s\n", config.Redact(*from), config.Redact(*to), countsText(counts))
				return exitOK
			}
		},
	}
}
