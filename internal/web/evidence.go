package web

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"slices"
	"strings"

	"planwatch/internal/store"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// evidenceField is the update form's file field.
const evidenceField = "evidence_file"

// evidenceTypes are the evidence files accepted, by the type their bytes
// show, with the extensions their names may carry.
var evidenceTypes = map[string][]string{
	"application/pdf": {".pdf"},
	"image/png":       {".png"},
	"image/jpeg":      {".jpg", ".jpeg"},
	"image/gif":       {".gif"},
	"image/webp":      {".webp"},
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document": {".docx"},
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":       {".xlsx"},
}

// evidenceUpload is an evidence file posted with an update.
type evidenceUpload struct {
	Name, Type string
	Data       []byte
}

// sniffEvidence returns the type of an evidence file from its bytes: one
// of evidenceTypes, or "" when it is none of them. Office files are ZIP
// archives told apart by their main part.
func sniffEvidence(data []byte) string {
	t, _, _ := strings.Cut(http.DetectContentType(data), ";")
	if t != "application/zip" {
		if _, ok := evidenceTypes[t]; ok {
			return t
		}
		return ""
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return ""
	}
	for _, f := range zr.File {
		switch f.Name {
		case "word/document.xml":
			return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
		case "xl/workbook.xml":
			return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		}
	}
	return ""
}

// readEvidence reads the evidence file of an update form: nil when none
// was sent; a problem in lang (too large, a type not accepted, a name that
// contradicts the bytes) otherwise.
func readEvidence(r *http.Request, lang string) (*evidenceUpload, string) {
	name, data, err := formFile(r, evidenceField, maxUploadBytes)
	if errors.Is(err, errNoFile) {
		return nil, ""
	}
	if err != nil {
		var p *respond.Problem
		if errors.As(err, &p) {
			return nil, translate(lang, "evidence.err") + ": " + p.Message
		}
		return nil, translate(lang, "evidence.err") + ": " + name
	}
	t := sniffEvidence(data)
	if t == "" {
		return nil, translate(lang, "evidence.err_type") + ": " + name
	}
	if !slices.Contains(evidenceTypes[t], strings.ToLower(filepath.Ext(name))) {
		return nil, fmt.Sprintf("%s: %s (%s)", translate(lang, "evidence.err_name"), name, evidenceTypes[t][0])
	}
	return &evidenceUpload{Name: name, Type: t, Data: data}, ""
}

// addUpdateWithEvidence stores an update with its file, each with its
// audit entry, in one transaction.
func (s *Server) addUpdateWithEvidence(ctx context.Context, up *store.Update, upAudit store.AuditEntry, ev *evidenceUpload) error {
	meta := store.Evidence{Name: ev.Name, ContentType: ev.Type}
	e, err := auth.Entry(ctx, "update.evidence", "update", up.ID, nil,
		map[string]any{"item": up.ItemID, "name": ev.Name, "type": ev.Type, "size": len(ev.Data)})
	if err != nil {
		return err
	}
	if _, err := s.st.AddUpdateWithEvidence(ctx, up, upAudit, meta, ev.Data, e); err != nil {
		return fmt.Errorf("post update on %s with evidence: %w", up.ItemID, err)
	}
	return nil
}
