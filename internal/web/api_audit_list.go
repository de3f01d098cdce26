package web

import (
	"net/http"

	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// apiAuditList returns a page of the audit log, newest first, filtered
// as the audit page filters it, and with ?verify=1 the result of checking
// the hash chain. Admins and auditors.
func (s *Server) apiAuditList(w http.ResponseWriter, r *http.Request) {
	if !allowed(w, r, auth.ReadAudit) {
		return
	}
	ctx := r.Context()
	aq, f, err := parseAuditQuery(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	f.Limit = aq.Limit + 1
	es, err := s.st.Audit(ctx, f)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	out := apiAuditList{Entries: []apiAuditEntry{}}
	if len(es) > aq.Limit {
		es = es[:aq.Limit]
		out.NextBefore = es[len(es)-1].Seq
	}
	for _, e := range es {
		out.Entries = append(out.Entries, apiAuditEntry{Seq: e.Seq, ID: e.ID, Time: rfc3339(e.At), ActorID: e.ActorID,
			ActorLogin: e.ActorLogin, Action: e.Action, EntityType: e.EntityType, EntityID: e.EntityID,
			Before: e.Before, After: e.After, RequestID: e.RequestID, IP: e.IP, SHA256: e.Hash})
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
