package cli

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/web"
)

// TestServeShutdown starts serve on a free port, cancels its context (as
// SIGINT does) while a request is in flight, and checks that the request
// still completes and serve returns cleanly.
func TestServeShutdown(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	cfg := &Config{Ctx: ctx, Stdout: pw, Stderr: io.Discard, Log: slog.New(slog.DiscardHandler)}
	started := make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		time.Sleep(300 * time.Millisecond)
		io.WriteString(w, "done")
	})
	errc := make(chan error, 1)
	go func() { errc <- serve(cfg, "127.0.0.1:0", h); pw.Close() }()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, pr)
	url := strings.Fields(line[strings.Index(line, "http://"):])[0]
	body := make(chan string, 1)
	go func() {
		resp, err := http.Get(url)
		if err != nil {
			body <- "error: " + err.Error()
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		body <- string(b)
	}()
	<-started
	cancel()
	if got := <-body; got != "done" {
		t.Errorf("in-flight request got %q, want done", got)
	}
	select {
	case err := <-errc:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not return after cancel")
	}
}

// TestServeUsage checks the command line of serve.
func TestServeUsage(t *testing.T) {
	var out, errb strings.Builder
	if got := Main([]string{"serve", "extra"}, strings.NewReader(""), &out, &errb); got != exitUsage {
		t.Errorf("serve extra: status %d, want %d (%s)", got, exitUsage, errb.String())
	}
	errb.Reset()
	if got := Main([]string{"serve", "--db", t.TempDir() + "/x.db", "--public", "zzzzzzzz", "--addr", "127.0.0.1:0"},
		strings.NewReader(""), &out, &errb); got != exitUsage {
		t.Errorf("serve --public (gone: plan publish replaces it): status %d, stderr %q", got, errb.String())
	}
}

// TestServeMetricsAddress serves the web app and, on a second address,
// its metrics alone: /metrics answers there without a token and not on
// the main address (no token set); the app is not on the metrics one.
func TestServeMetricsAddress(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "planwatch.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv, err := web.New(ctx, st, nil, web.Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	pr, pw := io.Pipe()
	cfg := &Config{Ctx: ctx, Stdout: pw, Stderr: io.Discard, Log: slog.New(slog.DiscardHandler)}
	errc := make(chan error, 1)
	go func() {
		errc <- serve(cfg, "127.0.0.1:0", srv, listener{"metrics", "127.0.0.1:0", srv.MetricsHandler()})
		pw.Close()
	}()
	r := bufio.NewReader(pr)
	var bases []string
	for range 2 {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatal(err)
		}
		bases = append(bases, strings.TrimRight(strings.Fields(line[strings.Index(line, "http://"):])[0], "/"))
	}
	go io.Copy(io.Discard, r)
	status := func(url string) int {
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := status(bases[1] + "/metrics"); got != http.StatusOK {
		t.Errorf("metrics address /metrics = %d", got)
	}
	if got := status(bases[1] + "/signin"); got != http.StatusNotFound {
		t.Errorf("metrics address /signin = %d", got)
	}
	if got := status(bases[0] + "/metrics"); got != http.StatusNotFound {
		t.Errorf("main address /metrics without a token set = %d", got)
	}
	cancel()
	if err := <-errc; err != nil {
		t.Errorf("serve: %v", err)
	}
}
