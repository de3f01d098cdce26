package store

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
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
	Score    float64 // 2 for a whole-word match, +1 for a title match, + the index rank scaled to [0, 1)
	Snippet  string  // a passage around the best match, newlines as spaces
	Match    [2]int  // byte offsets of the match inside Snippet
}

// candidate is a document the index matched, with its rank there
// (larger is better).
type candidate struct {
	id   string
	rank float64
}

const (
	// searchCandidates is how many index matches are re-ranked in Go.
	searchCandidates = 200
	// snippetRunes is the length of a snippet.
	snippetRunes = 80
	// maxOccurrences bounds the matches examined in one document.
	maxOccurrences = 500
	// rerankRunes is how much of each candidate's text the re-ranking
	// reads: the head, where a policy document names its subject. Reading
	// whole texts of 200 candidates costs more than the index search
	// (PostgreSQL decompresses each from TOAST); a prefix is cut cheaply.
	rerankRunes = 1000
)

// Search finds documents containing every term of q.Text (split at
// spaces; Chinese matches any substring of two characters or more) that
// pass the filters. It returns one page of hits and the total number of
// matching documents. Text should be normalized like documents are
// (simplified script; ingest.Normalize); full-width ASCII and case are
// folded here. An empty Text lists the filtered documents, newest first.
//
// The index (FTS5 bm25 on SQLite, ts_rank on PostgreSQL) picks the best
// 200 candidates; they are re-ranked here: documents with a whole-word
// match first, then those matching in the title, then by index rank.
func (s *Store) Search(ctx context.Context, q SearchQuery) ([]SearchHit, int, error) {
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
	cands, total, err := s.d.searchCandidates(ctx, s.r, grams, f, max(searchCandidates, offset+limit))
	if err != nil {
		return nil, 0, err
	}
	if len(cands) == 0 || offset >= len(cands) {
		return nil, total, nil
	}
	ranked, err := s.rerank(ctx, cands, terms, offset+limit)
	if err != nil {
		return nil, 0, err
	}
	ranked = ranked[offset:min(offset+limit, len(ranked))]
	if err := s.snippetsBeyondHead(ctx, ranked, terms); err != nil {
		return nil, 0, err
	}
	hits := make([]SearchHit, len(ranked))
	for i, r := range ranked {
		hits[i] = r.hit
	}
	docs := make([]Document, len(hits))
	for i := range hits {
		docs[i] = hits[i].Document
	}
	if err := s.loadTags(ctx, docs); err != nil {
		return nil, 0, err
	}
	for i := range hits {
		hits[i].Document = docs[i]
	}
	return hits, total, nil
}

// searchAll is Search without text: the filtered documents, newest first.
func (s *Store) searchAll(ctx context.Context, f filter, limit, offset int) ([]SearchHit, int, error) {
	where, args := f.where()
	if where != "" {
		where = " WHERE " + where
	}
	var total int
	if err := s.r.QueryRowContext(ctx, s.q(`SELECT count(*) FROM documents d`+where), args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("search: %w", err)
	}
	docs, err := s.Documents(ctx, DocumentFilter{Tag: f.tag, Region: f.region, Year: f.year, Kind: f.kind,
		WithDuplicates: f.withDuplicates, Limit: limit, Offset: offset})
	if err != nil {
		return nil, 0, fmt.Errorf("search: %w", err)
	}
	hits := make([]SearchHit, len(docs))
	for i, d := range docs {
		hits[i] = SearchHit{Document: d}
	}
	return hits, total, nil
}

// ranked is a candidate with what the re-ranking found.
type ranked struct {
	hit   SearchHit
	rank  float64 // the index's
	title bool    // a term is in the title
	whole bool    // a whole-word match was found there
	found bool    // a term was found there (false too when the head was not read)
}

// rerankBatch is how many candidates' heads are read at a time.
const rerankBatch = 40

// rerank orders the candidates: whole-word matches first, then title
// matches, then index rank. Titles come with the documents; whole-word
// matches need the text, so the heads are read in batches in (title,
// rank) order, stopping once need whole-word hits are found: any later
// candidate, whole-word or not, ranks below them.
func (s *Store) rerank(ctx context.Context, cands []candidate, terms []string, need int) ([]ranked, error) {
	args := make([]any, len(cands))
	rankOf := make(map[string]float64, len(cands))
	for i, c := range cands {
		args[i] = c.id
		rankOf[c.id] = c.rank
	}
	rows, err := s.r.QueryContext(ctx, s.q(`SELECT `+docCols+` FROM documents d WHERE d.id IN (`+
		placeholders(len(args))+`)`), args...)
	if err != nil {
		return nil, fmt.Errorf("search documents: %w", err)
	}
	defer rows.Close()
	out := make([]ranked, 0, len(cands))
	for rows.Next() {
		d, err := scanDocument(rows)
		if err != nil {
			return nil, fmt.Errorf("search documents: %w", err)
		}
		r := ranked{hit: SearchHit{Document: d}, rank: rankOf[d.ID]}
		low := lowerASCII(d.Title)
		for _, t := range terms {
			r.title = r.title || strings.Contains(low, t)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search documents: %w", err)
	}
	rows.Close()
	order := func(whole bool) {
		sort.SliceStable(out, func(i, j int) bool {
			a, b := out[i], out[j]
			if whole && a.whole != b.whole {
				return a.whole
			}
			if a.title != b.title {
				return a.title
			}
			if a.rank != b.rank {
				return a.rank > b.rank
			}
			return a.hit.Document.ID > b.hit.Document.ID
		})
	}
	order(false)
	wholes := 0
	for lo := 0; lo < len(out) && wholes < need; lo += rerankBatch {
		batch := out[lo:min(lo+rerankBatch, len(out))]
		if err := s.readHeads(ctx, batch, terms); err != nil {
			return nil, err
		}
		for _, r := range batch {
			if r.whole {
				wholes++
			}
		}
	}
	order(true)
	for i := range out {
		r := &out[i]
		r.hit.Score = r.rank / (1 + max(r.rank, 0)) // into [0, 1)
		if r.whole {
			r.hit.Score += 2
		}
		if r.title {
			r.hit.Score++
		}
	}
	return out, nil
}

// readHeads reads the first rerankRunes characters of each hit's current
// text and analyses them.
func (s *Store) readHeads(ctx context.Context, batch []ranked, terms []string) error {
	args := []any{rerankRunes}
	at := make(map[string]int, len(batch))
	for i, r := range batch {
		args = append(args, r.hit.Document.ID)
		at[r.hit.Document.ID] = i
	}
	rows, err := s.r.QueryContext(ctx, s.q(`SELECT d.id, substr(v.text, 1, ?) FROM documents d
 JOIN versions v ON v.id = d.current_version_id WHERE d.id IN (`+placeholders(len(batch))+`)`), args...)
	if err != nil {
		return fmt.Errorf("search texts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, text string
		if err := rows.Scan(&id, &text); err != nil {
			return fmt.Errorf("search texts: %w", err)
		}
		batch[at[id]].analyse(text, terms)
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

// analyse finds the terms in text, decides whether any match is a whole
// word, and cuts the snippet: around the first whole-word match, else the
// first match, else in the title, else the start of the text.
func (r *ranked) analyse(text string, terms []string) {
	lowText := lowerASCII(text)
	best := [2]int{-1, -1}
	for _, t := range terms {
		start, end, whole := findBest(lowText, t)
		if start < 0 {
			continue
		}
		if best[0] < 0 || whole && !r.whole {
			best = [2]int{start, end}
		}
		r.whole = r.whole || whole
		r.found = true
	}
	if best[0] >= 0 {
		r.hit.Snippet, r.hit.Match = snippet(text, best[0], best[1])
		return
	}
	lowTitle := lowerASCII(r.hit.Document.Title)
	for _, t := range terms {
		if i := strings.Index(lowTitle, t); i >= 0 {
			r.hit.Snippet, r.hit.Match = snippet(r.hit.Document.Title, i, i+len(t))
			return
		}
	}
	r.hit.Snippet, r.hit.Match = snippet(text, 0, 0)
}

// findBest returns the byte range of the first whole-word occurrence of
// term in text, else of the first occurrence; -1 if there is none.
func findBest(text, term string) (start, end int, whole bool) {
	first := -1
	for from, n := 0, 0; n < maxOccurrences; n++ {
		i := strings.Index(text[from:], term)
		if i < 0 {
			break
		}
		i += from
		if first < 0 {
			first = i
		}
		if isWholeWord(text, i, i+len(term)) {
			return i, i + len(term), true
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		from = i + size
	}
	if first < 0 {
		return -1, -1, false
	}
	return first, first + len(term), false
}

// wordParticles are function characters that commonly sit next to a word
// without being part of it: 的 和 与 及 在 对 是 等.
var wordParticles = map[rune]bool{'的': true, '和': true, '与': true, '及': true, '在': true, '对': true, '是': true, '等': true}

// isWholeWord is the whole-word heuristic. Chinese has no spaces between
// words, so a match [start, end) counts as a whole word when each side is
// the start or end of the text, a character that is neither a letter nor a
// digit (punctuation, space), or one of the common particles 的 和 与 及 在
// 对 是 等. 绍兴 in "绍兴，" or "在绍兴的" is whole; in "绍兴市" it is not. The
// heuristic misses words followed by an ordinary verb (绍兴召开) — they
// still match, only rank lower.
func isWholeWord(text string, start, end int) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:start])
	after, _ := utf8.DecodeRuneInString(text[end:])
	return isWordEdge(before, start == 0) && isWordEdge(after, end == len(text))
}

func isWordEdge(r rune, atEnd bool) bool {
	return atEnd || !(unicode.IsLetter(r) || unicode.IsDigit(r)) || wordParticles[r]
}

// snippet cuts about snippetRunes runes of text around the byte range
// [start, end), on rune boundaries, with line breaks and tabs as spaces
// (one byte for one, so offsets hold), and returns the match's byte
// offsets inside it.
func snippet(text string, start, end int) (string, [2]int) {
	matchRunes := utf8.RuneCountInString(text[start:end])
	before := max((snippetRunes-matchRunes)/2, 10)
	// Walk back `before` runes from start and forward to fill the rest.
	from := start
	for n := 0; n < before && from > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(text[:from])
		from -= size
	}
	to := end
	for n := utf8.RuneCountInString(text[from:end]); n < snippetRunes && to < len(text); n++ {
		_, size := utf8.DecodeRuneInString(text[to:])
		to += size
	}
	snip := strings.Map(func(r rune) rune {
		switch r {
		case '\n', '\r', '\t':
			return ' '
		}
		return r
	}, text[from:to])
	return snip, [2]int{start - from, end - from}
}
