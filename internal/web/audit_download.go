package web

import (
	"bytes"
	"fmt"
	"net/http"

	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// auditDownload exports the audit entries the filter selects (as the
// audit page reads it; paging ignored), oldest first, as ?format=csv
// (default: UTF-8 with a byte-order mark, for Excel) or jsonl. The export
// itself is written to the log (audit.export), as reading the log is
// something an auditor may later need to account for.
func (s *Server) auditDownload(w http.ResponseWriter, r *http.Request) {
	aq, f, ok := auditRequest(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	var err error
	format := r.URL.Query().Get("format")
	var buf bytes.Buffer
	var file respond.File
	name := "audit-" + s.now().Format("20060102")
	switch format {
	case "", "csv":
		format, file = "csv", respond.File{Name: name + ".csv", ContentType: "text/csv; charset=utf-8"}
		err = s.st.ExportAudit(ctx, &buf, f)
	case "jsonl":
		file = respond.File{Name: name + ".jsonl", ContentType: "application/jsonl; charset=utf-8"}
		err = s.st.ExportAuditJSONL(ctx, &buf, f)
	default:
		respond.Error(w, r, respond.BadRequest(fmt.Sprintf("format %q: want csv or jsonl", format)))
		return
	}
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	filter := map[string]string{"format": format, "actor": aq.Actor, "action": aq.Action, "from": aq.From, "to": aq.To}
	if err := auth.Record(ctx, s.st, "audit.export", "audit_log", "", nil, filter); err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.Bytes(w, r, file, buf.Bytes())
}
