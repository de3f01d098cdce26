package web

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"time"
)

// cardData is what the plan_card template of plan_list.html reads.
type cardData struct {
	planSummary
	Lang string
}

// T is an interface string in the card's language.
func (c cardData) T(key string) string { return translate(c.Lang, key) }

// Status is a status code's label in the card's language.
func (c cardData) Status(code string) string { return statusText(c.Lang, code) }

// planCards renders the home page's cards. Each card is the same for
// everyone who sees the plan that day in that language, so it is kept per
// plan, stamp and day like the summary it shows (one cache per language):
// a page of fifty cards then costs fifty lookups instead of fifty
// renderings.
func (s *Server) planCards(ctx context.Context, lang string, sums []planSummary, asOf time.Time) ([]template.HTML, error) {
	cache := s.cards[langEN]
	if lang != langEN {
		cache = s.cards[langZH]
	}
	out := make([]template.HTML, len(sums))
	for i, sum := range sums {
		h, err := cache.get(ctx, sum.Plan, asOf, func() (template.HTML, error) {
			var buf bytes.Buffer
			if err := s.pages["plan_list"].ExecuteTemplate(&buf, "plan_card", cardData{planSummary: sum, Lang: lang}); err != nil {
				return "", fmt.Errorf("card of plan %s: %w", sum.Plan.ID, err)
			}
			// Rendered by html/template, escaped for the list it goes in.
			return template.HTML(buf.String()), nil
		})
		if err != nil {
			return nil, err
		}
		out[i] = h
	}
	return out, nil
}
