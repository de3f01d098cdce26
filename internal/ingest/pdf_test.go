package ingest

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
)

func TestDecodePDF(t *testing.T) {
	cjk, err := os.ReadFile("testdata/cjk_text.pdf")
	if err != nil {
		t.Fatal(err)
	}
	emptyPage := buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
	}, "")
	encrypted := buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [] /Count 0 >>",
		"<< /Filter /FOOBAR /V 5 /R 6 /Length 256 >>",
	}, "/Encrypt 3 0 R /ID [<00> <00>]")
	tests := []struct {
		name    string
		data    []byte
		want    []string
		wantErr error
	}{
		{"ascii", asciiPDF("Hello PDF world", "Second line 2025"), []string{"Hello PDF world", "Second line 2025"}, nil},
		{"cjk weasyprint", cjk, []string{"关于推进数字经济发展的实施方案", "数字经济核心产业增加值", "10%"}, nil},
		{"empty page", emptyPage, nil, ErrNoText},
		{"encrypted", encrypted, nil, ErrEncrypted},
		{"garbage", []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage garbage"), nil, ErrMalformed},
		{"truncated", cjk[:len(cjk)/2], nil, ErrMalformed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Decode(context.Background(), tc.name+".pdf", tc.data)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if doc.Format != "pdf" {
				t.Errorf("format %q", doc.Format)
			}
			for _, w := range tc.want {
				if !strings.Contains(doc.Text, w) {
					t.Errorf("text lacks %q:\n%s", w, doc.Text)
				}
			}
		})
	}
}

func TestReadableText(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"关于推进数字经济发展", true},
		{"Hello world", true},
		{"", false},
		{"\x01\x02\x03\x04\x05", false},
		{"\ue000\ue001\ue002\ue003", false},
		{"ÃÄÅÆÇÈÉ¼½¾", false},
	} {
		if got := readableText(tc.s); got != tc.want {
			t.Errorf("readableText(%q) = %v", tc.s, got)
		}
	}
}
