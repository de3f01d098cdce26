package web

import (
	"cmp"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"planwatch/internal/ingest"
	"planwatch/internal/store"
	"planwatch/internal/web/respond"
)

// searchPageSize is the number of hits on a search page; facets count the
// first facetDepth hits.
const (
	searchPageSize = 20
	facetDepth     = 100
)

// searchForm is a search as the query string gives it.
type searchForm struct {
	Q, Region, Kind, Tag string
	Year                 int
	Page                 int // 1-based
}

// parseSearch reads ?q=&region=&year=&kind=&tag=&page=. The query is
// folded as documents are before indexing (traditional to simplified,
// full-width to ASCII), so 長三角 finds 长三角.
func parseSearch(r *http.Request) (searchForm, store.SearchQuery, error) {
	q := r.URL.Query()
	f := searchForm{Q: strings.TrimSpace(q.Get("q")), Region: strings.TrimSpace(q.Get("region")),
		Kind: strings.TrimSpace(q.Get("kind")), Tag: strings.TrimSpace(q.Get("tag"))}
	var err error
	if f.Year, err = intParam(r, "year", 0, 9999); err != nil {
		return f, store.SearchQuery{}, err
	}
	if f.Page, err = intParam(r, "page", 1, 10000); err != nil {
		return f, store.SearchQuery{}, err
	}
	f.Page = max(f.Page, 1)
	text, _ := ingest.Normalize(f.Q)
	return f, store.SearchQuery{Text: text, Region: f.Region, Year: f.Year, Kind: f.Kind, Tag: f.Tag}, nil
}

// url returns the search page with one parameter changed ("" removes it)
// and the page reset.
func (f searchForm) url(key, value string) string {
	v := url.Values{}
	set := func(k, s string) {
		if k == key {
			s = value
		}
		if s != "" && s != "0" {
			v.Set(k, s)
		}
	}
	set("q", f.Q)
	set("region", f.Region)
	set("year", strconv.Itoa(f.Year))
	set("kind", f.Kind)
	set("tag", f.Tag)
	if key == "page" {
		set("page", value)
	}
	return "/search?" + v.Encode()
}

// facet is one value to narrow a search by, with how many of the first
// hits have it.
type facet struct {
	Value string
	Count int
	URL   string
}

// facetGroup is the facets of one field.
type facetGroup struct {
	Key    string // message key of the field's name
	Active string // the value the search is narrowed by, "" for none
	Remove string // the search without it
	Facets []facet
}

// hitView is a search hit with its passage cut around the match.
type hitView struct {
	Hit                  store.SearchHit
	Before, Match, After string
}

// searchPage is the search page's data.
type searchPage struct {
	view
	Form       searchForm
	Result     store.SearchResult
	Hits       []hitView
	Facets     []facetGroup
	Prev, Next string
	Searched   bool
	// Short: the query is one character, which the index (pairs of
	// characters) cannot find; the page says so rather than "nothing".
	Short bool
}

// searchShow shows a search with facet links (region, year, kind, tag,
// counted over the first facetDepth hits) and the passages highlighted.
func (s *Server) searchShow(w http.ResponseWriter, r *http.Request) {
	f, q, err := parseSearch(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	v := s.newView(r, translate(langFrom(r.Context()), "search.title"), "search")
	pg := searchPage{view: v, Form: f}
	if f.Q == "" && f.Region == "" && f.Year == 0 && f.Kind == "" && f.Tag == "" {
		respond.HTML(w, r, http.StatusOK, s.pages["search_show"], pg)
		return
	}
	pg.Searched = true
	pg.Short = utf8.RuneCountInString(q.Text) == 1
	fq := q
	fq.Limit = facetDepth
	fq.SnippetHits = (f.Page-1)*searchPageSize + searchPageSize // the facets need no snippets
	top, err := s.st.SearchPage(r.Context(), fq)
	if err != nil {
		respond.Error(w, r, fmt.Errorf("search: %w", err))
		return
	}
	pg.Result = top
	from := (f.Page - 1) * searchPageSize
	hits := top.Hits
	if from+searchPageSize > facetDepth {
		q.Limit, q.Offset = searchPageSize, from
		res, err := s.st.SearchPage(r.Context(), q)
		if err != nil {
			respond.Error(w, r, fmt.Errorf("search: %w", err))
			return
		}
		hits, from = res.Hits, 0
	}
	hits = hits[min(from, len(hits)):min(from+searchPageSize, len(hits))]
	for _, h := range hits {
		pg.Hits = append(pg.Hits, cutHit(h))
	}
	pg.Facets = facets(f, top.Hits)
	if f.Page > 1 {
		pg.Prev = f.url("page", strconv.Itoa(f.Page-1))
	}
	if f.Page*searchPageSize < top.Total {
		pg.Next = f.url("page", strconv.Itoa(f.Page+1))
	}
	respond.HTML(w, r, http.StatusOK, s.pages["search_show"], pg)
}

// cutHit splits a hit's snippet around its match.
func cutHit(h store.SearchHit) hitView {
	m := h.Match
	if m[0] < 0 || m[1] > len(h.Snippet) || m[0] >= m[1] {
		return hitView{Hit: h, Before: h.Snippet}
	}
	return hitView{Hit: h, Before: h.Snippet[:m[0]], Match: h.Snippet[m[0]:m[1]], After: h.Snippet[m[1]:]}
}

// facets counts the region, year, kind and tag values of hits.
func facets(f searchForm, hits []store.SearchHit) []facetGroup {
	count := func(key, param, active string, values func(d store.Document) []string) facetGroup {
		g := facetGroup{Key: key, Active: active, Remove: f.url(param, "")}
		n := map[string]int{}
		for _, h := range hits {
			for _, v := range values(h.Document) {
				if v != "" {
					n[v]++
				}
			}
		}
		for v, c := range n {
			g.Facets = append(g.Facets, facet{Value: v, Count: c, URL: f.url(param, v)})
		}
		slices.SortFunc(g.Facets, func(a, b facet) int {
			return cmp.Or(b.Count-a.Count, strings.Compare(a.Value, b.Value))
		})
		if len(g.Facets) > 12 {
			g.Facets = g.Facets[:12]
		}
		return g
	}
	year := ""
	if f.Year != 0 {
		year = strconv.Itoa(f.Year)
	}
	return []facetGroup{
		count("col.region", "region", f.Region, func(d store.Document) []string { return []string{d.RegionName} }),
		count("col.year", "year", year, func(d store.Document) []string {
			if d.Year == 0 {
				return nil
			}
			return []string{strconv.Itoa(d.Year)}
		}),
		count("col.kind", "kind", f.Kind, func(d store.Document) []string { return []string{d.Kind} }),
		count("col.tags", "tag", f.Tag, func(d store.Document) []string { return d.Tags }),
	}
}
