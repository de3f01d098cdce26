package store

import (
	"context"
	"fmt"
	"sort"
	"strings"
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
	if err := s.snippetsBeyondHead(ctx, page, terms); err != nil {
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

// ranked is a candidate with what the re-ranking found.
type ranked struct {
	hit   SearchHit
	pos   int  // place in the index's order
	title bool // a term is in the title
	whole bool // a whole-word match was found in the head
	found bool // a term was found in the text read (the head, or all of it)
}

// ranking is the outcome of rank: the hits ranked so far, best first, and
// the total.
type ranking struct {
	hits   []ranked
	total  int
	approx bool
}

// rank reads candidates from the index a window at a time and checks them
// in batches until need hits are known to be the best: need whole-word
// matches (nothing later can beat them), or need hits once a window is
// used up. On PostgreSQL every candidate is checked when the index
// matches at most searchVerifyAll documents, for an exact total.
func (s *Store) rank(ctx context.Context, terms, grams []string, f filter, need int) (ranking, error) {
	window := max(searchWindow, need)
	var (
		out                      ranking
		checked, verified, whole int
		exact, checkAll          bool
	)
	for from := 0; ; {
		cands, total, ex, err := s.d.searchCandidates(ctx, s.r, grams, f, from, max(window, searchVerifyAll))
		if err != nil {
			return ranking{}, err
		}
		if from == 0 {
			out.total, exact = total, ex
			checkAll = !exact && total <= searchVerifyAll
		}
		for lo := 0; lo < len(cands) && (whole < need || checkAll); lo += rerankBatch {
			batch := cands[lo:min(lo+rerankBatch, len(cands))]
			got, err := s.checkBatch(ctx, batch, from+lo, terms, grams, exact)
			if err != nil {
				return ranking{}, err
			}
			checked += len(batch)
			verified += len(got)
			for _, r := range got {
				if r.whole {
					whole++
				}
			}
			out.hits = append(out.hits, got...)
		}
		from += len(cands)
		// Another window only when this one left the page short and
		// candidates remain: a rare phrase among common pairs is found
		// however deep the index ranked it.
		if len(cands) == 0 || from >= out.total || len(out.hits) >= need || whole >= need {
			break
		}
	}
	if !exact {
		if checked >= out.total {
			out.total = verified
		} else if checked > 0 {
			out.total = verified + (out.total-checked)*verified/checked
			out.approx = true
		}
	}
	sort.SliceStable(out.hits, func(i, j int) bool {
		a, b := out.hits[i], out.hits[j]
		if a.whole != b.whole {
			return a.whole
		}
		if a.title != b.title {
			return a.title
		}
		return a.pos < b.pos
	})
	for i := range out.hits {
		r := &out.hits[i]
		r.hit.Score = 1 / float64(2+r.pos)
		if r.whole {
			r.hit.Score += 2
		}
		if r.title {
			r.hit.Score++
		}
	}
	return out, nil
}

// checkBatch reads a batch of candidates with their heads and returns
// those that match, in order. A candidate the index matched exactly is a
// hit; otherwise every term must be in the title, the head or, read only
// then, the whole text.
func (s *Store) checkBatch(ctx context.Context, batch []candidate, pos int, terms, grams []string, exact bool) ([]ranked, error) {
	args := make([]any, len(batch))
	at := make(map[string]int, len(batch))
	for i, c := range batch {
		args[i] = c.id
		at[c.id] = i
	}
	rows, err := s.r.QueryContext(ctx, s.q(`SELECT `+docCols+`, COALESCE(h.head, '') FROM documents d
 LEFT JOIN search_heads h ON h.document_id = d.id WHERE d.id IN (`+placeholders(len(args))+`)`), args...)
	if err != nil {
		return nil, fmt.Errorf("search documents: %w", err)
	}
	defer rows.Close()
	got := make([]*ranked, len(batch))
	var unsure []any // candidates whose head does not show every term
	for rows.Next() {
		var h string
		d, err := scanDocument(rows, &h)
		if err != nil {
			return nil, fmt.Errorf("search documents: %w", err)
		}
		i := at[d.ID]
		r := &ranked{hit: SearchHit{Document: d}, pos: pos + i}
		r.analyse(h, terms)
		all := true
		low, lowTitle := lowerASCII(h), lowerASCII(d.Title)
		for _, t := range terms {
			inTitle := strings.Contains(lowTitle, t)
			r.title = r.title || inTitle
			all = all && (inTitle || strings.Contains(low, t))
		}
		got[i] = r
		if !all && !exact {
			unsure = append(unsure, d.ID)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search documents: %w", err)
	}
	rows.Close()
	if len(unsure) > 0 {
		check := s.checkTexts
		if allHan(terms) {
			check = s.checkInDatabase
		}
		if err := check(ctx, unsure, got, at, terms, grams); err != nil {
			return nil, err
		}
	}
	out := make([]ranked, 0, len(batch))
	for _, r := range got {
		if r != nil {
			out = append(out, *r)
		}
	}
	return out, nil
}

// checkInDatabase drops (sets to nil) the candidates whose text and title
// lack a term, testing in the database: the texts are decompressed there
// but not sent. For terms of Chinese characters only, a plain substring
// test is exactly the index's phrase match (Grams splits at nothing else).
func (s *Store) checkInDatabase(ctx context.Context, ids []any, got []*ranked, at map[string]int, terms, _ []string) error {
	var conds []string
	args := append([]any{}, ids...)
	for _, t := range terms {
		conds = append(conds, "("+s.d.contains("v.text")+" OR "+s.d.contains("d.title")+")")
		args = append(args, t, t)
	}
	rows, err := s.r.QueryContext(ctx, s.q(`SELECT d.id FROM documents d JOIN versions v ON v.id = d.current_version_id
 WHERE d.id IN (`+placeholders(len(ids))+`) AND `+strings.Join(conds, " AND ")), args...)
	if err != nil {
		return fmt.Errorf("search check: %w", err)
	}
	defer rows.Close()
	ok := make(map[string]bool, len(ids))
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return fmt.Errorf("search check: %w", err)
		}
		ok[id] = true
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("search check: %w", err)
	}
	for _, id := range ids {
		if !ok[id.(string)] {
			got[at[id.(string)]] = nil
		}
	}
	return nil
}

// checkTexts reads the whole texts of candidates whose heads did not
// settle them and drops (sets to nil) those lacking a term. A term counts
// when its string is in the text or the title, or failing that when the
// index's own tokens hold it as a phrase, as SQLite's index would match
// (full-width forms, punctuation variants). The snippet is cut from the
// text then; whether the match is a whole word stays the head's verdict,
// as on SQLite, which reads no more than heads.
func (s *Store) checkTexts(ctx context.Context, ids []any, got []*ranked, at map[string]int, terms, grams []string) error {
	rows, err := s.r.QueryContext(ctx, s.q(`SELECT d.id, v.text FROM documents d
 JOIN versions v ON v.id = d.current_version_id WHERE d.id IN (`+placeholders(len(ids))+`)`), ids...)
	if err != nil {
		return fmt.Errorf("search texts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, text string
		if err := rows.Scan(&id, &text); err != nil {
			return fmt.Errorf("search texts: %w", err)
		}
		r := got[at[id]]
		if r == nil {
			continue
		}
		if !containsAll(text, r.hit.Document.Title, terms, grams) {
			got[at[id]] = nil
			continue
		}
		whole := r.whole
		r.analyse(text, terms)
		r.whole = whole
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("search texts: %w", err)
	}
	return nil
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
