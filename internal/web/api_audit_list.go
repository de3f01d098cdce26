package web

import (
	"net/http"

	"planwatch/internal/web/respond"
)

// apiAuditList returns a page of the audit log, newest first, filtered
// as the audit page filters it, and with ?verify=1 the result of checking
// the hash chain. Admins and auditors.
func (s *Server) apiAuditList(w http.ResponseWriter, r *http.Request) {
	aq, f, ok := auditRequest(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	es, next, err := s.auditPage(ctx, f, aq.Limit)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	out := apiAuditList{Entries: []apiAuditEntry{}, NextBefore: next}
	for _, e := range es {
		out.Entries = append(out.Entries, apiAuditEntry(e.JSON(rfc3339(e.At))))
	}
	if aq.Verify {
		c, err := s.verifyAudit(ctx)
		if err != nil {
			respond.Error(w, r, err)
			return
		}
		out.Chain = &apiAuditChain{Intact: c.Intact, Entries: c.Head.Entries, FirstSeq: c.Head.FirstSeq,
			LastSeq: c.Head.LastSeq, SHA256: c.Head.Hash, Broken: c.Broken}
	}
	respond.JSON(w, r, http.StatusOK, out)
}
