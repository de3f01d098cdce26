package ingest

import "errors"

// Document is a decoded source document, ready for extraction.
//
// Text and Original have the same number of runes and the same line breaks:
// normalization only swaps characters one for one (traditional to
// simplified, full-width digits and letters to ASCII), after pinyin
// annotations and noise lines have been dropped from both. A span found in
// Text therefore points at the same characters in Original.
type Document struct {
	Name        string // the file name or URL, used in messages
	Format      string // "text", "html", "docx" or "pdf"
	Charset     string // the source encoding that was detected: "utf-8", "gb18030", "big5", …
	Title       string // a title the container declares (<title>, DOCX core title), a hint only
	Original    string // cleaned text in the document's own script
	Text        string // Original normalized: simplified script, ASCII digits and letters
	Traditional bool   // the source was written in traditional characters
}

// Errors that name why a document could not be read. Callers wrap them with
// the input's name; errors.Is tells them apart.
var (
	ErrEmpty      = errors.New("empty document")
	ErrTooLarge   = errors.New("document too large")
	ErrBinary     = errors.New("not a text document (binary content)")
	ErrEncrypted  = errors.New("encrypted document")
	ErrNoText     = errors.New("no extractable text (image-only or undecodable)")
	ErrMalformed  = errors.New("malformed document")
	ErrUnknownFmt = errors.New("unsupported document format")
)
