package store

import (
	"context"
	"fmt"
)

// SearchQuery filters and ranks a search.
type SearchQuery struct {
	Text   string // any Chinese substring of 2+ characters, or words; space-separated terms must all match
	Region string // GB/T code or name prefix, "" for any
	Year   int    // 0 for any
	Kind   string
	Tag    string
	// WithDuplicates finds documents marked as near-duplicates of another
	// too; by default only the originals are searched.
	WithDuplicates bool
	Limit          int // 0 means 20
	Offset         int
	// SnippetHits, when above 0, cuts snippets from the texts of the
	// page's first SnippetHits hits only: the others keep the snippet of
	// their head, or none when they matched beyond it. A page read for
	// its facets as well as for the hits shown need not read every text.
	SnippetHits int
}

// SearchHit is one ranked result.
type SearchHit struct {
	Document Document
	// Score is 2 for a whole-word match, +1 for a title match, + a share
	// of (0, 0.5] that falls with the place in the index's order; hits
	// are sorted by it.
	Score   float64
	Snippet string // a passage around the best match, newlines as spaces
	Match   [2]int // byte offsets of the match inside Snippet
}

// SearchResult is one page of a search.
type SearchResult struct {
	Hits  []SearchHit
	Total int // documents matching, exact unless TotalApprox
	// TotalApprox marks Total as an estimate. It happens only on
	// PostgreSQL, for a query with a term of three or more characters that
	// the index matches in more than searchVerifyAll documents: the index
	// finds documents holding all the term's character pairs, and only the
	// candidates read for the page are checked for the exact string. Total
	// is then the index's count scaled by the share of those checked that
	// really matched. Hits are always checked.
	TotalApprox bool
}

// candidate is a document the index matched, in the index's order.
type candidate struct {
	id    string
	title bool // the index matched a term in the title (PostgreSQL: possibly falsely)
}

// Variables rather than constants so that tests can reach their limits
// with a handful of documents.
var (
	// searchWindow is how many index matches are read at a time and
	// re-ranked in Go: whole-word matches found among them come first.
	searchWindow = 200
	// searchVerifyAll: when the index matches at most this many
	// documents, all are checked against their text on PostgreSQL, for
	// an exact total.
	searchVerifyAll = 300
	// rerankBatch is how many candidates are read from the database at a time.
	rerankBatch = 50
)

const (
	// snippetRunes is the length of a snippet.
	snippetRunes = 80
	// maxOccurrences bounds the matches examined in one document.
	maxOccurrences = 500
)

// Search is SearchPage returning the hits and the total, which may be an
// estimate (see SearchResult.TotalApprox).
func (s *Store) Search(ctx context.Context, q SearchQuery) ([]SearchHit, int, error) {
	r, err := s.SearchPage(ctx, q)
	return r.Hits, r.Total, err
}

// SearchPage finds documents containing every term of q.Text (split at
// spaces; Chinese matches any substring of two characters or more) that
// pass the filters, and returns one page of hits and how many documents
// match. Text should be normalized like documents are (simplified script;
// ingest.Normalize); full-width ASCII and case are folded here. An empty
// Text lists the filtered documents, newest first.
//
// The index yields candidates with title matches first, then newest
// first; they are read in that order a window at a time (heads only, see
// search_head.go), and ranked: documents with a whole-word match in their
// head first, then those matching in the title, then the index's order.
// Reading stops once the page is filled with whole-word matches, since
// later candidates rank below them. On PostgreSQL the index matches
// character pairs rather than phrases, so candidates are checked for the
// exact string (their text read when the head lacks it) and false matches
// dropped before they can reach a page.
func (s *Store) SearchPage(ctx context.Context, q SearchQuery) (SearchResult, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	offset := max(q.Offset, 0)
	f := filter{tag: q.Tag, region: q.Region, kind: q.Kind, year: q.Year, withDuplicates: q.WithDuplicates}
	terms, grams := queryTerms(q.Text)
	if len(terms) == 0 {
		return s.searchAll(ctx, f, limit, offset)
	}
	rk, err := s.rank(ctx, terms, grams, f, offset+limit)
	if err != nil {
		return SearchResult{}, err
	}
	res := SearchResult{Total: rk.total, TotalApprox: rk.approx}
	if offset >= len(rk.hits) {
		return res, nil
	}
	page := rk.hits[offset:min(offset+limit, len(rk.hits))]
	snip := page
	if q.SnippetHits > 0 && q.SnippetHits < len(page) {
		snip = page[:q.SnippetHits]
	}
	if err := s.snippetsBeyondHead(ctx, snip, terms); err != nil {
		return SearchResult{}, err
	}
	docs := make([]Document, len(page))
	for i := range page {
		docs[i] = page[i].hit.Document
	}
	if err := s.loadTags(ctx, docs); err != nil {
		return SearchResult{}, err
	}
	res.Hits = make([]SearchHit, len(page))
	for i := range page {
		res.Hits[i] = page[i].hit
		res.Hits[i].Document = docs[i]
	}
	return res, nil
}

// searchAll is Search without text: the filtered documents, newest first.
func (s *Store) searchAll(ctx context.Context, f filter, limit, offset int) (SearchResult, error) {
	where, args := f.where()
	if where != "" {
		where = " WHERE " + where
	}
	var total int
	if err := s.r.QueryRowContext(ctx, s.q(`SELECT count(*) FROM documents d`+where), args...).Scan(&total); err != nil {
		return SearchResult{}, fmt.Errorf("search: %w", err)
	}
	docs, err := s.Documents(ctx, DocumentFilter{Tag: f.tag, Region: f.region, Year: f.year, Kind: f.kind,
		WithDuplicates: f.withDuplicates, Limit: limit, Offset: offset})
	if err != nil {
		return SearchResult{}, fmt.Errorf("search: %w", err)
	}
	hits := make([]SearchHit, len(docs))
	for i, d := range docs {
		hits[i] = SearchHit{Document: d}
	}
	return SearchResult{Hits: hits, Total: total}, nil
}

// snippetsBeyondHead reads the whole text of hits whose match was not in
// the head, for their snippets; their place in the order stays.
func (s *Store) snippetsBeyondHead(ctx context.Context, hits []ranked, terms []string) error {
	var args []any
	at := map[string]int{}
	for i, h := range hits {
		if !h.found {
			args = append(args, h.hit.Document.ID)
			at[h.hit.Document.ID] = i
		}
	}
	if len(args) == 0 {
		return nil
	}
	rows, err := s.r.QueryContext(ctx, s.q(`SELECT d.id, v.text FROM documents d
 JOIN versions v ON v.id = d.current_version_id WHERE d.id IN (`+placeholders(len(args))+`)`), args...)
	if err != nil {
		return fmt.Errorf("search snippets: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, text string
		if err := rows.Scan(&id, &text); err != nil {
			return fmt.Errorf("search snippets: %w", err)
		}
		h := &hits[at[id]]
		whole := h.whole
		h.analyse(text, terms)
		h.whole = whole
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("search snippets: %w", err)
	}
	return nil
}
