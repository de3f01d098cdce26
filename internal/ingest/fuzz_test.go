package ingest

import (
	"context"
	"testing"
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
