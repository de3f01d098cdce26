package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Region groups: named sets of GB/T 2260 codes compared side by side
// (长三角, a province's cities, a user's own selection). Codes are stored
// as one comma-separated TEXT column.

// cleanCodes trims codes, drops empty ones and repeats (keeping the first
// place) and refuses a code with a comma, which the stored list could not
// hold.
func cleanCodes(codes []string) ([]string, error) {
	out := make([]string, 0, len(codes))
	for _, c := range codes {
		c = strings.TrimSpace(c)
		if c == "" || slices.Contains(out, c) {
			continue
		}
		if strings.Contains(c, ",") {
			return nil, fmt.Errorf("region code %q contains a comma", c)
		}
		out = append(out, c)
	}
	return out, nil
}

// SaveRegionGroup stores a group, replacing the one of the same name (the
// name is trimmed; codes are trimmed and kept once each, in order).
func (s *Store) SaveRegionGroup(ctx context.Context, g RegionGroup) error {
	name := strings.TrimSpace(g.Name)
	if name == "" {
		return errors.New("save region group: empty name")
	}
	codes, err := cleanCodes(g.Codes)
	if err != nil {
		return fmt.Errorf("save region group %q: %w", name, err)
	}
	_, err = s.w.ExecContext(ctx, s.q(`INSERT INTO region_groups (name, codes, built_in, updated_at) VALUES (?, ?, ?, ?)
 ON CONFLICT (name) DO UPDATE SET codes = excluded.codes, built_in = excluded.built_in, updated_at = excluded.updated_at`),
		name, strings.Join(codes, ","), g.BuiltIn, now())
	if err != nil {
		return fmt.Errorf("save region group %q: %w", name, err)
	}
	return nil
}

// RegionGroups lists the stored groups by name (byte order, the same on
// both databases).
func (s *Store) RegionGroups(ctx context.Context) ([]RegionGroup, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT name, codes, built_in FROM region_groups`)
	if err != nil {
		return nil, fmt.Errorf("region groups: %w", err)
	}
	defer rows.Close()
	var out []RegionGroup
	for rows.Next() {
		var (
			g     RegionGroup
			codes string
		)
		if err := rows.Scan(&g.Name, &codes, &g.BuiltIn); err != nil {
			return nil, fmt.Errorf("region groups: %w", err)
		}
		g.Codes = strings.FieldsFunc(codes, func(r rune) bool { return r == ',' })
		out = append(out, g)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("region groups: %w", err)
	}
	slices.SortFunc(out, func(a, b RegionGroup) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// DeleteRegionGroup deletes the group of this name; ErrNotFound if none.
func (s *Store) DeleteRegionGroup(ctx context.Context, name string) error {
	name = strings.TrimSpace(name)
	res, err := s.w.ExecContext(ctx, s.q(`DELETE FROM region_groups WHERE name = ?`), name)
	if err != nil {
		return fmt.Errorf("delete region group %q: %w", name, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("delete region group %q: %w", name, err)
	} else if n == 0 {
		return fmt.Errorf("region group %q: %w", name, ErrNotFound)
	}
	return nil
}
