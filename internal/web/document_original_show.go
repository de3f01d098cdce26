package web

import (
	"net/http"
	"strings"

	"planwatch/internal/web/respond"
)

// textCharsets are the charsets a stored text or HTML original may be
// labelled with when served as text/plain.
var textCharsets = map[string]bool{"utf-8": true, "gbk": true, "gb18030": true, "gb2312": true, "big5": true}

// originalTypes are the types and extensions of binary originals, served
// as attachments.
var originalTypes = map[string][2]string{
	"docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"},
	"pdf":  {"application/pdf", ".pdf"},
}

// documentOriginalShow serves a version's original bytes exactly as they
// were read (?version=N, default the current one). Text and HTML are
// served as text/plain in a sandbox, so a fetched page never runs in our
// origin; other formats are attachments.
func (s *Server) documentOriginalShow(w http.ResponseWriter, r *http.Request) {
	seq, err := intParam(r, "version", 0, 1<<30)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	d, err := s.loadDocument(r.Context(), r.PathValue("id"), seq)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	body, err := s.st.Blob(r.Context(), d.Version.SHA256)
	if err != nil {
		respond.Error(w, r, notFound(err, "original of document "+d.Document.ID))
		return
	}
	f := respond.File{Foreign: true, ContentType: "application/octet-stream", Name: d.Document.ID + ".bin"}
	switch format := strings.ToLower(d.Version.Format); format {
	case "text", "html":
		f.ContentType, f.Inline, f.Name = "text/plain", true, ""
		if cs := strings.ToLower(d.Version.Charset); textCharsets[cs] {
			f.ContentType += "; charset=" + cs
		}
	default:
		if t, ok := originalTypes[format]; ok {
			f.ContentType, f.Name = t[0], fileName(d.Document.Title, d.Document.ID)+t[1]
		}
	}
	respond.Bytes(w, r, f, body)
}

// fileName makes a download's base name from a title: path and control
// characters dropped, at most 60 characters; fallback when nothing is
// left.
func fileName(title, fallback string) string {
	var b strings.Builder
	n := 0
	for _, r := range title {
		if n >= 60 {
			break
		}
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`/\:*?"<>|`, r) {
			continue
		}
		b.WriteRune(r)
		n++
	}
	if s := strings.TrimSpace(b.String()); s != "" {
		return s
	}
	return fallback
}
