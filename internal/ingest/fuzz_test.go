package ingest

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func FuzzDecode(f *testing.F) {
	f.Add("a.txt", []byte(sampleSimplified))
	f.Add("a.txt", []byte("發(fā)展　ＧＤＰ２０２５\r\n首页 > 标题\n744"))
	f.Add("a.html", []byte("<html><head><title>t</title></head><body><div class=nav><a>x</a></div><p>正文，内容。</p></body></html>"))
	f.Add("a.txt", []byte("\xb9\xd8\xd3\xda\xcd\xc6\xbd\xf8"))
	f.Add("a.pdf", asciiPDF("Hello"))
	f.Add("a.docx", buildDOCX(f, para(wt("正文")), "标题"))
	f.Add("b.docx", docxWith(f, np(1, 0, "总体要求")+np(1, 1, "指导思想"), "", gbLevels+numXML(1, 1, "")))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		doc, err := Decode(context.Background(), name, data)
		if err != nil {
			if doc != nil {
				t.Fatal("document with error")
			}
			return
		}
		if utf8.RuneCountInString(doc.Text) != utf8.RuneCountInString(doc.Original) {
			t.Fatalf("rune counts differ: %q vs %q", doc.Original, doc.Text)
		}
		if !utf8.ValidString(doc.Text) || !utf8.ValidString(doc.Original) {
			t.Fatal("invalid UTF-8")
		}
	})
}

// FuzzDOCX fuzzes the WordprocessingML of the three parts the DOCX reader
// reads, under tight limits so that every input costs bounded memory: the
// reader must not panic, must fail with one of the package's errors, and
// must stay within its text limit.
func FuzzDOCX(f *testing.F) {
	f.Add(np(1, 0, "总体要求")+np(1, 1, "指导思想")+np(1, 2, "加快")+np(1, 3, "细项"), "", gbLevels+numXML(1, 1, ""))
	f.Add(sp("Heading2", "指导思想"), `<w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>`, gbLevels+numXML(1, 1, `<w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride>`))
	f.Add(`<w:p><w:r><w:t>正文</w:t></w:r>`+textBox(para(wt("框")))+`</w:p>`+tbl(tr(tc(vRestart, "类别"), tc(`<w:gridSpan w:val="3"/>`, "值")), tr(tc(vContinue), tc("", "x"))), "", "")
	f.Add(`<w:p><w:r><w:fldChar w:fldCharType="begin"/><w:instrText>PAGE</w:instrText><w:fldChar w:fldCharType="separate"/><w:t>1</w:t><w:fldChar w:fldCharType="end"/></w:r><w:del><w:r><w:delText>x</w:delText></w:r></w:del></w:p>`, "", "")
	f.Add(`<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>`+para(wt("占位"))+`</w:sdtContent></w:sdt>`, "", `<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="L"/></w:abstractNum>`)
	lim := ZipLimits{MaxPartBytes: 1 << 20, MaxTotalBytes: 4 << 20, MaxTextBytes: 1 << 20, MaxXMLDepth: 64}
	f.Fuzz(func(t *testing.T, body, styles, numbering string) {
		if len(body)+len(styles)+len(numbering) > 64<<10 {
			return
		}
		text, _, err := decodeDOCX(context.Background(), docxWith(t, body, styles, numbering), lim)
		if err != nil {
			if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("error without a sentinel: %v", err)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("multi-line error: %q", err)
			}
			return
		}
		if int64(len(text)) > lim.MaxTextBytes {
			t.Fatalf("%d bytes of text over the limit", len(text))
		}
		if !utf8.ValidString(text) {
			t.Fatalf("invalid UTF-8: %q", text)
		}
	})
}

func FuzzNormalize(f *testing.F) {
	f.Add("關於２０２５年發展\n　ＧＤＰ６．５％")
	f.Add("简体文本（一）")
	f.Add("長(zhǎng)三角\r\n下载\n\n\n正文")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		cleaned := RemovePinyin(Clean(s))
		for _, in := range []string{s, cleaned} {
			out, _ := Normalize(in)
			a, b := []rune(in), []rune(out)
			if len(a) != len(b) {
				t.Fatalf("rune count %d -> %d for %q", len(a), len(b), in)
			}
			for i := range a {
				if (a[i] == '\n') != (b[i] == '\n') {
					t.Fatalf("line break moved at %d in %q", i, in)
				}
			}
		}
	})
}

// FuzzDecodePDF feeds PDFium mutated PDFs. Each document runs in an
// instance capped at 64 MiB of memory and 5 seconds, so a fuzzing worker
// stays small whatever the input. A fresh instance per document costs a
// few milliseconds (about a thousand executions a second on two cores, as
// most mutants fail early); minimizing an input runs it many times over,
// which -fuzzminimizetime bounds.
func FuzzDecodePDF(f *testing.F) {
	ConfigurePDF(PDFOptions{MaxMemory: 64 << 20, Timeout: 5 * time.Second, Workers: 1})
	f.Cleanup(func() { ConfigurePDF(PDFOptions{}) })
	f.Add(asciiPDF("Hello 2025", "到2025年"))
	if cjk, err := os.ReadFile("testdata/cjk_text.pdf"); err == nil {
		f.Add(cjk)
	}
	f.Add(manyPages(3, 3))
	f.Add(onePage("BT /F1 12 Tf 72 720 Td (4800) Tj 0 -14 Td (MW) Tj ET", ""))
	f.Add(buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [2 0 R] /Count 1 >>",
	}, ""))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Decode(context.Background(), "fuzz.pdf", data)
		if err != nil {
			if doc != nil {
				t.Fatal("document with error")
			}
			return
		}
		if !utf8.ValidString(doc.Text) || utf8.RuneCountInString(doc.Text) != utf8.RuneCountInString(doc.Original) {
			t.Fatalf("bad text %q", doc.Text)
		}
	})
}
