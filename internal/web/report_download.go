package web

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"planwatch/internal/report"
	"planwatch/internal/web/respond"
)

// reportFormats are the report formats by name: content type and
// extension.
var reportFormats = map[string][2]string{
	"html": {"text/html; charset=utf-8", ".html"},
	"docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"},
	"xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"},
	"pdf":  {"application/pdf", ".pdf"},
}

// reportDownload makes a plan's evaluation report as of ?as-of= (default
// today) in ?format=html|docx|xlsx|pdf (default html), as `planwatch
// report` does. HTML is shown in the browser (self-contained, in a
// sandbox without scripts); the other formats download as
// 评估报告-PLAN-DATE.EXT. PDF needs Chromium on the server: without it,
// a 503 says so before any work is done.
func (s *Server) reportDownload(w http.ResponseWriter, r *http.Request) {
	format := strings.ToLower(strings.TrimSpace(r.URL.Query().Get("format")))
	if format == "" {
		format = "html"
	}
	kind, ok := reportFormats[format]
	if !ok {
		respond.Error(w, r, respond.BadRequest(fmt.Sprintf("format %q: want html, docx, xlsx or pdf", format)))
		return
	}
	asOf, err := s.asOfParam(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	if format == "pdf" {
		if _, err := report.FindChromium(); err != nil {
			respond.Error(w, r, respond.Unavailable("PDF reports need Chromium on the server, which is not installed; "+
				"download the HTML or DOCX report instead (PDF 报告需要服务器安装 Chromium)", err))
			return
		}
	}
	id := r.PathValue("id")
	p, err := s.viewablePlan(r.Context(), id)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	rep, err := report.Build(r.Context(), s.st, p.ID, asOf, report.Options{Version: s.opt.Version})
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	var buf bytes.Buffer
	switch format {
	case "docx":
		err = report.WriteDOCX(&buf, rep)
	case "xlsx":
		err = report.WriteXLSX(&buf, rep)
	case "pdf":
		err = report.WritePDF(r.Context(), &buf, rep)
		if errors.Is(err, report.ErrNoChromium) {
			err = respond.Unavailable("PDF reports need Chromium on the server", err)
		}
	default:
		err = report.WriteHTML(&buf, rep)
	}
	if err != nil {
		respond.Error(w, r, fmt.Errorf("report %s as %s: %w", p.ID, format, err))
		return
	}
	name := "评估报告-" + fileName(p.Title, p.ID) + "-" + asOf.Format("2006-01-02") + kind[1]
	respond.Bytes(w, r, respond.File{Name: name, ContentType: kind[0], Inline: format == "html"}, buf.Bytes())
}
