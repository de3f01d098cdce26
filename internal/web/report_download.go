package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

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
// a 503 says so before any work is done. PDFs are printed in the work
// pool, a few at a time; beyond them the answer is 503 with Retry-After.
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
	if format == "pdf" && s.opt.RenderPDF == nil {
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
	var buf bytes.Buffer
	if format == "pdf" {
		// A browser per report: a few at a time (work.go), or 503.
		err = s.work.do(r.Context(), workPDF, func(ctx context.Context) error {
			rep, err := report.Build(ctx, s.st, p.ID, asOf, report.Options{Version: s.opt.Version})
			if err != nil {
				return err
			}
			return s.renderPDF(ctx, &buf, rep)
		})
	} else {
		err = s.writeReport(r.Context(), &buf, format, p.ID, asOf)
	}
	if err != nil {
		respond.Error(w, r, fmt.Errorf("report %s as %s: %w", p.ID, format, err))
		return
	}
	name := "评估报告-" + fileName(p.Title, p.ID) + "-" + asOf.Format("2006-01-02") + kind[1]
	respond.Bytes(w, r, respond.File{Name: name, ContentType: kind[0], Inline: format == "html"}, buf.Bytes())
}

// writeReport builds the report and writes it as html, docx or xlsx.
func (s *Server) writeReport(ctx context.Context, w io.Writer, format, planID string, asOf time.Time) error {
	rep, err := report.Build(ctx, s.st, planID, asOf, report.Options{Version: s.opt.Version})
	if err != nil {
		return err
	}
	switch format {
	case "docx":
		return report.WriteDOCX(w, rep)
	case "xlsx":
		return report.WriteXLSX(w, rep)
	default:
		return report.WriteHTML(w, rep)
	}
}

// renderPDF prints the report with Chromium (or the tests' stand-in).
func (s *Server) renderPDF(ctx context.Context, w io.Writer, rep *report.Report) error {
	render := s.opt.RenderPDF
	if render == nil {
		render = report.WritePDF
	}
	err := render(ctx, w, rep)
	if errors.Is(err, report.ErrNoChromium) {
		err = respond.Unavailable("PDF reports need Chromium on the server", err)
	}
	return err
}
