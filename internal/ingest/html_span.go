package ingest

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Limits of spreading merged cells: a hostile page may declare
// rowspan="65534" on every cell of a large table.
const (
	maxSpreadBytes = 1 << 20 // copied text per page
	maxCellCopy    = 300     // runes of one copied cell
)

// spreadSpans copies the text of each cell merged down several rows
// (rowspan) into the rows it spans, so that every row of a table names
// its own lead unit or deadline when read as a line of text: a 任务分工表
// that merges one unit over two tasks gives both of them that unit. Only
// the text is copied, and only where the row has a cell of its own before
// it.
func spreadSpans(root *html.Node) {
	budget := maxSpreadBytes
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Table {
			spreadTable(n, &budget)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
}

// tableRows lists the rows of table t, not those of tables inside it.
func tableRows(t *html.Node) []*html.Node {
	var rows []*html.Node
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.DataAtom {
		case atom.Tr:
			rows = append(rows, c)
		case atom.Thead, atom.Tbody, atom.Tfoot:
			for r := c.FirstChild; r != nil; r = r.NextSibling {
				if r.Type == html.ElementNode && r.DataAtom == atom.Tr {
					rows = append(rows, r)
				}
			}
		}
	}
	return rows
}

type spanCell struct {
	left int    // rows still to fill
	text string // what they get
}

func spreadTable(t *html.Node, budget *int) {
	rows := tableRows(t)
	pending := map[int]*spanCell{} // by logical column
	for ri, row := range rows {
		var cells []*html.Node
		for c := row.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) {
				cells = append(cells, c)
			}
		}
		// Cells merged at the row's left edge stay out: readers take a
		// row short on the left as continuing the one above (an indicator
		// grid's categories), while a merged lead unit in the middle of a
		// 任务分工表 row would shift the cells after it.
		col, placed := 0, false
		fill := func(before *html.Node) {
			for {
				p := pending[col]
				if p == nil {
					return
				}
				if placed && p.left > 0 && *budget >= len(p.text) {
					*budget -= len(p.text)
					row.InsertBefore(textCell(p.text), before)
				}
				p.left--
				if p.left <= 0 {
					delete(pending, col)
				}
				col++
			}
		}
		for _, c := range cells {
			fill(c)
			span := spanAttr(c, "rowspan", len(rows)-ri)
			width := spanAttr(c, "colspan", 50)
			if span > 1 {
				text := cellText(c)
				for k := range width {
					pending[col+k] = &spanCell{left: span - 1, text: text}
				}
			}
			col += width
			placed = true
		}
		// Merged cells at the row's right end.
		for len(pending) > 0 {
			if pending[col] != nil {
				fill(nil)
				continue
			}
			last := -1
			for k := range pending {
				last = max(last, k)
			}
			if col > last {
				break
			}
			col++
		}
	}
}

// spanAttr reads a rowspan or colspan: at least 1, at most limit; 0 (to
// the end of the table) is the limit.
func spanAttr(n *html.Node, name string, limit int) int {
	for _, a := range n.Attr {
		if a.Key != name {
			continue
		}
		v, err := strconv.Atoi(strings.TrimSpace(a.Val))
		switch {
		case err != nil || v < 0:
			return 1
		case v == 0 || v > limit:
			return max(limit, 1)
		}
		return max(v, 1)
	}
	return 1
}

// cellText is a cell's text on one line, cut to maxCellCopy runes.
func cellText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		if b.Len() > 4*maxCellCopy {
			return
		}
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
			b.WriteByte(' ')
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	walk(n)
	s := strings.Join(strings.Fields(b.String()), " ")
	if utf8.RuneCountInString(s) > maxCellCopy {
		s = string([]rune(s)[:maxCellCopy])
	}
	return s
}

func textCell(s string) *html.Node {
	td := &html.Node{Type: html.ElementNode, Data: "td", DataAtom: atom.Td}
	td.AppendChild(&html.Node{Type: html.TextNode, Data: s})
	return td
}
