package web

import (
	"errors"

	"planwatch/internal/web/respond"
)

// fieldProblem is a 400 about one field of a form: a page that can shows
// the message beside that field; anything else answers it as the
// problem it wraps.
type fieldProblem struct {
	Field string
	*respond.Problem
}

func (e *fieldProblem) Unwrap() error { return e.Problem }

// badField is a 400 with msg about the form field named field.
func badField(field, msg string) error {
	p, _ := respond.BadRequest(msg).(*respond.Problem)
	return &fieldProblem{Field: field, Problem: p}
}

// asFieldProblem finds the field problem in err; nil when there is none.
func asFieldProblem(err error) *fieldProblem {
	var fp *fieldProblem
	if errors.As(err, &fp) {
		return fp
	}
	return nil
}
