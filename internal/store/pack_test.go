package store

import (
	"bytes"
	"context"
	"database/sql"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestPackVersion round-trips what packVersion keeps: an original equal
// to the text (kept once), one that differs, with and without an
// extraction; and refuses damaged rows without panicking.
func TestPackVersion(t *testing.T) {
	text := strings.Repeat("到2025年，全社会研发经费投入强度达到3.2%。\n", 50)
	for _, c := range []struct {
		name, original string
		extraction     []byte
	}{
		{"same as text", text, []byte(`{"title":"行动计划"}`)},
		{"other forms", strings.ReplaceAll(strings.ReplaceAll(text, "经费", "經費"), "3.2%", "３.２％"), []byte(`{"title":"行動計劃"}`)},
		{"first and last runes", "經" + text[len("经"):len(text)-1] + "。", nil},
		{"other length", text + "附件", []byte(`{}`)},
		{"mostly other", strings.Repeat("國", len([]rune(text))), []byte(`{}`)},
		{"no extraction", "", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := packVersion(text, c.original, c.extraction)
			orig, ext, err := unpackVersion(p, text)
			if err != nil || orig != c.original || !bytes.Equal(ext, c.extraction) {
				t.Fatalf("unpack = %q…, %q, %v", orig[:min(len(orig), 30)], ext, err)
			}
			if ext, err := unpackExtraction(p); err != nil || !bytes.Equal(ext, c.extraction) {
				t.Fatalf("extraction alone = %q, %v", ext, err)
			}
		})
	}
	if p := packVersion(text, text, nil); len(p) > len(text)/4 {
		t.Errorf("an original equal to the text packs to %d bytes for a text of %d: not kept once", len(p), len(text))
	}
	if p, q := packVersion(text, strings.ReplaceAll(text, "经费", "經費"), nil), packVersion(text, text, nil); len(p) > len(q)+64 {
		t.Errorf("an original differing in a few characters packs to %d bytes, %d when equal: not kept as swaps", len(p), len(q))
	}
	for _, bad := range [][]byte{{1, 2, 3}, deflate([]byte{0x80}), deflate([]byte{200, 1}), deflate([]byte{1, 1, 0xff, 0x7f, 0x41}),
		deflate([]byte{1, 2, 0, 0x41, 0, 0x42}), deflate([]byte{1, 0xff, 0xff, 0xff, 0x7f})} {
		if _, _, err := unpackVersion(bad, text); err == nil {
			t.Errorf("unpack %x: no error", bad)
		}
	}
}

// TestPackedStorage stores a document and an evidence-like file and reads
// them back from both databases: the bytes as given, the original and
// extraction as given; text-like bytes are stored deflated and smaller,
// a PNG as it is.
func TestPackedStorage(t *testing.T) {
	forEachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		body := []byte("<html><body>" + strings.Repeat("<p>推进数字经济和实体经济深度融合。</p>\n", 300) + "</body></html>")
		snap := newSnap("数字经济", strings.Repeat("推进数字经济和实体经济深度融合。\n", 300))
		snap.Bytes = body
		snap.Version.Original = strings.ReplaceAll(snap.Version.Text, "经济", "經濟")
		snap.Version.Extraction = []byte(`{"title":"数字经济","tasks":[]}`)
		docID, _, err := s.SaveSnapshot(ctx, snap)
		if err != nil {
			t.Fatal(err)
		}
		v, err := s.Version(ctx, docID, 0)
		if err != nil {
			t.Fatal(err)
		}
		if v.Original != snap.Version.Original || string(v.Extraction) != string(snap.Version.Extraction) || v.Text != snap.Version.Text {
			t.Errorf("read back: original %d bytes (want %d), extraction %q", len(v.Original), len(snap.Version.Original), v.Extraction)
		}
		got, err := s.Blob(ctx, v.SHA256)
		if err != nil || !bytes.Equal(got, body) {
			t.Fatalf("blob: %d bytes, %v; want the %d stored", len(got), err, len(body))
		}
		noise := make([]byte, 700) // compressed image data: does not shrink
		rng := rand.New(rand.NewPCG(1, 2))
		for i := range noise {
			noise[i] = byte(rng.Uint32())
		}
		png := append([]byte("\x89PNG\r\n\x1a\n"), noise...)
		sha, err := s.PutBlob(ctx, png)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := s.Blob(ctx, sha); err != nil || !bytes.Equal(got, png) {
			t.Fatalf("evidence blob: %d bytes, %v", len(got), err)
		}
		stored := func(sha string) (n int, enc string) {
			t.Helper()
			var data []byte
			if err := s.r.QueryRowContext(ctx, s.q(`SELECT data, encoding FROM blobs WHERE sha256 = ?`), sha).Scan(&data, &enc); err != nil && err != sql.ErrNoRows {
				t.Fatal(err)
			}
			return len(data), enc
		}
		if n, enc := stored(v.SHA256); enc != encDeflate || n >= len(body)/2 {
			t.Errorf("HTML stored as %q in %d bytes of %d", enc, n, len(body))
		}
		if n, enc := stored(sha); enc != "" || n != len(png) {
			t.Errorf("PNG stored as %q in %d bytes of %d", enc, n, len(png))
		}
	})
}

// FuzzPackVersion packs what it is given and reads it back unchanged, and
// unpacks arbitrary bytes (a damaged row) without panicking or growing
// without bound.
func FuzzPackVersion(f *testing.F) {
	f.Add("投入强度达到3.2%", "投入強度達到３.２％", []byte(`{"title":"x"}`), []byte{1, 2, 3})
	f.Add("", "", []byte(nil), deflate([]byte{1, 1, 0, 0x41}))
	f.Fuzz(func(t *testing.T, text, original string, extraction, junk []byte) {
		if len(extraction) == 0 {
			extraction = nil
		}
		o, e, err := unpackVersion(packVersion(text, original, extraction), text)
		if err != nil || o != original || !bytes.Equal(e, extraction) {
			t.Fatalf("round trip of %q/%q/%q: %q %q %v", text, original, extraction, o, e, err)
		}
		if e2, err := unpackExtraction(packVersion(text, original, extraction)); err != nil || !bytes.Equal(e2, extraction) {
			t.Fatalf("extraction alone of %q: %q %v", extraction, e2, err)
		}
		unpackVersion(junk, text)
		unpackVersion(deflate(junk), text)
		unpackExtraction(junk)
		unpackExtraction(deflate(junk))
	})
}
