package cli

import (
	"bufio"
	"flag"
	"fmt"
	"time"

	"planwatch/internal/store"
)

func auditCommand() *command {
	return &command{
		name:    "audit",
		args:    "export [--since DATE] [--until DATE] [--action A] | verify [--checkpoint FILE]",
		summary: "export the audit log as CSV, or check that it was not changed and that no entry the server or a backup noted was deleted",
		example: "planwatch audit export --since 2025-01-01 > audit.csv\n  planwatch audit verify",
		setup: func(fs *flag.FlagSet) func(*Config, []string) int {
			open := dbFlags(fs)
			checkpoint := fs.String("checkpoint", "", "the server's checkpoint file of the log's head (default $PLANWATCH_AUDIT_CHECKPOINT, else DB.audit-head beside a SQLite database)")
			since := fs.String("since", "", "entries from this date (YYYY-MM-DD, local time)")
			until := fs.String("until", "", "entries before this date (YYYY-MM-DD, local time)")
			action := fs.String("action", "", "only this action, or a prefix ending in a dot (login.)")
			return func(cfg *Config, args []string) int {
				if len(args) != 1 || (args[0] != "export" && args[0] != "verify") {
					return usageError(cfg, "audit", "give export or verify")
				}
				var f store.AuditFilter
				for _, d := range []struct {
					flag string
					v    string
					t    *time.Time
				}{{"--since", *since, &f.Since}, {"--until", *until, &f.Until}} {
					if d.v == "" {
						continue
					}
					t, err := time.ParseInLocation(time.DateOnly, d.v, time.Local)
					if err != nil {
						return usageError(cfg, "audit", fmt.Sprintf("%s %q: want YYYY-MM-DD", d.flag, d.v))
					}
					*d.t = t
				}
				f.Action = *action
				st, app, err := open(cfg)
				if err != nil {
					return fail(cfg, err)
				}
				defer st.Close()
				if args[0] == "export" {
					w := bufio.NewWriter(cfg.Stdout)
					if err := st.ExportAudit(cfg.Ctx, w, f); err != nil {
						return fail(cfg, err)
					}
					if err := w.Flush(); err != nil {
						return fail(cfg, fmt.Errorf("export audit: %w", err))
					}
					return exitOK
				}
				file := app.AuditCheckpointFile()
				if *checkpoint != "" {
					file = *checkpoint
				}
				return verifyAudit(cfg, st, file)
			}
		},
	}
}

// verifyAudit checks the log's chain, and its head against the newest
// stored checkpoint and the checkpoint file (if any): a log that ends
// before what they saw lost its newest entries.
func verifyAudit(cfg *Config, st *store.Store, file string) int {
	var anchors []store.AuditCheckpoint
	if file != "" {
		cp, err := store.ReadAuditCheckpointFile(file)
		if err != nil {
			return fail(cfg, err)
		}
		anchors = append(anchors, cp)
	}
	h, err := st.VerifyAudit(cfg.Ctx, anchors...)
	if err != nil {
		return fail(cfg, err)
	}
	if h.Entries == 0 {
		fmt.Fprintln(cfg.Stdout, "audit log empty")
		return exitOK
	}
	fmt.Fprintf(cfg.Stdout, "audit log intact: %d entries (%d–%d), head %s\n", h.Entries, h.FirstSeq, h.LastSeq, h.Hash)
	if cp := h.Checkpoint; cp.LastSeq > 0 {
		fmt.Fprintf(cfg.Stdout, "  extends the checkpoint of %s (%s) at entry %d\n", cp.At.Local().Format(time.DateTime), cp.By, cp.LastSeq)
	} else {
		fmt.Fprintln(cfg.Stdout, "  no checkpoint yet (the server and backups write them)")
	}
	return exitOK
}
