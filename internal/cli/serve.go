package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"math"
	"net"
	"net/http"
	"runtime/debug"
	"time"

	"planwatch/internal/config"
	"planwatch/internal/schedule"
	"planwatch/internal/web"
)

// shutdownGrace is how long serve lets the requests in flight finish
// after SIGINT or SIGTERM; then their contexts are cancelled (a PDF's
// Chromium is killed, a query stopped) and their connections closed, so
// the whole process is gone within stopDeadline.
const shutdownGrace = time.Second

func serveCommand() *command {
	return &command{
		name:    "serve",
		args:    "[--addr 127.0.0.1:8080]",
		summary: "the web app and the REST API (/api/v1) over the library: sign-in, plans, tasks and their updates, documents, compare, search, reports",
		example: "planwatch serve\n  planwatch serve --addr 0.0.0.0:8080 --db postgres://planwatch@db/planwatch",
		setup: func(fs *flag.FlagSet) func(*Config, []string) int {
			open := dbFlags(fs)
			addr := fs.String("addr", "127.0.0.1:8080", "address to listen on; serve it over HTTPS (a TLS-terminating proxy) beyond loopback, since passwords cross it")
			var proxies multiFlag
			fs.Var(&proxies, "trusted-proxy", "a reverse proxy (address or network) whose X-Forwarded-For is believed (repeatable; default $PLANWATCH_TRUSTED_PROXIES)")
			metricsAddr := fs.String("metrics-addr", "", "a separate address serving only /metrics, e.g. 127.0.0.1:9180 (default $PLANWATCH_METRICS_ADDR)")
			workers := fs.Int("workers", 0, "heavy jobs (PDF reports, imports, fetches) at once (default $PLANWATCH_WORKERS, else 2)")
			return func(cfg *Config, args []string) int {
				if len(args) != 0 {
					return usageError(cfg, "serve", "serve takes no arguments")
				}
				if *workers < 0 || *workers > config.MaxWorkers {
					return usageError(cfg, "serve", fmt.Sprintf("--workers %d: want 1 to %d", *workers, config.MaxWorkers))
				}
				st, app, err := open(cfg)
				if err != nil {
					return fail(cfg, err)
				}
				if len(proxies) > 0 {
					app.Server.TrustedProxies = nil
				}
				for _, p := range proxies {
					if err := app.Server.TrustProxy(p); err != nil {
						st.Close()
						return usageError(cfg, "serve", "--trusted-proxy: "+err.Error())
					}
				}
				if *metricsAddr != "" {
					app.Server.MetricsAddr = *metricsAddr
				}
				if *workers > 0 {
					app.Server.Workers = *workers
				}
				defer st.Close()
				applyMemoryLimit(cfg, app.Server.MemoryLimit)
				app.Server.AuditCheckpoint = app.AuditCheckpointFile()
				srv, err := web.New(cfg.Ctx, st, cfg.Log, web.Options{Version: Version, AllowNets: app.AllowNets, Sheets: app.Sheets,
					Documents: app.Documents, Settings: app.Server})
				if err != nil {
					return fail(cfg, err)
				}
				if users, err := st.Users(cfg.Ctx); err != nil {
					return fail(cfg, err)
				} else if len(users) == 0 {
					fmt.Fprintln(cfg.Stderr, "planwatch: no accounts yet: nobody can sign in until you create the first admin:\n"+
						"  planwatch user add admin --role admin --password-stdin")
				}
				stopSchedule := startSchedule(cfg, st, app)
				var extra []listener
				if a := app.Server.MetricsAddr; a != "" {
					extra = append(extra, listener{"metrics", a, srv.MetricsHandler()})
				}
				err = serve(cfg, *addr, srv, extra...)
				stopSchedule() // stopping since the signal: the job in flight had shutdownGrace too
				// The audit log's head as the server leaves it: entries
				// deleted while it is down show at the next verify.
				ctx, cancel := context.WithTimeout(context.WithoutCancel(cfg.Ctx), 300*time.Millisecond)
				if cerr := schedule.WriteAuditCheckpoint(ctx, st, app.Server.AuditCheckpoint, "server"); cerr != nil {
					cfg.Log.Error("audit checkpoint", "err", cerr)
				}
				cancel()
				if err != nil {
					return fail(cfg, err)
				}
				return exitOK
			}
		},
	}
}

// applyMemoryLimit sets the server's soft memory limit, unless GOMEMLIMIT
// in the environment already set the runtime's: past it the collector
// runs more often instead of letting the heap grow to twice what is live.
func applyMemoryLimit(cfg *Config, limit int64) {
	if limit <= 0 || debug.SetMemoryLimit(-1) != math.MaxInt64 {
		return
	}
	debug.SetMemoryLimit(limit)
	cfg.Log.Debug("memory limit", "bytes", limit)
}

// listener is one more address serve answers on, with its own handler.
type listener struct {
	name, addr string
	h          http.Handler
}

// serve listens on addr (and the extra addresses) and serves h until
// cfg.Ctx is cancelled (SIGINT, SIGTERM), then stops accepting
// connections and lets the requests in flight finish for shutdownGrace;
// after that their contexts are cancelled and their connections closed.
func serve(cfg *Config, addr string, h http.Handler, extra ...listener) error {
	all := append([]listener{{"", addr, h}}, extra...)
	// Requests' contexts descend from base, cancelled once the grace is
	// over, so that handlers stop their work rather than run on unseen.
	base, cancelRequests := context.WithCancel(context.WithoutCancel(cfg.Ctx))
	defer cancelRequests()
	var servers []*http.Server
	done := make(chan error, len(all))
	for _, l := range all {
		ln, err := net.Listen("tcp", l.addr)
		if err != nil {
			for _, hs := range servers {
				hs.Close()
			}
			return fmt.Errorf("listen %s: %w", l.addr, err)
		}
		hs := &http.Server{
			Handler:           l.h,
			ReadHeaderTimeout: 10 * time.Second,
			ReadTimeout:       30 * time.Second,
			WriteTimeout:      2 * time.Minute, // a PDF report takes Chromium a few seconds
			IdleTimeout:       2 * time.Minute,
			MaxHeaderBytes:    64 << 10,
			ErrorLog:          slog.NewLogLogger(cfg.Log.Handler(), slog.LevelWarn),
			BaseContext:       func(net.Listener) context.Context { return base },
		}
		servers = append(servers, hs)
		if l.name == "" {
			fmt.Fprintf(cfg.Stdout, "planwatch: serving on http://%s (Ctrl-C stops)\n", ln.Addr())
		} else {
			fmt.Fprintf(cfg.Stdout, "planwatch: %s on http://%s\n", l.name, ln.Addr())
		}
		go func() { done <- hs.Serve(ln) }()
	}
	select {
	case err := <-done:
		for _, hs := range servers {
			hs.Close()
		}
		return fmt.Errorf("serve: %w", err)
	case <-cfg.Ctx.Done():
	}
	cfg.Log.Info("shutting down", "grace", shutdownGrace)
	ctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	var errs []error
	for _, hs := range servers {
		err := hs.Shutdown(ctx)
		if errors.Is(err, context.DeadlineExceeded) {
			// The grace is over: handlers still at work stop, their
			// clients get no answer (they retry; what committed is whole).
			cfg.Log.Warn("requests still in flight after the grace were cut off", "grace", shutdownGrace)
			cancelRequests()
			hs.Close()
		} else if err != nil {
			errs = append(errs, fmt.Errorf("shutdown: %w", err))
		}
	}
	for range servers {
		if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
			errs = append(errs, fmt.Errorf("serve: %w", err))
		}
	}
	fmt.Fprintln(cfg.Stdout, "planwatch: stopped")
	return errors.Join(errs...)
}
