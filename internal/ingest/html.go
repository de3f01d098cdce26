package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlToText renders the main content of an HTML page as lines of text and
// returns the page's <title>.
func htmlToText(src string) (text, title string) {
	root, err := html.Parse(strings.NewReader(src))
	if err != nil {
		// html.Parse only fails on reader errors; a strings.Reader has none.
		return "", ""
	}
	title = findTitle(root)
	body := findBody(root)
	st := newHTMLStats()
	st.measure(body)
	total := st.of(body)
	st.prune(body, total.punct)
	st.reset()
	st.measure(body)
	main := st.mainContent(body)
	spreadSpans(main)
	var w textWriter
	w.render(main, st)
	return w.String(), title
}

// nodeStats summarises a subtree: rune counts of its text, of the text
// inside links, its link count, and its Chinese sentence punctuation,
// which marks running prose as opposed to menus and link lists.
type nodeStats struct {
	text, linkText, links, punct int
}

type htmlStats struct {
	m map[*html.Node]nodeStats
}

func newHTMLStats() *htmlStats { return &htmlStats{m: map[*html.Node]nodeStats{}} }

func (s *htmlStats) reset()                         { clear(s.m) }
func (s *htmlStats) of(n *html.Node) nodeStats      { return s.m[n] }
func (s *htmlStats) measure(n *html.Node) nodeStats { return s.walk(n, false) }

func (s *htmlStats) walk(n *html.Node, inLink bool) nodeStats {
	var st nodeStats
	switch n.Type {
	case html.TextNode:
		for _, r := range n.Data {
			if unicode.IsSpace(r) {
				continue
			}
			st.text++
			switch r {
			case '，', '。', '；', '、':
				st.punct++
			}
		}
		if inLink {
			st.linkText = st.text
		}
		return st
	case html.ElementNode:
		if dropTag(n) {
			s.m[n] = st
			return st
		}
		if n.DataAtom == atom.A {
			st.links++
			inLink = true
		}
	case html.CommentNode, html.DoctypeNode:
		return st
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		cs := s.walk(c, inLink)
		st.text += cs.text
		st.linkText += cs.linkText
		st.links += cs.links
		st.punct += cs.punct
	}
	s.m[n] = st
	return st
}

// prune removes page chrome: elements named like navigation, footers and
// share bars, and blocks made mostly of links. An element holding most of
// the page's prose is kept whatever its name, so a content wrapper with an
// unlucky class ("main-nav-content") is never lost.
func (s *htmlStats) prune(n *html.Node, pagePunct int) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode {
			st := s.m[c]
			prose := pagePunct > 0 && st.punct*2 > pagePunct
			switch {
			case dropTag(c):
				n.RemoveChild(c)
			case !prose && (chromeAttr(c) || hidden(c)):
				n.RemoveChild(c)
			case !prose && isLinkFarm(st):
				n.RemoveChild(c)
			default:
				s.prune(c, pagePunct)
			}
		}
		c = next
	}
}

func isLinkFarm(st nodeStats) bool {
	return st.links >= 4 && st.punct < 3 && st.linkText*10 >= st.text*7
}

// mainContent picks the element that holds the page's prose: it descends
// while a single child holds most of the punctuation, then climbs back
// while the parent adds only a little text (the heading, date and source
// line that usually sit just above the body text).
func (s *htmlStats) mainContent(body *html.Node) *html.Node {
	total := s.m[body]
	if total.punct < 5 {
		return body
	}
	n := body
	for {
		var best *html.Node
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && s.m[c].punct*10 >= s.m[n].punct*8 {
				best = c
				break
			}
		}
		if best == nil {
			break
		}
		n = best
	}
	for n != body && n.Parent != nil {
		p := n.Parent
		extra := s.m[p].text - s.m[n].text
		extraLinks := s.m[p].linkText - s.m[n].linkText
		// A data table beside the prose (an indicator table after the
		// paragraphs that introduce it) belongs to the document, however
		// little punctuation it holds.
		tables := s.tableText(p, n)
		if p == body && (tables == 0 || extra-tables > 200 || extraLinks > 0) {
			break
		}
		// Links in the added text mean related-article lists or menus.
		if extra-tables > 400 || extra-tables > 200 && (extra-tables)*4 > s.m[n].text || extraLinks*3 > extra {
			break
		}
		n = p
	}
	return n
}

// tableText counts the text of p's children other than n that hold a table.
func (s *htmlStats) tableText(p, n *html.Node) int {
	total := 0
	for c := p.FirstChild; c != nil; c = c.NextSibling {
		if c != n && c.Type == html.ElementNode && holdsTable(c) {
			total += s.m[c].text
		}
	}
	return total
}

// holdsTable reports a table at n or under it.
func holdsTable(n *html.Node) bool {
	if n.DataAtom == atom.Table {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && holdsTable(c) {
			return true
		}
	}
	return false
}

func findTitle(n *html.Node) string {
	if n.Type == html.ElementNode && n.DataAtom == atom.Title {
		var b strings.Builder
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				b.WriteString(c.Data)
			}
		}
		return strings.Join(strings.Fields(b.String()), " ")
	}
	if n.Type == html.ElementNode && n.DataAtom == atom.Body {
		return ""
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if t := findTitle(c); t != "" {
			return t
		}
	}
	return ""
}

func findBody(root *html.Node) *html.Node {
	var found *html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if found != nil {
			return
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Body {
			found = n
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	if found == nil {
		return root
	}
	return found
}

// dropTag names elements that never carry document text.
func dropTag(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Iframe, atom.Svg, atom.Nav,
		atom.Header, atom.Footer, atom.Form, atom.Button, atom.Select, atom.Aside,
		atom.Head, atom.Template, atom.Object, atom.Embed, atom.Canvas, atom.Textarea,
		atom.Input, atom.Map, atom.Audio, atom.Video, atom.Math:
		return true
	}
	return false
}

// hidden reports an element hidden by markup. Pages also hide their body
// until a script has run, so callers spare elements that hold the prose.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key == "hidden" || a.Key == "style" && hiddenStyle(a.Val) {
			return true
		}
	}
	return false
}

func hiddenStyle(v string) bool {
	v = strings.ToLower(strings.ReplaceAll(v, " ", ""))
	return strings.Contains(v, "display:none") || strings.Contains(v, "visibility:hidden")
}

// chromeWords are class/id words of page furniture. A word matches as a
// prefix of a class token ("navbar", "footer2"); the ones in chromeParts
// are specific enough to match anywhere ("topbreadcrumb").
var (
	chromeWords = []string{
		"nav", "menu", "breadcrumb", "crumb", "share", "footer", "foot", "header",
		"sidebar", "sidenav", "copyright", "toolbar", "login", "search", "bshare",
		"jiathis", "comment", "banner", "advert", "ads", "topbar", "bottom",
		"position", "location", "weizhi", "dqwz", "daohang", "banquan", "fenxiang",
		"related", "relate", "friendlink", "flink", "yqlj", "qrcode", "ewm", "erweima",
		"popup", "modal", "cookie", "skip", "print", "fontsize", "font-size", "zihao",
		"subscribe", "pager", "pagination", "tab-nav", "dropdown",
	}
	chromeParts = []string{
		"breadcrumb", "crumb", "copyright", "bshare", "jiathis", "navbar", "sidebar",
		"toolbar", "footer", "share", "menu",
	}
)

func chromeAttr(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" && a.Key != "role" {
			continue
		}
		v := strings.ToLower(a.Val)
		if a.Key == "role" {
			switch v {
			case "navigation", "banner", "contentinfo", "search", "menu", "menubar", "complementary":
				return true
			}
			continue
		}
		for _, part := range chromeParts {
			if strings.Contains(v, part) {
				return true
			}
		}
		for _, tok := range strings.FieldsFunc(v, func(r rune) bool {
			return !(r >= 'a' && r <= 'z')
		}) {
			for _, w := range chromeWords {
				if strings.HasPrefix(tok, w) {
					return true
				}
			}
		}
	}
	return false
}

// textWriter renders a subtree as text, turning block boundaries into line
// breaks and table cells into tab-separated fields.
type textWriter struct {
	b         strings.Builder
	pendingNL bool
	pendingSp bool
	pre       int
	cell      int // inside a table cell: blocks join with a space
}

func (w *textWriter) String() string { return w.b.String() }

func (w *textWriter) newline() {
	if w.cell > 0 {
		// A cell's paragraphs stay on its row: the row must read as one
		// line of tab-separated cells for the table reader.
		if w.b.Len() > 0 && !w.pendingNL {
			w.pendingSp = true
		}
		return
	}
	w.pendingNL = true
	w.pendingSp = false
}

func (w *textWriter) write(s string) {
	if s == "" {
		return
	}
	if w.pendingNL {
		if w.b.Len() > 0 {
			w.b.WriteByte('\n')
		}
		w.pendingNL = false
		w.pendingSp = false
	} else if w.pendingSp {
		if w.b.Len() > 0 {
			w.b.WriteByte(' ')
		}
		w.pendingSp = false
	}
	w.b.WriteString(s)
}

func (w *textWriter) text(s string) {
	if w.pre > 0 {
		lines := strings.Split(s, "\n")
		for i, l := range lines {
			if i > 0 {
				w.newline()
			}
			w.write(l)
		}
		return
	}
	// Collapse HTML whitespace. A run with a line break between two Han
	// characters is a source line wrap, not a word space.
	i := 0
	for i < len(s) {
		j := i
		newline := false
		for j < len(s) && isHTMLSpace(rune(s[j])) {
			newline = newline || s[j] == '\n' || s[j] == '\r'
			j++
		}
		if j > i {
			if w.b.Len() > 0 && !w.pendingNL {
				prev, _ := utf8.DecodeLastRuneInString(w.b.String())
				next, _ := utf8.DecodeRuneInString(s[j:])
				if !(newline && isHan(prev) && (j == len(s) || isHan(next))) {
					w.pendingSp = true
				}
			}
			i = j
			continue
		}
		for j < len(s) && !isHTMLSpace(rune(s[j])) {
			j++
		}
		w.write(s[i:j])
		i = j
	}
}

func isHTMLSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f'
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Li, atom.Ul, atom.Ol, atom.Dl, atom.Dt, atom.Dd,
		atom.Tr, atom.Table, atom.Tbody, atom.Thead, atom.Tfoot, atom.Caption,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Section,
		atom.Article, atom.Main, atom.Blockquote, atom.Pre, atom.Center, atom.Hr,
		atom.Figure, atom.Figcaption, atom.Address, atom.Details, atom.Summary,
		atom.Fieldset, atom.Legend, atom.Body, atom.Html:
		return true
	}
	return false
}

func (w *textWriter) render(n *html.Node, st *htmlStats) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
		if dropTag(n) {
			return
		}
	case html.DocumentNode:
	default:
		return
	}
	switch n.DataAtom {
	case atom.Br:
		w.newline()
		return
	case atom.Img:
		return
	case atom.Td, atom.Th:
		// Cells of a row share a line; a cell that holds paragraphs
		// breaks lines through them anyway.
		if w.b.Len() > 0 && !w.pendingNL {
			w.pendingSp = false
			w.write("\t")
		}
	}
	block := isBlock(n.DataAtom)
	if block {
		w.newline()
	}
	if n.DataAtom == atom.Pre {
		w.pre++
	}
	// A data cell keeps its paragraphs on the row; a layout cell (pages
	// that set the whole article in a table) keeps its lines.
	cell := (n.DataAtom == atom.Td || n.DataAtom == atom.Th) && dataCell(n)
	nested := n.DataAtom == atom.Table && w.cell > 0
	if cell {
		w.cell++
	}
	saved := w.cell
	if nested {
		w.cell = 0 // a table inside a cell keeps its own rows
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.render(c, st)
	}
	w.cell = saved
	if cell {
		w.cell--
	}
	if n.DataAtom == atom.Pre {
		w.pre--
	}
	if block {
		w.newline()
	}
}

// dataCell reports a table cell that holds a datum, not a page's layout:
// no table inside it and at most a few hundred characters of text.
func dataCell(n *html.Node) bool {
	size := 0
	var walk func(*html.Node) bool
	walk = func(c *html.Node) bool {
		if c.Type == html.ElementNode && c.DataAtom == atom.Table {
			return false
		}
		if c.Type == html.TextNode {
			size += utf8.RuneCountInString(strings.TrimSpace(c.Data))
			if size > 600 {
				return false
			}
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			if !walk(k) {
				return false
			}
		}
		return true
	}
	return walk(n)
}
