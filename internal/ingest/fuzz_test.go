package ingest

import (
	"context"
	"os"
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
