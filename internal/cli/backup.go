package cli

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"planwatch/internal/config"
	"planwatch/internal/store"
)

func backupCommand() *command {
	return &command{
		name:    "backup",
		args:    "--to FILE",
		summary: "write a consistent copy of the whole database, original bytes included, while it is in use",
		example: "planwatch backup --to /var/backups/planwatch-$(date +%F).db\n  planwatch backup --db postgres://planwatch@db/planwatch --to planwatch.dump",
		setup: func(fs *flag.FlagSet) func(*Config, []string) int {
			open := dbFlags(fs)
			to := fs.String("to", "", "the backup file to write (must not exist)")
			return func(cfg *Config, args []string) int {
				if len(args) != 0 || *to == "" {
					return usageError(cfg, "backup", "give --to FILE")
				}
				st, _, err := open(cfg)
				if err != nil {
					return fail(cfg, err)
				}
				defer st.Close()
				if err := st.Backup(cfg.Ctx, *to); err != nil {
					return fail(cfg, err)
				}
				counts, err := store.VerifyBackup(cfg.Ctx, *to)
				if err != nil {
					return fail(cfg, err)
				}
				fmt.Fprintf(cfg.Stdout, "backup %s written and verified%s\n", *to, countsText(counts))
				return exitOK
			}
		},
	}
}

func restoreCommand() *command {
	return &command{
		name:    "restore",
		args:    "--from FILE [--force]",
		summary: "put a backup in place of the database, verified before and after; refused while a server or another command has the database open",
		example: "planwatch restore --from /var/backups/planwatch-2025-06-30.db --force",
		setup: func(fs *flag.FlagSet) func(*Config, []string) int {
			db := fs.String("db", "", "the database to restore into (default $PLANWATCH_DB, else the user's data directory)")
			from := fs.String("from", "", "the backup to restore")
			force := fs.Bool("force", false, "replace an existing database (never one a planwatch process has open: restore refuses that, force or not)")
			return func(cfg *Config, args []string) int {
				if len(args) != 0 || *from == "" {
					return usageError(cfg, "restore", "give --from FILE")
				}
				app, err := config.FromEnv(os.Getenv)
				if err != nil {
					return fail(cfg, fmt.Errorf("settings: %w", err))
				}
				if *db != "" {
					app.DB = *db
				}
				counts, err := store.Restore(cfg.Ctx, *from, app.DB, *force, cfg.Log)
				if err != nil {
					return fail(cfg, err)
				}
				fmt.Fprintf(cfg.Stdout, "restored %s into %s%s\n", *from, config.Redact(app.DB), countsText(counts))
				if err := resetCheckpoint(cfg, app); err != nil {
					return fail(cfg, err)
				}
				return exitOK
			}
		},
	}
}

// resetCheckpoint notes the restored audit log's head in the checkpoint
// file: the restore turned the log back on purpose, and the server's
// file, still ahead, would otherwise report the entries after the backup
// as deleted.
func resetCheckpoint(cfg *Config, app config.Config) error {
	file := app.AuditCheckpointFile()
	if file == "" {
		return nil
	}
	st, err := store.Open(cfg.Ctx, app.DB, cfg.Log)
	if err != nil {
		return err
	}
	defer st.Close()
	h, err := st.VerifyAudit(cfg.Ctx)
	if err != nil {
		return fmt.Errorf("restored audit log: %w", err)
	}
	old, _ := store.ReadAuditCheckpointFile(file)
	cp := store.AuditCheckpoint{At: time.Now(), LastSeq: h.LastSeq, Hash: h.Hash, Entries: h.Entries, By: "restore"}
	if err := store.WriteAuditCheckpointFile(file, cp); err != nil {
		return err
	}
	if old.LastSeq > cp.LastSeq {
		fmt.Fprintf(cfg.Stdout, "audit checkpoint %s moved back from entry %d to the backup's %d\n", file, old.LastSeq, cp.LastSeq)
	}
	return nil
}

// countsText lists row counts: ": 131 documents, 140 versions, …".
func countsText(c store.Counts) string {
	if len(c) == 0 {
		return ""
	}
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%d %s", c[k], k))
	}
	return ": " + strings.Join(parts, ", ")
}
