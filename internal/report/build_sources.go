package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"planwatch/internal/store"

	"planwatch/internal/amount"
)

// sources hands out the references (S1, S2 …) that rows cite, one per
// update, observation or document sentence, numbered in the order they
// are first cited: Build cites in a fixed order, so the numbers are
// stable from one run to the next.
type sources struct {
	plan  store.Plan
	list  []Source
	byKey map[string]string
	// The plan's document, to quote: its title and the text of the version
	// the plan was made from (nil when the plan has none, or it is gone).
	docTitle string
	text     []rune
}

func newSources(p store.Plan) *sources {
	return &sources{plan: p, byKey: map[string]string{}}
}

// maxQuote bounds a quoted sentence, in characters: an item's span can be
// a whole paragraph.
const maxQuote = 160

func (s *sources) add(key string, src Source) string {
	if ref, ok := s.byKey[key]; ok {
		return ref
	}
	src.Ref = "S" + strconv.Itoa(len(s.list)+1)
	s.list = append(s.list, src)
	s.byKey[key] = src.Ref
	return src.Ref
}

// update cites a progress update: who reported, about which day, and
// when it was recorded; an imported one names its file.
func (s *sources) update(u store.Update) string {
	var parts []string
	if u.Unit != "" {
		parts = append(parts, u.Unit)
	}
	if u.Author != "" {
		parts = append(parts, u.Author)
	}
	parts = append(parts, u.Date+" 填报")
	kind := "update"
	detail := strings.Join(parts, " ")
	if file, ok := strings.CutPrefix(u.Source, "import:"); ok {
		kind = "import"
		detail += "，导入自 " + file
	} else if u.Source != "" {
		detail += "（" + u.Source + "）"
	}
	return s.add("u:"+u.ID, Source{Kind: kind, Detail: detail, RecordedAt: u.RecordedAt})
}

// observation cites the figure of an indicator for a period.
func (s *sources) observation(ind store.Indicator, o store.Observation) string {
	detail := fmt.Sprintf("%s %s %s", ind.Name, periodText(o.Period), amount.Format(o.Value, ind.Unit))
	if o.Source != "" {
		detail += "，来源：" + o.Source
	}
	if o.Revised {
		detail += "（修订数）"
	}
	return s.add("o:"+o.ID, Source{Kind: "observation", Detail: detail, RecordedAt: o.RecordedAt})
}

// document cites the sentence of the plan's document an item came from
// (its rune span), quoted, with the document's title and the outline
// heading the item sits under; "" when the plan was entered by hand or
// the item has no span. When the document is gone, the quote is too, and
// the citation says so.
//
// what names the item ("任务 1 共建沪嘉科创走廊", "指标 研发经费投入强度"),
// so that the entry can be read on its own.
func (s *sources) document(start, end int, heading, what string) string {
	if s.plan.DocumentID == "" || end <= start {
		return ""
	}
	src := Source{Kind: "document", Document: s.docTitle, Heading: heading}
	if src.Document == "" {
		src.Document = "文档 " + s.plan.DocumentID
	}
	if start >= 0 && end <= len(s.text) {
		src.Quote = quote(s.text[start:end])
	}
	var b strings.Builder
	if what != "" {
		b.WriteString("【" + what + "】")
	}
	fmt.Fprintf(&b, "《%s》第%d版", strings.Trim(src.Document, "《》"), s.plan.VersionSeq)
	if heading != "" {
		b.WriteString("，" + heading)
	}
	switch {
	case src.Quote != "":
		b.WriteString("：“" + src.Quote + "”")
	case s.text == nil:
		b.WriteString("（原文已不在库中）")
	}
	src.Detail = b.String()
	return s.add(fmt.Sprintf("d:%d:%d", start, end), src)
}

// quote is a span of text as a one-line quotation: its lines joined,
// spaces folded, at most maxQuote characters (an ellipsis marks a cut).
func quote(span []rune) string {
	q := []rune(strings.Join(strings.Fields(string(span)), " "))
	if len(q) > maxQuote {
		return string(q[:maxQuote]) + "…"
	}
	return string(q)
}

// FormatPercent writes a share in percent with at most one decimal.
func FormatPercent(v float64) string {
	r := math.Round(v*10) / 10
	if r == 0 {
		r = 0
	}
	return strconv.FormatFloat(r, 'f', -1, 64) + "%"
}

// periodText writes a period for Chinese text: 2023 → 2023年, 2023-Q2 →
// 2023年第二季度, 2023-06 → 2023年6月, 2023-H1 → 2023年上半年.
func periodText(p string) string {
	if len(p) < 4 {
		return p
	}
	y, rest := p[:4], strings.TrimLeft(strings.TrimPrefix(p[4:], "年"), "-")
	switch {
	case rest == "":
		return y + "年"
	case rest == "Q1" || rest == "Q2" || rest == "Q3" || rest == "Q4":
		return y + "年第" + []string{"一", "二", "三", "四"}[rest[1]-'1'] + "季度"
	case rest == "H1":
		return y + "年上半年"
	case rest == "H2":
		return y + "年下半年"
	}
	if m, err := strconv.Atoi(strings.TrimSuffix(rest, "月")); err == nil && m >= 1 && m <= 12 {
		return fmt.Sprintf("%s年%d月", y, m)
	}
	return p
}
