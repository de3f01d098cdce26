package store

import (
	"errors"
	"time"
)

// ErrNotFound is returned when a record asked for by ID or name does not exist.
var ErrNotFound = errors.New("not found")

// ErrConflict is returned when a write would break a uniqueness rule (a tag
// renamed onto an existing name, say).
var ErrConflict = errors.New("conflict")

// Document is one policy document in the library. Its content lives in
// versions; the fields here are those of its current version, copied for
// listing and filtering.
type Document struct {
	ID          string // application-made, sortable (time-ordered)
	Source      string // the URL it was fetched from or the file path it was read from
	Title       string
	Kind        string
	RegionCode  string // GB/T 2260, "" when unknown
	RegionName  string
	Issued      string // YYYY-MM-DD or ""
	Year        int    // issued year, else the plan's first year, else 0
	DocNumber   string
	DuplicateOf string // ID of the document this one near-duplicates, or ""
	Versions    int    // how many versions it has
	CurrentSeq  int    // the seq of the current version
	Tags        []string
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Version is one snapshot of a document: the bytes as they were read, when,
// from where, and what was extracted from them.
type Version struct {
	ID          string
	DocumentID  string
	Seq         int // 1, 2, … in the order snapshots were taken
	SHA256      string
	Size        int64
	FetchedAt   time.Time
	FinalURL    string              // after redirects; "" for files
	Status      int                 // HTTP status, 0 for files
	Headers     map[string][]string // response headers, nil for files
	ContentType string
	Format      string // text, html, docx, pdf
	Charset     string
	Text        string // normalized text (spans of Extraction point into it)
	Original    string // cleaned text in the original script
	Fingerprint uint64 // near-duplicate fingerprint of Text
	Extraction  []byte // extract.Result as JSON
}

// Snapshot is what SaveSnapshot writes in one transaction: the original
// bytes (stored once per SHA-256), the version, and either a new document
// (DocumentID == "") or a new version of an existing one.
type Snapshot struct {
	DocumentID string   // "" to create a new document
	Document   Document // metadata for a new document, or the refreshed metadata
	Version    Version
	Bytes      []byte
	Tags       []string // tags to attach (created if missing)
}

// SearchQuery filters and ranks a search.
type SearchQuery struct {
	Text   string // any Chinese substring of 2+ characters, or words
	Region string // GB/T code or name prefix, "" for any
	Year   int    // 0 for any
	Kind   string
	Tag    string
	Limit  int // 0 means 20
	Offset int
}

// SearchHit is one ranked result.
type SearchHit struct {
	Document Document
	Score    float64
	Snippet  string // a passage around the best match
	Match    [2]int // byte offsets of the match inside Snippet
}

// TagCount is a tag with the number of documents carrying it.
type TagCount struct {
	Name  string
	Count int
}
