// Package web is planwatch's web app and REST API: read-only pages over
// the store (plans, tasks, documents, comparisons, search, reports, a
// public plan view) and the same data as JSON under /api/v1, with an
// OpenAPI document built from the route table the mux uses.
//
// A Server is built once by New and serves everything from the binary:
// templates and static files (ECharts included, when the build copied it
// in) are embedded, nothing loads from another origin. Every response is
// written by package respond, which sets the security headers.
//
// Handlers live one per file, named after their noun and verb
// (plan_show.go, api_plan_list.go …), and follow the same steps: parse and
// validate the request, load from the store (through track and report for
// what is computed), render. Data flows web → report/track → store, never
// back.
//
// There are no accounts yet: the server has no forms that change data and
// should listen on loopback or a trusted network only until sign-in,
// sessions, CSRF protection and the audit log exist.
package web
