package ingest

import (
	"fmt"
	"strings"
)

// sink collects the lines of a story (the body, a text box) or of a table
// cell, where paragraphs join with spaces so that a row stays one line.
type sink struct {
	d      *bodyReader
	b      strings.Builder
	cell   bool
	up     *sink    // a cell's story, where its text boxes wait for the table to end
	tables int      // tables open in this story
	held   []string // text boxes anchored inside those tables
	// carry is the text of paragraphs whose mark was deleted (a tracked
	// merge): it joins the next paragraph.
	carry      string
	carryBoxes []string
	tc         cellProps
}

func (s *sink) story() *sink {
	if s.cell && s.up != nil {
		return s.up
	}
	return s
}

func (s *sink) write(str string) error {
	s.d.written += int64(len(str))
	if s.d.written > s.d.maxText {
		return fmt.Errorf("%w: %s: text exceeds %s (limit doc_max_text)", ErrTooLarge, s.d.p.name, byteSize(s.d.maxText))
	}
	s.b.WriteString(str)
	return nil
}

// para adds a paragraph, a table row or a text box's lines.
func (s *sink) para(line string) error {
	if !s.cell {
		return s.write(line + "\n")
	}
	line = strings.TrimSpace(strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, line))
	if line == "" {
		return nil
	}
	if s.b.Len() > 0 {
		line = " " + line
	}
	return s.write(line)
}

// deferBox places a text box's content after its anchor paragraph, or
// after the table around the anchor so that the rows stay together.
func (s *sink) deferBox(text string) error {
	st := s.story()
	if st.tables > 0 {
		st.held = append(st.held, text)
		return nil
	}
	return st.para(text)
}

// finish writes what a deleted paragraph mark left waiting at the end of
// the story or cell.
func (s *sink) finish() error {
	if s.carry != "" {
		if err := s.para(s.carry); err != nil {
			return err
		}
	}
	for _, b := range s.carryBoxes {
		if err := s.deferBox(b); err != nil {
			return err
		}
	}
	s.carry, s.carryBoxes = "", nil
	return nil
}
