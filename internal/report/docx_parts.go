package report

import (
	"fmt"
	"strings"
	"time"
)

// The fixed parts of the DOCX package: properties, styles, settings, the
// font table and the footers.

// Fonts of GB/T 9704. Windows and WPS installs name them as below; the
// font table gives each the common fallback (altName) for machines that
// only have the Windows core CJK fonts.
const (
	docxFontLatin  = "Times New Roman"
	docxFontTitle  = "方正小标宋简体"
	docxFontBody   = "仿宋_GB2312"
	docxFontHeiti  = "黑体"
	docxFontKaiti  = "楷体_GB2312"
	docxFontSongti = "宋体"
)

// Sizes in half-points: 二号 22pt, 三号 16pt, 四号 14pt, 五号 10.5pt.
const (
	docxSize2 = 44
	docxSize3 = 32
	docxSize4 = 28
	docxSize5 = 21
)

// docxLine is the exact line pitch of body text in twips: 28.95pt, which
// puts GB/T 9704's 22 lines in the 225mm type area.
const docxLine = 579

// docxW3CDTF formats a time for the core properties, in UTC.
func docxW3CDTF(t time.Time) string {
	return docxZipTime(t).UTC().Format("2006-01-02T15:04:05Z")
}

func docxCore(r *Report) string {
	created := docxW3CDTF(r.AsOf)
	var b strings.Builder
	b.WriteString(docxXMLHead)
	b.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
		` xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"` +
		` xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	fmt.Fprintf(&b, `<dc:title>%s</dc:title>`, docxEsc(officeTitle(r)))
	if r.PlanTitle != "" {
		fmt.Fprintf(&b, `<dc:subject>%s</dc:subject>`, docxEsc(r.PlanTitle))
	}
	b.WriteString(`<dc:creator>planwatch</dc:creator>`)
	if r.Region != "" {
		fmt.Fprintf(&b, `<cp:keywords>%s</cp:keywords>`, docxEsc(r.Region))
	}
	if r.GeneratedBy != "" {
		fmt.Fprintf(&b, `<dc:description>planwatch %s</dc:description>`, docxEsc(r.GeneratedBy))
	}
	b.WriteString(`<dc:language>zh-CN</dc:language>`)
	fmt.Fprintf(&b, `<dcterms:created xsi:type="dcterms:W3CDTF">%s</dcterms:created>`, created)
	fmt.Fprintf(&b, `<dcterms:modified xsi:type="dcterms:W3CDTF">%s</dcterms:modified>`, created)
	b.WriteString(`</cp:coreProperties>`)
	return b.String()
}

func docxApp(r *Report) string {
	app := "planwatch"
	if r.GeneratedBy != "" {
		app += " " + r.GeneratedBy
	}
	return docxXMLHead +
		`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"` +
		` xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
		`<Application>` + docxEsc(app) + `</Application><DocSecurity>0</DocSecurity>` +
		`</Properties>`
}

// docxRFonts is a w:rFonts element: Latin letters and digits in Times New
// Roman (as GB/T 9704 templates set them), Chinese in east.
func docxRFonts(east string) string {
	return fmt.Sprintf(`<w:rFonts w:ascii="%s" w:eastAsia="%s" w:hAnsi="%s" w:cs="%s"/>`,
		docxFontLatin, east, docxFontLatin, docxFontLatin)
}

func docxSz(halfPoints int) string {
	return fmt.Sprintf(`<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, halfPoints, halfPoints)
}

// docxStyleDef is one paragraph style; pPr and rPr are written as given
// (their children in schema order, which Word insists on).
func docxStyleDef(id, name, basedOn, next, pPr, rPr string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<w:style w:type="paragraph" w:styleId="%s"><w:name w:val="%s"/>`, id, name)
	if basedOn != "" {
		fmt.Fprintf(&b, `<w:basedOn w:val="%s"/>`, basedOn)
	}
	if next != "" {
		fmt.Fprintf(&b, `<w:next w:val="%s"/>`, next)
	}
	b.WriteString(`<w:qFormat/>`)
	if pPr != "" {
		b.WriteString(`<w:pPr>` + pPr + `</w:pPr>`)
	}
	if rPr != "" {
		b.WriteString(`<w:rPr>` + rPr + `</w:rPr>`)
	}
	b.WriteString(`</w:style>`)
	return b.String()
}

// The named styles. Headings use Word's built-in names ("heading 1") so
// the navigation pane and a table of contents pick them up; each carries
// an outline level for the same reason.
var docxStyles = func() string {
	exact := fmt.Sprintf(`<w:spacing w:line="%d" w:lineRule="exact"/>`, docxLine)
	indent := `<w:ind w:firstLineChars="200" w:firstLine="640"/>`
	heading := func(lvl int) string {
		return `<w:keepNext/>` + exact + indent + fmt.Sprintf(`<w:outlineLvl w:val="%d"/>`, lvl)
	}
	styles := []string{
		// Normal carries the body font so every style and table inherits it.
		`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>` +
			`<w:pPr><w:widowControl w:val="0"/>` + exact + `<w:jc w:val="both"/></w:pPr>` +
			`<w:rPr>` + docxRFonts(docxFontBody) + `<w:kern w:val="2"/>` + docxSz(docxSize3) + `</w:rPr></w:style>`,
		docxStyleDef("Title", "Title", "Normal", "Body",
			`<w:keepNext/><w:spacing w:before="0" w:after="290" w:line="720" w:lineRule="exact"/><w:jc w:val="center"/>`,
			docxRFonts(docxFontTitle)+docxSz(docxSize2)),
		docxStyleDef("Subtitle", "Subtitle", "Normal", "Body",
			`<w:keepNext/>`+exact+`<w:jc w:val="center"/>`,
			docxRFonts(docxFontKaiti)+docxSz(docxSize3)),
		docxStyleDef("Body", "Body Text", "Normal", "", indent, ""),
		docxStyleDef("Heading1", "heading 1", "Normal", "Body", heading(0), docxRFonts(docxFontHeiti)),
		docxStyleDef("Heading2", "heading 2", "Normal", "Body", heading(1), docxRFonts(docxFontKaiti)),
		docxStyleDef("Heading3", "heading 3", "Normal", "Body", heading(2), docxRFonts(docxFontBody)+`<w:b/><w:bCs/>`),
		docxStyleDef("TableCaption", "caption", "Normal", "",
			`<w:keepNext/><w:spacing w:before="120" w:after="60" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>`,
			docxRFonts(docxFontHeiti)+docxSz(docxSize4)),
		docxStyleDef("TableText", "Table Text", "Normal", "",
			`<w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="left"/>`,
			docxSz(docxSize5)),
		docxStyleDef("Footer", "footer", "Normal", "",
			`<w:spacing w:line="240" w:lineRule="auto"/>`,
			fmt.Sprintf(`<w:rFonts w:ascii="%s" w:eastAsia="%s" w:hAnsi="%s" w:cs="%s"/>`,
				docxFontSongti, docxFontSongti, docxFontSongti, docxFontSongti)+docxSz(docxSize4)),
	}
	return docxXMLHead + `<w:styles xmlns:w="` + docxNSMain + `">` +
		`<w:docDefaults><w:rPrDefault><w:rPr>` + docxRFonts(docxFontBody) + docxSz(docxSize3) +
		`<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
		`<w:pPrDefault><w:pPr>` + exact + `</w:pPr></w:pPrDefault></w:docDefaults>` +
		strings.Join(styles, "") + `</w:styles>`
}()

// docxSettings turns on separate even-page footers (page numbers sit on
// the outer edge), compresses CJK punctuation as Chinese layouts do and
// asks for Word 2013+ layout rather than compatibility mode.
const docxSettings = docxXMLHead +
	`<w:settings xmlns:w="` + docxNSMain + `">` +
	`<w:zoom w:percent="100"/>` +
	`<w:defaultTabStop w:val="420"/>` +
	`<w:evenAndOddHeaders/>` +
	`<w:characterSpacingControl w:val="compressPunctuation"/>` +
	`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
	`<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>` +
	`</w:settings>`

// docxFontTable declares the fonts with their fallbacks: where 仿宋_GB2312
// is missing Word substitutes 仿宋 (FangSong), and so on.
var docxFontTable = func() string {
	fonts := []struct{ name, alt, charset, family, pitch string }{
		{docxFontLatin, "", "00", "roman", "variable"},
		{docxFontSongti, "SimSun", "86", "auto", "variable"},
		{docxFontTitle, docxFontSongti, "86", "auto", "variable"},
		{docxFontBody, "仿宋", "86", "modern", "fixed"},
		{"仿宋", "FangSong", "86", "modern", "fixed"},
		{docxFontHeiti, "SimHei", "86", "modern", "fixed"},
		{docxFontKaiti, "楷体", "86", "modern", "fixed"},
		{"楷体", "KaiTi", "86", "modern", "fixed"},
	}
	var b strings.Builder
	b.WriteString(docxXMLHead + `<w:fonts xmlns:w="` + docxNSMain + `">`)
	for _, f := range fonts {
		fmt.Fprintf(&b, `<w:font w:name="%s">`, f.name)
		if f.alt != "" {
			fmt.Fprintf(&b, `<w:altName w:val="%s"/>`, f.alt)
		}
		fmt.Fprintf(&b, `<w:charset w:val="%s"/><w:family w:val="%s"/><w:pitch w:val="%s"/></w:font>`, f.charset, f.family, f.pitch)
	}
	b.WriteString(`</w:fonts>`)
	return b.String()
}()

// docxFooter is a footer with the page number as GB/T 9704 prints it,
// "— 1 —" in 4号 宋体, one character in from the outer edge (side is
// "right" for odd pages, "left" for even ones).
func docxFooter(side string) string {
	return docxXMLHead + `<w:ftr xmlns:w="` + docxNSMain + `" xmlns:r="` + docxNSRel + `">` +
		`<w:p><w:pPr><w:pStyle w:val="Footer"/>` +
		fmt.Sprintf(`<w:ind w:%s="280"/><w:jc w:val="%s"/>`, side, side) + `</w:pPr>` +
		`<w:r><w:t xml:space="preserve">— </w:t></w:r>` +
		`<w:r><w:fldChar w:fldCharType="begin"/></w:r>` +
		`<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
		`<w:r><w:fldChar w:fldCharType="separate"/></w:r>` +
		`<w:r><w:t>1</w:t></w:r>` +
		`<w:r><w:fldChar w:fldCharType="end"/></w:r>` +
		`<w:r><w:t xml:space="preserve"> —</w:t></w:r>` +
		`</w:p></w:ftr>`
}
