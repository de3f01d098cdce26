package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"slices"
	"strings"

	"planwatch/internal/store"
	"planwatch/internal/track"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// evidenceField is the update form's file field.
const evidenceField = "evidence_file"

// evidenceUpload is an evidence file posted with an update.
type evidenceUpload struct {
	Name, Type string
	Data       []byte
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
			msg, _ := errorMessage(lang, p) // the page's language, as on an error page
			return nil, translate(lang, "evidence.err") + ": " + msg
		}
		return nil, translate(lang, "evidence.err") + ": " + name
	}
	t := track.SniffEvidence(data)
	if t == "" {
		return nil, translate(lang, "evidence.err_type") + ": " + name
	}
	if !slices.Contains(track.EvidenceTypes[t], strings.ToLower(filepath.Ext(name))) {
		return nil, fmt.Sprintf("%s: %s (%s)", translate(lang, "evidence.err_name"), name, track.EvidenceTypes[t][0])
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
