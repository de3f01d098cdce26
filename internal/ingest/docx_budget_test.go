package ingest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"fmt"
	"math/rand"
	"strings"
	"sync"
	"testing"
	"time"
)

// bigDocument is a valid document.xml of about n bytes that compresses
// like real text (about 3:1), so that only size limits apply to it.
func bigDocument(n int) string {
	rng := rand.New(rand.NewSource(1))
	han := []rune("发展改革创新推进建设加快完善提升服务体系产业科技数字经济城市治理")
	var b strings.Builder
	b.WriteString(`<w:document ` + wordNS + `><w:body>`)
	for b.Len() < n {
		b.WriteString("<w:p><w:r><w:t>")
		for range 200 {
			b.WriteRune(han[rng.Intn(len(han))])
		}
		fmt.Fprintf(&b, "%d</w:t></w:r></w:p>", rng.Int())
	}
	b.WriteString(`</w:body></w:document>`)
	return b.String()
}

// randomHan is n bytes of Chinese characters that compress like text.
func randomHan(n int) string {
	rng := rand.New(rand.NewSource(2))
	han := []rune("发展改革创新推进建设加快完善提升服务体系产业科技数字经济城市治理")
	var b strings.Builder
	for b.Len() < n {
		b.WriteRune(han[rng.Intn(len(han))])
	}
	return b.String()
}

// rawEntry writes a deflated entry whose header declares size bytes.
func rawEntry(t *testing.T, zw *zip.Writer, name string, content []byte, size uint64) {
	t.Helper()
	var c bytes.Buffer
	fw, _ := flate.NewWriter(&c, flate.BestCompression)
	fw.Write(content)
	fw.Close()
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CompressedSize64: uint64(c.Len()), UncompressedSize64: size})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(c.Bytes())
}

func TestDOCXLimits(t *testing.T) {
	doc := func(body string) string {
		return `<w:document ` + wordNS + `><w:body>` + body + `</w:body></w:document>`
	}
	bomb := doc(`<w:p><w:r><w:t>` + strings.Repeat(" ", 20<<20) + `</w:t></w:r></w:p>`)
	lies := func(declared uint64) []byte {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		rawEntry(t, zw, "word/document.xml", []byte(bomb), declared)
		zw.Close()
		return b.Bytes()
	}
	var many bytes.Buffer
	zw := zip.NewWriter(&many)
	for i := range 10001 {
		zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("x%d", i), Method: zip.Store})
	}
	zw.CreateHeader(&zip.FileHeader{Name: "word/document.xml", Method: zip.Store})
	zw.Close()
	laughs := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">` +
		`<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>`
	numbered := `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>`
	longLabel := abstractNumXML(1, lvl(0, "upperLetter", strings.Repeat("%1", 30), "")) + numXML(1, 1, `<w:lvlOverride w:ilvl="0"><w:startOverride w:val="9999"/></w:lvlOverride>`)

	var attrs strings.Builder
	for i := 0; attrs.Len() < 4<<20; i++ {
		fmt.Fprintf(&attrs, ` a%d=""`, i)
	}

	tests := []struct {
		name          string
		data          []byte
		lim           ZipLimits
		want          error
		part, limName string // what the one-line message names
	}{
		{"deflate bomb", buildZip(t, zipPart{"word/document.xml", bomb}), ZipLimits{}, ErrTooLarge, "word/document.xml", "limit doc_max_ratio"},
		{"header declares a huge part", lies(1 << 40), ZipLimits{}, ErrTooLarge, "word/document.xml", "limit doc_max_part_inflated"},
		{"header understates the part", lies(1000), ZipLimits{}, ErrMalformed, "word/document.xml", ""},
		{"part over its limit", buildZip(t, zipPart{"word/document.xml", bigDocument(3 << 20)}), ZipLimits{MaxPartBytes: 1 << 20}, ErrTooLarge, "word/document.xml", "limit doc_max_part_inflated"},
		{"archive over its limit", buildZip(t, zipPart{"word/styles.xml", `<w:styles ` + wordNS + `>` + strings.Repeat(`<w:style w:styleId="s"/>`, 20000) + `</w:styles>`},
			zipPart{"word/document.xml", bigDocument(1 << 20)}), ZipLimits{MaxTotalBytes: 1 << 20}, ErrTooLarge, "word/document.xml", "limit doc_max_inflated"},
		{"too many entries", many.Bytes(), ZipLimits{}, ErrTooLarge, "zip archive", "limit doc_max_parts"},
		{"deep nesting", buildZip(t, zipPart{"word/document.xml", doc(strings.Repeat("<w:customXml>", 2000) + strings.Repeat("</w:customXml>", 2000))}), ZipLimits{}, ErrTooLarge, "word/document.xml", "limit doc_max_xml_depth"},
		{"entity expansion in the document", buildZip(t, zipPart{"word/document.xml", laughs + doc(para(wt("&lol3;")))}), ZipLimits{}, ErrMalformed, "word/document.xml", "DOCTYPE"},
		{"entity expansion in styles", docxWith(t, para(wt("正文")), "", "", zipPart{"word/styles.xml", laughs + `<w:styles ` + wordNS + `/>`}), ZipLimits{}, ErrMalformed, "word/styles.xml", "DOCTYPE"},
		{"attribute bomb", buildZip(t, zipPart{"word/document.xml", doc(`<w:p` + attrs.String() + `/>`)}), ZipLimits{}, ErrTooLarge, "word/document.xml", "limit doc_max_xml_tag"},
		{"one huge text node", buildZip(t, zipPart{"word/document.xml", doc(`<w:p><w:r><w:t>` + randomHan(3<<20) + `</w:t></w:r></w:p>`)}), ZipLimits{MaxTextBytes: 2 << 20}, ErrTooLarge, "word/document.xml", "limit doc_max_text"},
		{"numbering labels past the text limit", docxWith(t, strings.Repeat("<w:p/>", 20000), numbered, longLabel), ZipLimits{MaxTextBytes: 1 << 20}, ErrTooLarge, "word/document.xml", "limit doc_max_text"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			_, _, err := decodeDOCX(context.Background(), tc.data, tc.lim)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			msg := err.Error()
			if strings.Contains(msg, "\n") || !strings.Contains(msg, tc.part) || !strings.Contains(msg, tc.limName) {
				t.Errorf("message %q should be one line naming %q and %q", msg, tc.part, tc.limName)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

// An entity reference without a DOCTYPE is not expanded: it stays text.
func TestDOCXUndeclaredEntity(t *testing.T) {
	if got := docxText(t, docxWith(t, para(wt("&lol;")), "", "")); got != "&lol;\n" {
		t.Errorf("got %q", got)
	}
}

var (
	largeOnce sync.Once
	largeDOCX []byte
)

// largeDocument is a valid 4 MB document.xml, made once.
func largeDocument(t *testing.T) []byte {
	largeOnce.Do(func() { largeDOCX = buildZip(t, zipPart{"word/document.xml", bigDocument(4 << 20)}) })
	return largeDOCX
}

func TestDOCXDefaultsReadLargeDocuments(t *testing.T) {
	start := time.Now()
	text, _, err := decodeDOCX(context.Background(), largeDocument(t), ZipLimits{})
	if err != nil || len(text) < 3<<20 {
		t.Fatalf("%d bytes, err %v", len(text), err)
	}
	t.Logf("decoded %d bytes in %v", len(text), time.Since(start))
}

func TestDOCXCancel(t *testing.T) {
	data := largeDocument(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := decodeDOCX(ctx, data, ZipLimits{}); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled: err = %v", err)
	}
	ctx, cancel = context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := DecodeWith(ctx, "a.docx", data, DecodeOptions{}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("deadline: err = %v", err)
	}
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Errorf("stopped after %v", d)
	}
}
