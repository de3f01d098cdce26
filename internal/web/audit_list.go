package web

import (
	"net/http"

	"planwatch/internal/store"
	"planwatch/internal/web/respond"
)

// auditListPage is the audit log page's data.
type auditListPage struct {
	view
	Query     auditQuery
	Entries   []store.AuditEntry
	Chain     *auditChain // nil unless asked for
	VerifyURL string      // this page with the chain check
	NextURL   string      // the next (older) page; "" on the last
	CSVURL    string
	JSONURL   string
}

// auditList shows the audit log, newest first, filtered and a page at a
// time, with links to export what the filter selects and to check the
// hash chain (the result is shown when asked). Admins and auditors.
func (s *Server) auditList(w http.ResponseWriter, r *http.Request) {
	aq, f, ok := auditRequest(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	es, next, err := s.auditPage(ctx, f, auditPageSize)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	pg := auditListPage{view: s.newView(r, translate(langFrom(ctx), "audit.title"), "audit"), Query: aq,
		CSVURL: aq.url("/admin/audit/export", 0, "csv"), JSONURL: aq.url("/admin/audit/export", 0, "jsonl"),
		VerifyURL: withVerify(aq.url("/admin/audit", aq.Before, ""))}
	if next > 0 {
		pg.NextURL = aq.url("/admin/audit", next, "")
	}
	pg.Entries = es
	if aq.Verify {
		c, err := s.verifyAudit(ctx)
		if err != nil {
			respond.Error(w, r, err)
			return
		}
		pg.Chain = &c
	}
	respond.HTML(w, r, http.StatusOK, s.pages["audit_list"], pg)
}
