package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"net/netip"
	"runtime/debug"
	"strings"
	"time"

	"planwatch/internal/config"
	"planwatch/internal/ingest"
	"planwatch/internal/report"
	"planwatch/internal/store"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// Options configure a Server.
type Options struct {
	// Version is the planwatch version, shown in page footers and reports.
	Version string
	// Now returns the current time; nil means time.Now. Tests fix it.
	Now func() time.Time
	// AllowNets are the private networks documents may be fetched from
	// when added by URL (config allow_nets), as for `planwatch add`.
	AllowNets []netip.Prefix
	// Auth signs users in and identifies requests; nil means auth.New
	// over the store (tests may give one with its own clock or limiter).
	Auth *auth.Service
	// Sheets bounds the task lists units upload (config sheet_max_*);
	// zero fields take the defaults.
	Sheets config.Sheets
	// Documents bounds reading the documents added by upload or URL
	// (config doc_max_* and pdf_*); zero fields take the defaults.
	Documents config.Documents
	// Settings are the server's own settings (config.Server): the trusted
	// proxies, the metrics token, the work pool, the audit checkpoint.
	// The zero value trusts no proxy, serves no metrics on the main
	// address and sizes the work pool by the defaults.
	Settings config.Server
	// RenderPDF prints a report to PDF; nil means report.WritePDF
	// (Chromium). Tests stand in for the browser.
	RenderPDF func(ctx context.Context, w io.Writer, r *report.Report) error
}

// Server is the web app: configuration, store, logger, parsed templates
// and the routes, built once by New.
type Server struct {
	opt     Options
	st      *store.Store
	auth    *auth.Service
	log     *slog.Logger
	pages   map[string]*template.Template
	assets  *assets
	metrics *metrics
	work    *workPool            // PDF reports, imports and fetches, a few at a time (work.go)
	decode  ingest.DecodeOptions // the limits of reading a document (Options.Documents)
	// summaries and reports cache what is computed per plan and date
	// (plan_cache.go): every plan's home-page summary, and the reports of
	// the plans being looked at.
	summaries *planCache[planSummary]
	reports   *planCache[*planBase]
	myPlans   *planCache[*myPlanBase]              // what /my shows of each plan (my_data.go)
	cards     map[string]*planCache[template.HTML] // by language
	handler   http.Handler
	// uploads matches the routes that take more than maxBodyBytes, whose
	// limits uploadLimits holds by pattern.
	uploads      *http.ServeMux
	uploadLimits map[string]int64
	// registered lists "METHOD PATTERN" of every route given to the mux,
	// so that tests can check the OpenAPI document against it.
	registered []string
}

// New builds the server over an open store: it parses the templates,
// indexes the static files and registers the routes. Which plans are
// published is read from the store on each request.
func New(ctx context.Context, st *store.Store, log *slog.Logger, opt Options) (*Server, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	s := &Server{opt: opt, st: st, auth: opt.Auth, log: log, metrics: newMetrics(), work: newWorkPool(opt.Settings),
		decode:    ingest.NewDecodeOptions(opt.Documents),
		summaries: newPlanCache[planSummary](maxCachedSummaries), reports: newPlanCache[*planBase](maxCachedReports),
		myPlans: newPlanCache[*myPlanBase](maxCachedReports),
		cards: map[string]*planCache[template.HTML]{langZH: newPlanCache[template.HTML](maxCachedSummaries),
			langEN: newPlanCache[template.HTML](maxCachedSummaries)}}
	if s.auth == nil {
		s.auth = auth.New(st)
	}
	var err error
	if s.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	if s.pages, err = parsePages(s.assets); err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	s.uploads, s.uploadLimits = http.NewServeMux(), map[string]int64{}
	for _, rt := range s.routes() {
		pattern := rt.Method + " " + rt.Pattern
		mux.HandleFunc(pattern, instrument(pattern, rt.Handler))
		s.registered = append(s.registered, pattern)
		if rt.MaxBody > 0 {
			s.uploads.HandleFunc(pattern, http.NotFound)
			s.uploadLimits[pattern] = rt.MaxBody
		}
	}
	// Anything else: a clean 404 (or 405) through respond, never the mux's
	// plain-text answer.
	mux.HandleFunc("/", s.notFound)
	// /metrics is answered first, on its own token (metricsGate). Bodies
	// are bounded (more for uploads, limitBodies) before the auth middleware, which may read a form
	// for its CSRF field; it identifies the user, then requireSignIn keeps
	// the internal pages and the API for signed-in users.
	s.handler = s.middleware(s.metricsGate(s.limitBodies(s.auth.Middleware(s.requireSignIn(mux)))))
	return s, nil
}

// ServeHTTP serves the web app.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// now is the server's clock.
func (s *Server) now() time.Time { return s.opt.Now() }

// notFound answers requests no route matches.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		respond.Error(w, r, respond.MethodNotAllowed(r.Method))
		return
	}
	respond.Error(w, r, respond.NotFound("no such page: "+r.URL.Path, nil))
}

// statusWriter remembers the status a handler wrote, for the access log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// middleware gives each request an ID (also the audit log's) and a logger, recovers from panics
// as a clean 500, and logs one access line per request.
func (s *Server) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		// Behind a trusted proxy, the client's address from its header,
		// before anything reads RemoteAddr.
		r = withClientAddr(r, s.opt.Settings.TrustedProxies)
		id := newRequestID()
		w.Header().Set("X-Request-ID", id)
		r.Header.Set("X-Request-ID", id) // the auth middleware puts it in audit entries
		// Defaults for the few answers that bypass respond (the mux's
		// redirect to a cleaned path); respond sets them again.
		respond.SecurityHeaders(w.Header(), respond.PagePolicy)
		w.Header().Set("Cache-Control", "no-store")
		lang := languageOf(w, r)
		log := s.log.With("request_id", id)
		ctx := respond.With(r.Context(), respond.Request{ID: id, Log: log, ErrorPage: s.errorPage})
		ctx = context.WithValue(ctx, langKey{}, lang)
		r = r.WithContext(ctx)
		route := new(string) // set by instrument once the mux matches
		r = r.WithContext(context.WithValue(r.Context(), routeKey{}, route))
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				log.Error("panic", "value", fmt.Sprint(v), "stack", string(debug.Stack()))
				if sw.status == 0 {
					respond.Error(sw, r, fmt.Errorf("panic: %v", v))
				}
			}
			d := time.Since(start)
			s.metrics.observe(r.Method, *route, sw.status, d)
			log.Info("request", "method", r.Method, "path", r.URL.Path, "status", sw.status,
				"duration", d.Round(time.Microsecond))
		}()
		next.ServeHTTP(sw, r)
	})
}

// newRequestID returns 16 random hex digits.
func newRequestID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// isAPI reports whether a path belongs to the REST API.
func isAPI(path string) bool { return strings.HasPrefix(path, "/api/") }
