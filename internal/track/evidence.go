package track

import (
	"archive/zip"
	"bytes"
	"fmt"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
)

// MaxEvidenceBytes bounds an evidence file, from any door.
const MaxEvidenceBytes = 10 << 20

// EvidenceTypes are the evidence files accepted (佐证材料), by the type
// their bytes show, with the extensions their names may carry.
var EvidenceTypes = map[string][]string{
	"application/pdf": {".pdf"},
	"image/png":       {".png"},
	"image/jpeg":      {".jpg", ".jpeg"},
	"image/gif":       {".gif"},
	"image/webp":      {".webp"},
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document": {".docx"},
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":       {".xlsx"},
}

// SniffEvidence returns the type of an evidence file from its bytes: one
// of EvidenceTypes, or "" when it is none of them. Office files are ZIP
// archives told apart by their main part.
func SniffEvidence(data []byte) string {
	t, _, _ := strings.Cut(http.DetectContentType(data), ";")
	if t != "application/zip" {
		if _, ok := EvidenceTypes[t]; ok {
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

// CheckEvidence returns the type of an evidence file named name, or an
// error saying why it is refused: over MaxEvidenceBytes, a type not
// accepted, or a name whose extension contradicts the bytes.
func CheckEvidence(name string, data []byte) (string, error) {
	if len(data) > MaxEvidenceBytes {
		return "", fmt.Errorf("evidence %s: %d bytes, over the limit of %d MiB", name, len(data), MaxEvidenceBytes>>20)
	}
	t := SniffEvidence(data)
	if t == "" {
		return "", fmt.Errorf("evidence %s: not a PDF, image (PNG, JPEG, GIF, WebP), .docx or .xlsx file", name)
	}
	if !slices.Contains(EvidenceTypes[t], strings.ToLower(filepath.Ext(name))) {
		return "", fmt.Errorf("evidence %s: the file is %s, its name should end in %s", name, EvidenceTypes[t][0][1:], EvidenceTypes[t][0])
	}
	return t, nil
}
