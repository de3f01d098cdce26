package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"planwatch/internal/config"
	"planwatch/internal/web"
)

// shutdownTimeout is how long serve waits for requests in flight after
// SIGINT or SIGTERM before it closes their connections.
const shutdownTimeout = 15 * time.Second

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
				srv, err := web.New(cfg.Ctx, st, cfg.Log, web.Options{Version: Version, AllowNets: app.AllowNets, Settings: app.Server})
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
				err = serve(cfg, *addr, srv)
				stopSchedule() // after the requests in flight: the job in flight finishes its item
				if err != nil {
					return fail(cfg, err)
				}
				return exitOK
			}
		},
	}
}

// serve listens on addr and serves h until cfg.Ctx is cancelled (SIGINT,
// SIGTERM), then stops accepting connections and lets the requests in
// flight finish, for at most shutdownTimeout.
func serve(cfg *Config, addr string, h http.Handler) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", addr, err)
	}
	hs := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      2 * time.Minute, // a PDF report takes Chromium a few seconds
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(cfg.Log.Handler(), slog.LevelWarn),
	}
	fmt.Fprintf(cfg.Stdout, "planwatch: serving on http://%s (Ctrl-C stops)\n", ln.Addr())
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("serve: %w", err)
	case <-cfg.Ctx.Done():
	}
	cfg.Log.Info("shutting down", "timeout", shutdownTimeout)
	ctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(ctx); err != nil {
		hs.Close()
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	fmt.Fprintln(cfg.Stdout, "planwatch: stopped")
	return nil
}
