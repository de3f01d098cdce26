// Command wire prints the bytes on the wire of the web app's main pages:
// it builds a sample library (60 plans of 100 tasks by default), serves it
// with web.New on loopback, and loads the sign-in page, the plan list and
// a plan page with its charts as a browser would on a first visit: the
// HTML, then every stylesheet, script, icon and image it links, the fonts
// and images those stylesheets name, and /favicon.ico when the page names
// no icon. It counts every byte received on the connection (status lines,
// headers and bodies), asking for gzip as browsers do.
//
//	go run ./bench/wire                 # SQLite in a temporary file
//	go run ./bench/wire -v              # and each resource
//	go run ./bench/wire -db "$PLANWATCH_TEST_POSTGRES"
//
// Columns: first visit (an empty cache), repeat visit (what a browser
// asks for again with that cache: files whose headers let it keep them
// are not fetched, the others are revalidated with their ETag), and the
// first visit without compression. The pages fetch no data of their own
// (charts read theirs from the page), so that is everything they load;
// the command says so if one of our scripts starts to fetch.
package main

import (
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync/atomic"
	"time"

	"planwatch/bench/benchkit"
	"planwatch/internal/store"
	"planwatch/internal/web/auth"
)

// browserEncodings is what Chromium sends as Accept-Encoding.
const browserEncodings = "gzip, deflate, br, zstd"

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "wire:", err)
		os.Exit(1)
	}
}

// page is one page measured, with its goal in bytes.
type page struct {
	name, path string
	signedIn   bool
	goal       int64
}

func run() error {
	var (
		dsn     = flag.String("db", "", "store DSN (a postgres:// DSN gets a schema of its own); empty: a new SQLite file")
		plans   = flag.Int("plans", 60, "plans in the library (the plan list shows 50 a page)")
		tasks   = flag.Int("tasks", 100, "tasks per plan")
		verbose = flag.Bool("v", false, "print each resource of each page")
	)
	flag.Parse()
	ctx := context.Background()
	sz := benchkit.DefaultSize
	sz.Plans, sz.Tasks = *plans, *tasks
	env, err := benchkit.Setup(ctx, *dsn, sz, slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		return err
	}
	defer env.Close()
	c, err := benchkit.SignIn(ctx, env.Store, env.Server.URL, "wire-"+strings.ToLower(store.NewID()), store.RoleAdmin)
	if err != nil {
		return err
	}
	pages := []page{
		{"sign-in", "/signin", false, 100_000},
		{"plan list", "/", true, 200_000},
		{"plan page", "/plans/" + env.Lib.Plans[0], true, 500_000},
	}
	fmt.Printf("back end %s, %d plans × %d tasks; bytes received (status lines, headers, bodies), 1 KB = 1000 bytes\n",
		env.Store.Dialect(), len(env.Lib.Plans), *tasks)
	fmt.Printf("%-10s %8s %12s %13s %13s %10s\n", "page", "requests", "first visit", "repeat visit", "uncompressed", "goal")
	for _, p := range pages {
		session := ""
		if p.signedIn {
			session = c.Session
		}
		gz, err := load(ctx, env.Server.URL, p.path, session, browserEncodings)
		if err != nil {
			return fmt.Errorf("%s: %w", p.name, err)
		}
		plain, err := load(ctx, env.Server.URL, p.path, session, "")
		if err != nil {
			return fmt.Errorf("%s: %w", p.name, err)
		}
		verdict := "ok"
		if gz.first > p.goal {
			verdict = "OVER"
		}
		fmt.Printf("%-10s %8d %12s %13s %13s %7s %s\n", p.name, len(gz.resources), kb(gz.first), kb(gz.repeat), kb(plain.first),
			"< "+kb(p.goal), verdict)
		if *verbose {
			for _, r := range gz.resources {
				fmt.Printf("    %9s  %9s  %-10s %s\n", kb(r.first), kb(r.repeat), r.encoding, r.path)
			}
		}
		if gz.fetches != "" {
			fmt.Printf("    note: %s calls fetch or XMLHttpRequest: data it loads is not counted\n", gz.fetches)
		}
	}
	return nil
}

func kb(n int64) string { return fmt.Sprintf("%.1f KB", float64(n)/1000) }

// resource is one response of a page's load.
type resource struct {
	path          string
	first, repeat int64 // bytes received
	encoding      string
}

// visit is a page's load: its resources and their sums.
type visit struct {
	resources     []resource
	first, repeat int64
	fetches       string // a script of ours that fetches data, if any
}

// counter counts the bytes read from the connections it dials.
type counter struct{ n atomic.Int64 }

type countedConn struct {
	net.Conn
	c *counter
}

func (cc countedConn) Read(b []byte) (int, error) {
	n, err := cc.Conn.Read(b)
	cc.c.n.Add(int64(n))
	return n, err
}

// Links a browser follows: stylesheets, scripts, icons, images; url() and
// @import in stylesheets.
var (
	linkTag   = regexp.MustCompile(`<link\b[^>]*>`)
	scriptTag = regexp.MustCompile(`<script\b[^>]*\bsrc="([^"]+)"`)
	imgTag    = regexp.MustCompile(`<img\b[^>]*\bsrc="([^"]+)"`)
	attr      = regexp.MustCompile(`\b(rel|href)="([^"]*)"`)
	cssURL    = regexp.MustCompile(`url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]`)
	fetchCall = regexp.MustCompile(`\bfetch\(|XMLHttpRequest`)
)

// load fetches a page and everything it links, as a browser with an empty
// cache would, then what that browser would fetch again on a second
// visit; accept is the Accept-Encoding sent ("" for none).
func load(ctx context.Context, base, path, session, accept string) (*visit, error) {
	cnt := &counter{}
	dialer := &net.Dialer{Timeout: 10 * time.Second}
	client := &http.Client{Timeout: time.Minute, Transport: &http.Transport{
		DisableCompression: true, // we ask, and decode, ourselves
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			conn, err := dialer.DialContext(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			return countedConn{conn, cnt}, nil
		},
	}}
	defer client.CloseIdleConnections()
	get := func(p, etag string) (body []byte, h http.Header, n int64, err error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+p, nil)
		if err != nil {
			return nil, nil, 0, err
		}
		if accept != "" {
			req.Header.Set("Accept-Encoding", accept)
		}
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		if session != "" {
			req.AddCookie(&http.Cookie{Name: auth.CookieName, Value: session})
		}
		before := cnt.n.Load()
		resp, err := client.Do(req)
		if err != nil {
			return nil, nil, 0, err
		}
		defer resp.Body.Close()
		raw, err := io.ReadAll(resp.Body)
		if err != nil {
			return nil, nil, 0, fmt.Errorf("%s: %w", p, err)
		}
		n = cnt.n.Load() - before
		if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusNotModified && p != "/favicon.ico" {
			return nil, nil, 0, fmt.Errorf("%s: status %d", p, resp.StatusCode)
		}
		body = raw
		if resp.Header.Get("Content-Encoding") == "gzip" {
			zr, err := gzip.NewReader(strings.NewReader(string(raw)))
			if err != nil {
				return nil, nil, 0, fmt.Errorf("%s: %w", p, err)
			}
			if body, err = io.ReadAll(zr); err != nil {
				return nil, nil, 0, fmt.Errorf("%s: %w", p, err)
			}
		}
		return body, resp.Header, n, nil
	}

	v := &visit{}
	html, h, n, err := get(path, "")
	if err != nil {
		return nil, err
	}
	// The page itself is never kept (no-store): a second visit loads it again.
	v.resources = append(v.resources, resource{path: path, first: n, repeat: n, encoding: h.Get("Content-Encoding")})
	seen := map[string]bool{path: true}
	queue := links(string(html), path)
	if !hasIcon(string(html)) {
		queue = append(queue, "/favicon.ico") // what a browser asks for when the page names none
	}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if seen[p] {
			continue
		}
		seen[p] = true
		body, h, n, err := get(p, "")
		if err != nil {
			return nil, err
		}
		r := resource{path: p, first: n, encoding: h.Get("Content-Encoding")}
		switch cc := h.Get("Cache-Control"); {
		case strings.Contains(cc, "immutable") || (strings.Contains(cc, "max-age=") && !strings.Contains(cc, "max-age=0")):
			r.repeat = 0 // kept by the browser
		case strings.Contains(cc, "no-store") || h.Get("ETag") == "":
			r.repeat = n
		default: // revalidated
			if _, _, r.repeat, err = get(p, h.Get("ETag")); err != nil {
				return nil, err
			}
		}
		v.resources = append(v.resources, r)
		ct := h.Get("Content-Type")
		switch {
		case strings.HasPrefix(ct, "text/css"):
			queue = append(queue, cssLinks(string(body), p)...)
		case strings.Contains(ct, "javascript") && !strings.Contains(p, "/vendor/") && fetchCall.Match(body):
			v.fetches = p
		}
	}
	for _, r := range v.resources {
		v.first += r.first
		v.repeat += r.repeat
	}
	return v, nil
}

// links returns the local URLs a page loads: stylesheets, icons and
// preloads, scripts, images. data: URLs are part of the page already.
func links(html, page string) []string {
	var out []string
	for _, tag := range linkTag.FindAllString(html, -1) {
		var rel, href string
		for _, m := range attr.FindAllStringSubmatch(tag, -1) {
			if m[1] == "rel" {
				rel = m[2]
			} else {
				href = m[2]
			}
		}
		switch {
		case strings.Contains(rel, "stylesheet"), strings.Contains(rel, "icon"), strings.Contains(rel, "preload"),
			strings.Contains(rel, "modulepreload"), strings.Contains(rel, "manifest"):
			out = appendLocal(out, href, page)
		}
	}
	for _, re := range []*regexp.Regexp{scriptTag, imgTag} {
		for _, m := range re.FindAllStringSubmatch(html, -1) {
			out = appendLocal(out, m[1], page)
		}
	}
	return out
}

// hasIcon reports whether a page names its icon (then browsers do not ask
// for /favicon.ico).
func hasIcon(html string) bool {
	for _, tag := range linkTag.FindAllString(html, -1) {
		for _, m := range attr.FindAllStringSubmatch(tag, -1) {
			if m[1] == "rel" && strings.Contains(m[2], "icon") {
				return true
			}
		}
	}
	return false
}

// cssLinks returns the fonts, images and imports a stylesheet names.
func cssLinks(css, sheet string) []string {
	var out []string
	for _, m := range cssURL.FindAllStringSubmatch(css, -1) {
		out = appendLocal(out, m[1]+m[2], sheet)
	}
	return out
}

// appendLocal resolves ref against from and appends its path when it is
// on our server (not data:, not another host).
func appendLocal(out []string, ref, from string) []string {
	ref = strings.ReplaceAll(ref, "&amp;", "&")
	if ref == "" || strings.HasPrefix(ref, "data:") {
		return out
	}
	u, err := url.Parse(ref)
	if err != nil || u.Host != "" || u.Scheme != "" {
		return out
	}
	b, _ := url.Parse(from)
	return append(out, b.ResolveReference(u).RequestURI())
}
