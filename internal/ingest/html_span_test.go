package ingest

import (
	"strings"
	"testing"
)

func TestSpreadSpans(t *testing.T) {
	tests := []struct {
		name, table string
		want        []string // the table's lines
	}{
		{"a lead unit merged over two tasks is each task's",
			`<tr><td>1</td><td>建设平台</td><td rowspan="2">市大数据局</td><td>市财政局</td></tr>
			 <tr><td>2</td><td>共享数据</td><td>市直各部门</td></tr>`,
			[]string{"1\t建设平台\t市大数据局\t市财政局", "2\t共享数据\t市大数据局\t市直各部门"}},
		{"a merged last column",
			`<tr><td>1</td><td>建设平台</td><td rowspan="2">2025年</td></tr>
			 <tr><td>2</td><td>共享数据</td></tr>`,
			[]string{"1\t建设平台\t2025年", "2\t共享数据\t2025年"}},
		{"a category merged at the left edge stays in its first row",
			`<tr><td rowspan="2">医疗质量</td><td>门诊人次</td><td>定量</td></tr>
			 <tr><td>手术占比</td><td>定量</td></tr>`,
			[]string{"医疗质量\t门诊人次\t定量", "手术占比\t定量"}},
		{"a span past the table's end stops there",
			`<tr><td>1</td><td rowspan="65534">市大数据局</td></tr><tr><td>2</td></tr>`,
			[]string{"1\t市大数据局", "2\t市大数据局"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text, _ := htmlToText("<html><body><p>分工如下。</p><table>" + tc.table + "</table></body></html>")
			var got []string
			for _, l := range strings.Split(text, "\n") {
				if strings.Contains(l, "\t") {
					got = append(got, strings.Join(strings.Fields(strings.ReplaceAll(l, "\t", " | ")), ""))
				}
			}
			var want []string
			for _, l := range tc.want {
				want = append(want, strings.ReplaceAll(l, "\t", "|"))
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// A page that merges every cell down thousands of rows copies at most
// maxSpreadBytes of text.
func TestSpreadSpansBudget(t *testing.T) {
	cell := strings.Repeat("长", 300)
	var b strings.Builder
	b.WriteString("<html><body><table>")
	for i := 0; i < 3000; i++ {
		b.WriteString("<tr><td>1</td>")
		if i == 0 {
			for k := 0; k < 20; k++ {
				b.WriteString(`<td rowspan="0">` + cell + `</td>`)
			}
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</table></body></html>")
	text, _ := htmlToText(b.String())
	if n := len(text); n > 2*maxSpreadBytes+len(b.String()) {
		t.Errorf("text of %d bytes from a %d-byte page", n, b.Len())
	}
}
