package report

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// WriteDOCX writes r as a Word document in the layout of Chinese official
// documents (GB/T 9704): A4 portrait with the standard margins, the title
// in 方正小标宋简体 二号, body text in 仿宋_GB2312 三号 at a fixed 29pt line,
// headings 一、 in 黑体, （一） in 楷体_GB2312 and 1. in bold 仿宋, bordered
// tables whose header row repeats on every page, and page numbers
// "— 1 —" in the footer (outer edge: right on odd pages, left on even).
//
// The sections follow the HTML report: 一、总体情况 (key figures, the
// highlights, status counts), 二、重点任务推进情况 (a table per theme and
// one by lead unit), 三、滞后和逾期事项, 四、主要指标完成情况, 五、区域比较
// (only when r has comparisons; later sections are renumbered), 六、本期变化
// and the appendix 数据来源.
//
// The output is a function of r alone: document properties and zip entry
// times are r.AsOf, so the same report always gives the same bytes.
func WriteDOCX(w io.Writer, r *Report) error {
	if r == nil {
		return errors.New("report: write docx: nil report")
	}
	parts := docxParts(r)
	if err := docxZip(w, parts, r.AsOf); err != nil {
		return fmt.Errorf("report: write docx: %w", err)
	}
	return nil
}

// docxPart is one part of the package: its name in the zip and, for
// parts other than relationships, its content type.
type docxPart struct {
	name        string
	contentType string
	data        string
}

// The package's parts, relationship types and content types.
const (
	docxNSMain  = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	docxNSRel   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	docxNSPkRel = "http://schemas.openxmlformats.org/package/2006/relationships"
	docxCTMain  = "application/vnd.openxmlformats-officedocument.wordprocessingml"
	docxXMLHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
)

// docxParts lays out every part of the document; [Content_Types].xml is
// derived from the list so a part can never lack its override.
func docxParts(r *Report) []docxPart {
	parts := []docxPart{
		{"_rels/.rels", "", docxPackageRels},
		{"docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml", docxCore(r)},
		{"docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml", docxApp(r)},
		{"word/document.xml", docxCTMain + ".document.main+xml", docxDocument(r)},
		{"word/_rels/document.xml.rels", "", docxDocumentRels},
		{"word/styles.xml", docxCTMain + ".styles+xml", docxStyles},
		{"word/settings.xml", docxCTMain + ".settings+xml", docxSettings},
		{"word/fontTable.xml", docxCTMain + ".fontTable+xml", docxFontTable},
		{"word/footer1.xml", docxCTMain + ".footer+xml", docxFooter("right")},
		{"word/footer2.xml", docxCTMain + ".footer+xml", docxFooter("left")},
	}
	// [Content_Types].xml comes first, as Office writes it: some readers
	// sniff the first entry.
	return append([]docxPart{{"[Content_Types].xml", "", docxContentTypes(parts)}}, parts...)
}

func docxContentTypes(parts []docxPart) string {
	var b strings.Builder
	b.WriteString(docxXMLHead)
	b.WriteString(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`)
	b.WriteString(`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`)
	b.WriteString(`<Default Extension="xml" ContentType="application/xml"/>`)
	for _, p := range parts {
		if p.contentType != "" {
			fmt.Fprintf(&b, `<Override PartName="/%s" ContentType="%s"/>`, p.name, p.contentType)
		}
	}
	b.WriteString(`</Types>`)
	return b.String()
}

const docxPackageRels = docxXMLHead +
	`<Relationships xmlns="` + docxNSPkRel + `">` +
	`<Relationship Id="rId1" Type="` + docxNSRel + `/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="` + docxNSPkRel + `/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="` + docxNSRel + `/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

// The document's relationship IDs, referred to from document.xml.
const (
	docxRelFooterOdd  = "rId4"
	docxRelFooterEven = "rId5"
)

const docxDocumentRels = docxXMLHead +
	`<Relationships xmlns="` + docxNSPkRel + `">` +
	`<Relationship Id="rId1" Type="` + docxNSRel + `/styles" Target="styles.xml"/>` +
	`<Relationship Id="rId2" Type="` + docxNSRel + `/settings" Target="settings.xml"/>` +
	`<Relationship Id="rId3" Type="` + docxNSRel + `/fontTable" Target="fontTable.xml"/>` +
	`<Relationship Id="` + docxRelFooterOdd + `" Type="` + docxNSRel + `/footer" Target="footer1.xml"/>` +
	`<Relationship Id="` + docxRelFooterEven + `" Type="` + docxNSRel + `/footer" Target="footer2.xml"/>` +
	`</Relationships>`

// docxZipTime is the time stamped on zip entries: the report date, or
// the earliest time a zip can hold when the report has none (MS-DOS
// dates start in 1980).
func docxZipTime(asOf time.Time) time.Time {
	min := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	if asOf.Before(min) {
		return min
	}
	return asOf
}

// docxZip writes the parts in order with a fixed time on every entry.
func docxZip(w io.Writer, parts []docxPart, asOf time.Time) error {
	zw := zip.NewWriter(w)
	mod := docxZipTime(asOf)
	for _, p := range parts {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: mod})
		if err != nil {
			return err
		}
		if _, err := io.WriteString(fw, p.data); err != nil {
			return err
		}
	}
	return zw.Close()
}
