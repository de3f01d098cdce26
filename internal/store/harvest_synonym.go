package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// The synonym table of harvested figures: names one quantity goes by,
// seeded by migration 0140 with the common ones, extended by people and by
// every "not this indicator" (a negative row).

// HarvestSynonyms lists the synonym table, seeded rows first.
func (s *Store) HarvestSynonyms(ctx context.Context) ([]HarvestSynonym, error) {
	out, err := queryAll(ctx, s, func(row scanner) (HarvestSynonym, error) {
		var (
			h  HarvestSynonym
			at int64
		)
		err := row.Scan(&h.Name, &h.Canonical, &h.Negative, &h.Author, &at)
		h.CreatedAt = fromMillis(at)
		return h, err
	}, `SELECT name, canonical, negative, author, created_at FROM harvest_synonyms ORDER BY created_at, canonical, name`)
	if err != nil {
		return nil, fmt.Errorf("harvest synonyms: %w", err)
	}
	return out, nil
}

// AddHarvestSynonym records that Name means (or does not mean) Canonical,
// replacing what was said of the pair before.
func (s *Store) AddHarvestSynonym(ctx context.Context, h HarvestSynonym) error {
	if strings.TrimSpace(h.Name) == "" || strings.TrimSpace(h.Canonical) == "" {
		return errors.New("harvest synonym: want a name and what it means")
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error { return s.putSynonym(ctx, tx, h, now()) })
	if err != nil {
		return fmt.Errorf("harvest synonym %s: %w", h.Name, err)
	}
	return nil
}

func (s *Store) putSynonym(ctx context.Context, tx *sql.Tx, h HarvestSynonym, ms int64) error {
	name, canon := strings.TrimSpace(h.Name), strings.TrimSpace(h.Canonical)
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM harvest_synonyms WHERE name = ? AND canonical = ?`), name, canon); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO harvest_synonyms (name, canonical, negative, author, created_at)
 VALUES (?, ?, ?, ?, ?)`), name, canon, h.Negative, h.Author, ms)
	return err
}
