package web

import (
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"path/filepath"
	"strings"
	"unicode"

	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// Upload limits: a filled sheet or an evidence file; a document's is
// the setting doc_max_bytes (maxDocumentBytes). A route's body may exceed
// its file's limit by formSlack, for the other fields and the multipart
// framing.
const (
	maxUploadBytes = 10 << 20
	formSlack      = 64 << 10
)

// maxDocumentBytes is the largest document that may be uploaded: what
// `planwatch add` reads (config doc_max_bytes).
func (s *Server) maxDocumentBytes() int64 { return s.decode.Limit() }

// multipartMemory is how much of a multipart body is kept in memory; the
// rest of a large file goes to a temporary file.
const multipartMemory = 8 << 20

// limitBodies bounds request bodies: maxBodyBytes, or more for the routes
// of the table that take an upload (route.MaxBody). A body declared larger
// than its route allows is refused at once with 413, before the auth
// middleware reads the form for its CSRF field.
func (s *Server) limitBodies(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := int64(maxBodyBytes)
		if _, pattern := s.uploads.Handler(r); s.uploadLimits[pattern] > 0 {
			limit = s.uploadLimits[pattern]
		}
		if r.ContentLength > limit {
			respond.Error(w, r, tooLarge("request body", limit))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		next.ServeHTTP(w, r)
	})
}

// tooLarge is a 413 problem naming what was too large and the limit.
func tooLarge(what string, limit int64) error {
	return &respond.Problem{Status: http.StatusRequestEntityTooLarge, Code: "too_large",
		Message: fmt.Sprintf("%s is too large: the limit is %s", what, sizeText(limit))}
}

// sizeText writes a limit in whole MiB, else KiB, else bytes.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// errNoFile is formFile's error when the form has no file in the field.
var errNoFile = errors.New("no file")

// formFile reads the file posted in a multipart form's field: its base
// name and bytes, at most limit of them. errNoFile when there is none (or
// the form is not multipart); a 413 problem when it is too large; a 400
// problem when the form cannot be read.
func formFile(r *http.Request, field string, limit int64) (string, []byte, error) {
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		return "", nil, errNoFile
	}
	if err := r.ParseMultipartForm(multipartMemory); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return "", nil, tooLarge("the upload", limit)
		}
		return "", nil, &respond.Problem{Status: http.StatusBadRequest, Code: "bad_form", Message: auth.MsgBadForm, Err: err}
	}
	f, h, err := r.FormFile(field)
	if errors.Is(err, http.ErrMissingFile) {
		return "", nil, errNoFile
	}
	if err != nil {
		return "", nil, respond.BadRequest(fmt.Sprintf("%s: %v", field, err))
	}
	defer f.Close()
	if i := strings.IndexFunc(h.Filename, badNameRune); i >= 0 {
		return "", nil, respond.BadRequest(fmt.Sprintf("file name %q holds a control character (U+%04X): rename the file and try again "+
			"(文件名含控制字符，请重命名后重试)", strings.Map(func(r rune) rune {
			if badNameRune(r) {
				return '?'
			}
			return r
		}, h.Filename), []rune(h.Filename[i:])[0]))
	}
	name := baseName(h)
	if h.Size == 0 {
		return name, nil, respond.BadRequest(fmt.Sprintf("file %s is empty", name))
	}
	if h.Size > limit {
		return name, nil, tooLarge("file "+name, limit)
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return name, nil, fmt.Errorf("read upload %s: %w", name, err)
	}
	if int64(len(data)) > limit {
		return name, nil, tooLarge("file "+name, limit)
	}
	releaseFiles(r)
	return name, data, nil
}

// releaseFiles lets go of the form's files once formFile has their bytes:
// the copy the form keeps in memory (the auth middleware keeps up to 32
// MiB of it) and any temporary file. An upload waiting for a worker then
// holds one copy, not two: 20 uploads of a 9 MB sheet at once took the
// server past 1 GiB. The form's other fields stay.
func releaseFiles(r *http.Request) {
	if r.MultipartForm != nil {
		r.MultipartForm.RemoveAll()
		r.MultipartForm.File = nil
	}
}

// badNameRune reports a character no file name should hold: a control
// character (NUL, line breaks, C1) or a bidirectional override, which
// makes a name read otherwise than it is (报告‮xcod.exe).
func badNameRune(r rune) bool {
	return unicode.IsControl(r) || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

// baseName is an uploaded file's name without any directories a browser
// sent along, control characters dropped; "upload" when nothing is left.
func baseName(h *multipart.FileHeader) string {
	name := strings.ReplaceAll(h.Filename, `\`, "/")
	name = filepath.Base("/" + name)
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, name)
	if name == "" || name == "/" || name == "." {
		return "upload"
	}
	return name
}

// cleanupForm removes the temporary files of a parsed multipart form.
// The server removes those of the request it made, but the form may have
// been parsed on a copy of it (the auth middleware reads the CSRF field).
func cleanupForm(r *http.Request) {
	if r.MultipartForm != nil {
		r.MultipartForm.RemoveAll()
	}
}
