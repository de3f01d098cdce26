package store

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// ranked is a candidate with what the re-ranking found.
type ranked struct {
	hit    SearchHit
	pos    int  // place in the index's order
	title  bool // a term is in the title
	whole  bool // a whole-word match was found in the head
	found  bool // a term was found in the text read (the head, or all of it)
	unsure bool // the index may have matched falsely and the head does not settle it
}

// ranking is the outcome of rank: the hits ranked so far, best first, and
// the total.
type ranking struct {
	hits   []ranked
	total  int
	approx bool
}

// rank reads candidates from the index a window at a time, and their
// heads in batches, until need hits are known to be the best: need
// whole-word matches (nothing later can beat them), or need hits once a
// window is used up. Candidates the heads leave unsure (PostgreSQL) are
// ranked all the same, since whole-word and title matches are decided by
// head and title; only those that reach the first need places are checked
// against their texts, false ones dropped and the places refilled. When
// the index matches at most searchVerifyAll documents, all are checked,
// for an exact total.
func (s *Store) rank(ctx context.Context, terms, grams []string, f filter, need int) (ranking, error) {
	window := max(searchWindow, need)
	var (
		out                     ranking
		checked, dropped, whole int
		exact, checkAll         bool
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
		// Whole-word matches are looked for within a window; all of the
		// candidates only when every one is to be checked.
		n := len(cands)
		if !checkAll {
			n = min(n, window)
		}
		for lo := 0; lo < n && (whole < need || checkAll); lo += rerankBatch {
			batch := cands[lo:min(lo+rerankBatch, n)]
			got, err := s.readHeads(ctx, batch, from+lo, terms, exact)
			if err != nil {
				return ranking{}, err
			}
			checked += len(batch)
			for _, r := range got {
				if r.whole && !r.unsure {
					whole++
				}
			}
			out.hits = append(out.hits, got...)
		}
		from += n
		sortRanked(out.hits)
		upTo := need
		if checkAll {
			upTo = len(out.hits)
		}
		var d int
		if out.hits, d, err = s.settle(ctx, out.hits, upTo, terms, grams); err != nil {
			return ranking{}, err
		}
		dropped += d
		// Another window only when this one left the page short and
		// candidates remain: a rare phrase among common pairs is found
		// however deep the index ranked it.
		if n == 0 || from >= out.total || len(out.hits) >= need || whole >= need {
			break
		}
	}
	if !exact {
		unsure := 0
		for _, r := range out.hits {
			if r.unsure {
				unsure++
			}
		}
		decided := checked - unsure
		switch {
		case checked >= out.total && unsure == 0:
			out.total = checked - dropped
		case decided > 0:
			hits := decided - dropped
			out.total = hits + (out.total-decided)*hits/decided
			out.approx = true
		default:
			out.approx = true
		}
	}
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

// sortRanked orders hits: whole-word matches, then title matches, then the
// index's order.
func sortRanked(hits []ranked) {
	sort.SliceStable(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if a.whole != b.whole {
			return a.whole
		}
		if a.title != b.title {
			return a.title
		}
		return a.pos < b.pos
	})
}

// settle checks the unsure hits among the first upTo against their texts,
// drops the false ones and repeats for those moving up in their place,
// until the first upTo are all sure. It returns the hits left and how many
// were dropped.
func (s *Store) settle(ctx context.Context, hits []ranked, upTo int, terms, grams []string) ([]ranked, int, error) {
	dropped := 0
	for {
		var ids []any
		at := map[string]int{}
		ptrs := make([]*ranked, 0, upTo)
		for i := 0; i < min(upTo, len(hits)); i++ {
			if hits[i].unsure {
				at[hits[i].hit.Document.ID] = len(ptrs)
				ids = append(ids, hits[i].hit.Document.ID)
				ptrs = append(ptrs, &hits[i])
			}
		}
		if len(ids) == 0 {
			return hits, dropped, nil
		}
		check := s.checkTexts
		if allHan(terms) {
			check = s.checkInDatabase
		}
		if err := check(ctx, ids, ptrs, at, terms, grams); err != nil {
			return nil, 0, err
		}
		// The check set the false ones' pointers to nil.
		falseIDs := map[string]bool{}
		for _, id := range ids {
			if p := ptrs[at[id.(string)]]; p != nil {
				p.unsure = false
			} else {
				falseIDs[id.(string)] = true
			}
		}
		kept := hits[:0]
		for _, h := range hits {
			if !falseIDs[h.hit.Document.ID] {
				kept = append(kept, h)
			}
		}
		dropped += len(hits) - len(kept)
		hits = kept
	}
}

// readHeads reads a batch of candidates with their heads, in order. Each
// is ranked by its head and title; one the index matched loosely is
// unsure unless they show every term.
func (s *Store) readHeads(ctx context.Context, batch []candidate, pos int, terms []string, exact bool) ([]ranked, error) {
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
		r.unsure = !all && !exact
		got[i] = r
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search documents: %w", err)
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
