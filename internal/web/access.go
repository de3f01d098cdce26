package web

import (
	"context"
	"net/http"
	"net/url"
	"path"
	"strings"

	"planwatch/internal/store"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// maxBodyBytes bounds every request body, before the auth middleware may
// read a form for its CSRF field.
const maxBodyBytes = 1 << 20

// openPaths are reachable signed out: probes, static files, the public
// plan pages, the sign-in page and the API's description. Prefixes end
// in "/". (/metrics is answered before sign-in, by metricsGate.)
var openPaths = []string{"/healthz", "/readyz", "/static/", "/public", "/public/", "/signin", "/signout", "/api/v1/openapi.json"}

// isOpen reports whether a path is served without a signed-in user.
func isOpen(p string) bool {
	p = path.Clean("/" + p)
	for _, o := range openPaths {
		if p == o || (strings.HasSuffix(o, "/") && strings.HasPrefix(p, o)) {
			return true
		}
	}
	return false
}

// requireSignIn lets signed-in requests and open paths through. Signed
// out, a page GET is sent to the sign-in page with the page to come back
// to; the API answers 401 in JSON (scripts use a Bearer token); any other
// page request gets a 401 page.
func (s *Server) requireSignIn(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if auth.IdentityFrom(r.Context()) != nil || isOpen(r.URL.Path) {
			next.ServeHTTP(w, r)
			return
		}
		switch {
		case isAPI(r.URL.Path):
			w.Header().Set("WWW-Authenticate", `Bearer realm="planwatch"`)
			respond.Error(w, r, respond.Unauthorized("sign in, or send an API token as Authorization: Bearer <token>"))
		case r.Method == http.MethodGet || r.Method == http.MethodHead:
			respond.Redirect(w, r, "/signin?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		default:
			respond.Error(w, r, respond.Unauthorized(translate(langFrom(r.Context()), "signin.again")))
		}
	})
}

// localNext returns next when it is a path on this site, "/" otherwise,
// so that the sign-in page cannot send anyone elsewhere.
func localNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n\t") {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return "/"
	}
	if p := path.Clean(u.Path); p == "/signin" || p == "/signout" {
		return "/"
	}
	return next
}

// Read scoping. Every page and API answer that shows a plan or anything
// of it (tasks, updates, indicators, reports, comparisons) asks these
// helpers, which ask auth.Can(user, auth.ViewPlan, …) for the request's
// user. A plan or task the user may not read is "not found", worded as
// for one that does not exist, so that its existence is not revealed.
// Documents and the library search stay readable by every signed-in
// user: the library is shared; only the plans they link to are scoped.

// canView reports whether the request's user may read the plan.
func (s *Server) canView(ctx context.Context, planID string) bool {
	u, _ := auth.UserFrom(ctx)
	return auth.Can(u, auth.ViewPlan, auth.Target{PlanID: planID})
}

// viewablePlan loads a plan (ID or unique prefix) the request's user may
// read; a 404 otherwise, the same as for an unknown plan.
func (s *Server) viewablePlan(ctx context.Context, ref string) (store.Plan, error) {
	p, err := s.st.Plan(ctx, ref)
	if err != nil {
		return store.Plan{}, notFound(err, "plan "+ref)
	}
	if !s.canView(ctx, p.ID) {
		return store.Plan{}, respond.NotFound("plan "+ref+" not found", nil)
	}
	return p, nil
}

// viewablePlans keeps the plans of a list the request's user may read,
// in their order.
func (s *Server) viewablePlans(ctx context.Context, plans []store.Plan) []store.Plan {
	out := plans[:0:0]
	for _, p := range plans {
		if s.canView(ctx, p.ID) {
			out = append(out, p)
		}
	}
	return out
}
