package ingest

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"planwatch/internal/config"
)

// TestNewDecodeOptions checks that the settings reach the parsers: each
// limit set low refuses a document with ErrTooLarge and one line naming
// the setting, the defaults let it through.
func TestNewDecodeOptions(t *testing.T) {
	if got, want := NewDecodeOptions(config.Documents{}), (DecodeOptions{MaxBytes: MaxInput,
		Zip: ZipLimits{MaxEntries: 10000, MaxPartBytes: 128 << 20, MaxTotalBytes: 256 << 20, MaxRatio: 100,
			MaxXMLDepth: 256, MaxTagBytes: 1 << 20, MaxTextBytes: MaxInput},
		PDF: PDFOptions{MaxText: MaxInput, MaxMemory: 256 << 20, MaxPages: 5000, Timeout: 2 * time.Minute}}); got != want {
		t.Errorf("defaults:\n got %+v\nwant %+v", got, want)
	}
	docx := docxWith(t, strings.Repeat(para(wt("推进城市数字化转型。")), 50), "", "", zipPart{"docProps/core.xml", "<x/>"})
	pdf := manyPages(3, 3)
	tests := []struct {
		name     string
		limits   config.Documents
		file     string
		data     []byte
		wantLine string // "" when the document is read
	}{
		{"text within the defaults", config.Documents{}, "a.txt", []byte(sampleSimplified), ""},
		{"text over doc_max_bytes", config.Documents{MaxBytes: 100}, "a.txt", []byte(sampleSimplified), "(limit doc_max_bytes)"},
		{"DOCX within the defaults", config.Documents{}, "a.docx", docx, ""},
		{"DOCX over doc_max_parts", config.Documents{MaxParts: 1}, "a.docx", docx, "(limit doc_max_parts)"},
		{"DOCX over doc_max_part_inflated", config.Documents{MaxPartInflated: 1000}, "a.docx", docx, "(limit doc_max_part_inflated)"},
		{"DOCX over doc_max_text", config.Documents{MaxText: 100}, "a.docx", docx, "(limit doc_max_text)"},
		{"DOCX over doc_max_xml_depth", config.Documents{MaxXMLDepth: 3}, "a.docx", docx, "(limit doc_max_xml_depth)"},
		{"PDF over pdf_max_pages", config.Documents{PDFMaxPages: 2}, "a.pdf", pdf, "(limit pdf_max_pages)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodeWith(context.Background(), tc.file, tc.data, NewDecodeOptions(tc.limits))
			if tc.wantLine == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), tc.wantLine) || strings.Contains(err.Error(), "\n") {
				t.Errorf("err = %v, want ErrTooLarge in one line naming %s", err, tc.wantLine)
			}
		})
	}
}
