// Package web is planwatch's web app and REST API: pages over
// the store (plans, tasks, documents, comparisons, search, reports, the
// public view of the plans published) and the same data as JSON under /api/v1, with an
// OpenAPI document built from the route table the mux uses.
//
// A Server is built once by New and serves everything from the binary:
// templates and static files (ECharts included, when the build bundled it
// in) are embedded, nothing loads from another origin. Static files are
// linked by hashed names and kept for a year (assets.go); only pages with
// a chart load ECharts. Every response is written by package respond,
// which sets the security headers and gzips what gains from it.
//
// Handlers live one per file, named after their noun and verb
// (plan_show.go, api_plan_list.go …), and follow the same steps: parse and
// validate the request, load from the store (through track and report for
// what is computed), render. Data flows web → report/track → store, never
// back.
//
// Accounts come from internal/web/auth: New wraps the mux in its
// middleware (bodies bounded first), which identifies the user by session
// cookie or Bearer API token and refuses a browser's POST without the
// session's CSRF token. Signed out, only the probes, static files, public
// plan pages, the sign-in page and the OpenAPI document answer; other
// pages send the browser to /signin?next=…, the API answers 401. Handlers
// that change data check auth.Can and write the audit log with
// auth.Record after the change (or in the same transaction, where the
// store offers it: AddUpdatesAudited). Reading is scoped by the helpers of
// access.go (canView, viewablePlan, viewablePlans): a plan the user may
// not view is a 404. The admin pages (admin.go, user_*.go, token_*.go,
// audit_*.go; the shared steps in admin.go, audit.go and token.go)
// manage accounts, API tokens and the audit log; account_*.go is every
// user's own page: password and API tokens.
//
// Publication is a flag of the plan in the store (plan editors set it on
// the plan page or through the API): /public lists the published plans,
// /public/plans/{id} shows one, and both leave out notes, internal links
// and, unless the plan was published with them, personal names.
//
// Uploads (upload.go) are multipart forms: a route of the table that
// takes one names its limit (MaxBody), limitBodies applies it before the
// auth middleware reads the form, and formFile reads the file with a 413
// beyond it.
package web
