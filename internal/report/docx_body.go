package report

import (
	"encoding/xml"
	"fmt"
	"math"
	"strings"
)

// Page geometry of GB/T 9704 in twips: A4 portrait, margins top 37mm,
// bottom 35mm, left 28mm, right 26mm, leaving the 156mm × 225mm type area.
var (
	docxPageW      = 11906
	docxPageH      = 16838
	docxMarginTop  = docxTwips(37)
	docxMarginBot  = docxTwips(35)
	docxMarginLeft = docxTwips(28)
	docxMarginRt   = docxTwips(26)
	docxTextWidth  = docxPageW - docxMarginLeft - docxMarginRt
)

// docxTwips converts millimetres to twips (1/1440 inch).
func docxTwips(mm float64) int { return int(math.Round(mm / 25.4 * 1440)) }

// docxEsc escapes text for element content and attribute values.
// xml.EscapeText also replaces characters XML cannot hold (control
// characters pasted from spreadsheets) instead of producing a file Word
// refuses to open.
func docxEsc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder never fails
	return b.String()
}

// docxRun is a run of text with optional direct formatting.
type docxRun struct {
	text string
	bold bool
	size int // half-points; 0 keeps the style's
}

// docxBody accumulates the body of word/document.xml. Each block ends
// with a newline so the golden copy diffs line by line; whitespace
// between block elements is ignored by Word, WPS and LibreOffice.
type docxBody struct {
	b      strings.Builder
	tables int // captioned tables so far, for 表N
}

// para writes a paragraph of one style; jc overrides its alignment when
// not empty.
func (d *docxBody) para(style, jc string, runs ...docxRun) {
	d.b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + style + `"/>`)
	if jc != "" {
		d.b.WriteString(`<w:jc w:val="` + jc + `"/>`)
	}
	d.b.WriteString(`</w:pPr>`)
	for _, r := range runs {
		d.run(r)
	}
	d.b.WriteString("</w:p>\n")
}

// text writes a plain paragraph.
func (d *docxBody) text(style, s string) { d.para(style, "", docxRun{text: s}) }

// run writes a run; line breaks in the text become w:br so a note typed
// on several lines keeps them.
func (d *docxBody) run(r docxRun) {
	if r.text == "" {
		return
	}
	d.b.WriteString(`<w:r>`)
	if r.bold || r.size > 0 {
		d.b.WriteString(`<w:rPr>`)
		if r.bold {
			d.b.WriteString(`<w:b/><w:bCs/>`)
		}
		if r.size > 0 {
			d.b.WriteString(docxSz(r.size))
		}
		d.b.WriteString(`</w:rPr>`)
	}
	for i, line := range strings.Split(strings.ReplaceAll(r.text, "\r\n", "\n"), "\n") {
		if i > 0 {
			d.b.WriteString(`<w:br/>`)
		}
		if line != "" {
			d.b.WriteString(`<w:t xml:space="preserve">` + docxEsc(line) + `</w:t>`)
		}
	}
	d.b.WriteString(`</w:r>`)
}

// sectPr closes the body with the page setup and the footers.
func (d *docxBody) sectPr() {
	fmt.Fprintf(&d.b, `<w:sectPr>`+
		`<w:footerReference w:type="default" r:id="%s"/>`+
		`<w:footerReference w:type="even" r:id="%s"/>`+
		`<w:pgSz w:w="%d" w:h="%d"/>`+
		`<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="851" w:footer="992" w:gutter="0"/>`+
		`<w:cols w:space="425"/>`+
		`<w:docGrid w:type="lines" w:linePitch="%d"/>`+
		"</w:sectPr>\n",
		docxRelFooterOdd, docxRelFooterEven, docxPageW, docxPageH,
		docxMarginTop, docxMarginRt, docxMarginBot, docxMarginLeft, docxLine)
}

// docxDocument writes word/document.xml.
func docxDocument(r *Report) string {
	d := &docxBody{}
	d.b.WriteString(docxXMLHead)
	d.b.WriteString(`<w:document xmlns:w="` + docxNSMain + `" xmlns:r="` + docxNSRel + `">` + "\n<w:body>\n")
	docxSections(d, r)
	d.sectPr()
	d.b.WriteString("</w:body>\n</w:document>\n")
	return d.b.String()
}
