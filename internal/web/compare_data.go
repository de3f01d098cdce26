package web

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/track"
	"planwatch/internal/web/respond"
)

// comparison is one indicator across the plans that carry it.
type comparison struct {
	Name  string
	Key   string
	Unit  string
	Group string
	Year  int                // the target year asked for; 0: each plan's own
	Rows  []track.CompareRow // one per plan, by region
}

// groupByName returns a built-in or saved region group; a 400 naming the
// groups there are when there is none.
func (s *Server) groupByName(ctx context.Context, name string) (*store.RegionGroup, error) {
	saved, err := s.st.RegionGroups(ctx)
	if err != nil {
		return nil, fmt.Errorf("region groups: %w", err)
	}
	groups := append(track.BuiltinGroups(), saved...)
	var names []string
	for i := range groups {
		if groups[i].Name == name {
			return &groups[i], nil
		}
		names = append(names, groups[i].Name)
	}
	return nil, respond.BadRequest(fmt.Sprintf("group %s: not found (have %s)", name, strings.Join(names, "、")))
}

// groupNames lists the built-in and saved region groups.
func (s *Server) groupNames(ctx context.Context) ([]string, error) {
	saved, err := s.st.RegionGroups(ctx)
	if err != nil {
		return nil, fmt.Errorf("region groups: %w", err)
	}
	var names []string
	for _, g := range append(track.BuiltinGroups(), saved...) {
		names = append(names, g.Name)
	}
	return names, nil
}

// compareIndicator compares one indicator (by its key) across the plans
// that carry it, as `planwatch indicator compare` does, as of asOf: each
// plan's target for year (0: the plan's own year) beside its actual figure
// for the year before. group, when not "", keeps only plans whose region
// is in that group. Only plans the request's user may read take part.
func (s *Server) compareIndicator(ctx context.Context, name, group string, year int, asOf time.Time) (*comparison, error) {
	c := &comparison{Name: name, Key: track.Key(name), Group: group, Year: year}
	var members *store.RegionGroup
	if group != "" {
		var err error
		if members, err = s.groupByName(ctx, group); err != nil {
			return nil, err
		}
	}
	inds, err := s.st.IndicatorsByKey(ctx, c.Key)
	if err != nil {
		return nil, fmt.Errorf("compare %s: %w", name, err)
	}
	for _, ind := range inds {
		if !s.canView(ctx, ind.PlanID) {
			continue
		}
		p, err := s.st.Plan(ctx, ind.PlanID)
		if err != nil {
			return nil, fmt.Errorf("compare %s: %w", name, err)
		}
		if !p.ArchivedAt.IsZero() || members != nil && !track.Members(*members, p.RegionCode) {
			continue // an archived plan is out of every list and count
		}
		if c.Unit == "" {
			c.Unit = ind.Unit
		}
		c.Rows = append(c.Rows, track.NewCompareRow(p, ind, year, asOf))
	}
	c.Rows = track.OnePerPlan(c.Rows)
	track.SortCompareRows(c.Rows)
	return c, nil
}

// indicatorNames lists the indicators of every plan the request's user
// may read, one name per key, for the compare page's picker.
func (s *Server) indicatorNames(ctx context.Context) ([]string, error) {
	plans, err := s.st.Plans(ctx, store.PlanFilter{})
	if err != nil {
		return nil, fmt.Errorf("plans: %w", err)
	}
	seen := map[string]bool{}
	var names []string
	for _, p := range s.viewablePlans(ctx, plans) {
		inds, err := s.st.Indicators(ctx, p.ID)
		if err != nil {
			return nil, fmt.Errorf("plan %s: %w", p.ID, err)
		}
		for _, ind := range inds {
			if !seen[ind.Key] {
				seen[ind.Key] = true
				names = append(names, ind.Name)
			}
		}
	}
	slices.Sort(names)
	return names, nil
}

// networkDocuments bounds how many documents the cooperation network
// reads (the newest first): each costs a read of its extraction.
const networkDocuments = 500

// network is the cooperation network between regions: an edge joins a
// document's region to each partner region it names.
type network struct {
	Nodes  []networkNode `json:"nodes"`
	Edges  []networkEdge `json:"edges"`
	Capped bool          `json:"capped"` // only the newest networkDocuments documents were read
}

type networkNode struct {
	Code  string `json:"code"`
	Name  string `json:"name"`
	Count int    `json:"count"` // mentions on the edges that touch it
}

type networkEdge struct {
	From  string `json:"from"` // region codes
	To    string `json:"to"`
	Count int    `json:"count"` // documents naming the pair
}

// cooperation is the part of the extraction contract the network reads.
type cooperation struct {
	Cooperation []struct {
		Partner string `json:"partner"`
		Code    string `json:"code"`
	} `json:"cooperation"`
}

// cooperationNetwork builds the network from the stored extractions'
// cooperation lists; group, when given, keeps the edges whose two ends
// are both in it.
func (s *Server) cooperationNetwork(ctx context.Context, group string) (*network, error) {
	var members *store.RegionGroup
	if group != "" {
		var err error
		if members, err = s.groupByName(ctx, group); err != nil {
			return nil, err
		}
	}
	docs, err := s.st.Documents(ctx, store.DocumentFilter{Limit: networkDocuments + 1})
	if err != nil {
		return nil, fmt.Errorf("cooperation network: %w", err)
	}
	n := &network{}
	if len(docs) > networkDocuments {
		docs, n.Capped = docs[:networkDocuments], true
	}
	names := map[string]string{}
	type pair struct{ a, b string }
	edges := map[pair]int{}
	for _, d := range docs {
		if d.RegionCode == "" {
			continue
		}
		v, err := s.st.Version(ctx, d.ID, 0)
		if err != nil {
			return nil, fmt.Errorf("cooperation network: %w", err)
		}
		var c cooperation
		if len(v.Extraction) == 0 || json.Unmarshal(v.Extraction, &c) != nil {
			continue
		}
		seen := map[string]bool{}
		for _, p := range c.Cooperation {
			if p.Code == "" || p.Code == d.RegionCode || seen[p.Code] {
				continue
			}
			seen[p.Code] = true
			if members != nil && (!track.Members(*members, d.RegionCode) || !track.Members(*members, p.Code)) {
				continue
			}
			names[d.RegionCode], names[p.Code] = d.RegionName, p.Partner
			edges[pair{d.RegionCode, p.Code}]++
		}
	}
	counts := map[string]int{}
	for p, c := range edges {
		n.Edges = append(n.Edges, networkEdge{From: p.a, To: p.b, Count: c})
		counts[p.a] += c
		counts[p.b] += c
	}
	slices.SortFunc(n.Edges, func(a, b networkEdge) int {
		return cmp.Or(b.Count-a.Count, strings.Compare(a.From, b.From), strings.Compare(a.To, b.To))
	})
	for code, name := range names {
		n.Nodes = append(n.Nodes, networkNode{Code: code, Name: name, Count: counts[code]})
	}
	slices.SortFunc(n.Nodes, func(a, b networkNode) int { return strings.Compare(a.Code, b.Code) })
	return n, nil
}
