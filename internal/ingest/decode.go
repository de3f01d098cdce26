package ingest

import (
	"bytes"
	"context"
	"fmt"
	"path"
	"strings"
)

// Decode detects the format and encoding of data and returns its clean
// text. The format comes from the content (magic bytes, markup near the
// start); name's extension only breaks ties. Errors wrap the sentinels of
// this package with a short reason. Decode does not panic: a failure deep
// in a parser becomes ErrMalformed.
func Decode(ctx context.Context, name string, data []byte) (*Document, error) {
	return DecodeWith(ctx, name, data, DecodeOptions{})
}

// DecodeWith is Decode within the limits of opt.
func DecodeWith(ctx context.Context, name string, data []byte, opt DecodeOptions) (doc *Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc = nil
			err = fmt.Errorf("%w: %s: decoder failure: %v", ErrMalformed, name, r)
		}
	}()
	if int64(len(data)) > opt.Limit() {
		return nil, opt.TooLarge(int64(len(data)))
	}
	if isBlank(data) {
		return nil, fmt.Errorf("%w: no content", ErrEmpty)
	}
	if ctx == nil {
		ctx = context.Background()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	format, err := sniff(name, data, opt.Zip)
	if err != nil {
		return nil, err
	}
	doc = &Document{Name: name, Format: format}
	var raw string
	switch format {
	case "pdf":
		doc.Charset = "utf-8"
		raw, err = decodePDF(ctx, data, opt.PDF)
	case "docx":
		doc.Charset = "utf-8"
		raw, doc.Title, err = decodeDOCX(ctx, data, opt.Zip)
	case "html":
		var src string
		src, doc.Charset, err = decodeCharset(data, declaredCharset(data))
		if err == nil {
			raw, doc.Title = htmlToText(src)
		}
	default:
		raw, doc.Charset, err = decodeCharset(data, "")
		if err == nil && looksLikeHTML(raw) {
			// UTF-16 markup is only recognisable once decoded.
			doc.Format = "html"
			raw, doc.Title = htmlToText(raw)
		} else if err == nil {
			err = notADocument(name, raw)
		}
	}
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	doc.Original = RemovePinyin(Clean(raw))
	if strings.TrimSpace(doc.Original) == "" {
		if format == "text" {
			return nil, fmt.Errorf("%w: only whitespace or page chrome", ErrEmpty)
		}
		return nil, fmt.Errorf("%w: %s document without text", ErrNoText, format)
	}
	doc.Text, doc.Traditional = Normalize(doc.Original)
	doc.Title = strings.TrimSpace(doc.Title)
	return doc, nil
}

func isBlank(data []byte) bool {
	s := bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	return len(bytes.TrimSpace(s)) == 0 && !bytes.HasPrefix(s, []byte("\xFF\xFE")) && !bytes.HasPrefix(s, []byte("\xFE\xFF")) ||
		len(bytes.Trim(s, "\x00 \t\r\n\xFF\xFE")) == 0 && (bytes.HasPrefix(s, []byte("\xFF\xFE")) || bytes.HasPrefix(s, []byte("\xFE\xFF")))
}

// binaryMagic lists signatures of formats planwatch does not read.
var binaryMagic = []struct{ magic, kind string }{
	{"\x89PNG", "PNG image"},
	{"\xFF\xD8\xFF", "JPEG image"},
	{"GIF8", "GIF image"},
	{"II*\x00", "TIFF image"},
	{"MM\x00*", "TIFF image"},
	{"BM", "BMP image"},
	{"RIFF", "RIFF media"},
	{"\x7FELF", "ELF executable"},
	{"MZ", "Windows executable"},
	{"\xCA\xFE\xBA\xBE", "Mach-O or class file"},
	{"\xCF\xFA\xED\xFE", "Mach-O executable"},
	{"\x1F\x8B", "gzip archive"},
	{"BZh", "bzip2 archive"},
	{"\xFD7zXZ\x00", "xz archive"},
	{"7z\xBC\xAF\x27\x1C", "7z archive"},
	{"Rar!", "RAR archive"},
	{"\x28\xB5\x2F\xFD", "zstd archive"},
	{"{\\rtf", "RTF document"},
	{"\x00\x00\x01\x00", "icon"},
	{"\x00asm", "WebAssembly"},
	{"ID3", "MP3 audio"},
	{"OggS", "Ogg media"},
	{"fLaC", "FLAC audio"},
	{"wOFF", "font"},
	{"SQLite format 3", "SQLite database"},
}

// sniff names the format of data: "pdf", "docx", "html" or "text".
func sniff(name string, data []byte, lim ZipLimits) (string, error) {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	switch {
	case bytes.Contains(head, []byte("%PDF-")):
		return "pdf", nil
	case bytes.HasPrefix(data, []byte("PK\x03\x04")), bytes.HasPrefix(data, []byte("PK\x05\x06")):
		zr, err := openZip(data, lim)
		if err != nil {
			return "", err
		}
		if zipEntry(zr, "word/document.xml") != nil {
			return "docx", nil
		}
		return "", fmt.Errorf("%w: zip archive that is not a DOCX document", ErrUnknownFmt)
	case bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")):
		return "", cfbReason(data)
	}
	for _, m := range binaryMagic {
		if bytes.HasPrefix(data, []byte(m.magic)) {
			if m.kind == "RTF document" {
				return "", fmt.Errorf("%w: %s", ErrUnknownFmt, m.kind)
			}
			if len(m.magic) <= 2 && !looksBinary(data) {
				// Two bytes are too weak a signature for text that
				// happens to start with "BM" or "MZ".
				continue
			}
			return "", fmt.Errorf("%w: %s", ErrBinary, m.kind)
		}
	}
	if looksLikeHTML(string(head)) {
		return "html", nil
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm", ".xhtml", ".shtml", ".jsp", ".asp", ".aspx", ".php":
		if bytes.IndexByte(head, '<') >= 0 {
			return "html", nil
		}
	}
	return "text", nil
}

// htmlMarks are tags that, near the start of a document, mark it as HTML:
// full pages and the content fragments that sites and crawlers save.
var htmlMarks = []string{
	"<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<div", "<p>", "<p ",
	"<table", "<span", "<br", "<link", "<script", "<style", "<article", "<section", "<h1",
	"<h2", "<ul", "<!--",
}

func looksLikeHTML(s string) bool {
	if len(s) > 1024 {
		s = s[:1024]
	}
	s = strings.TrimLeft(s, "\ufeff \t\r\n")
	if !strings.HasPrefix(s, "<") {
		return false
	}
	lower := strings.ToLower(s)
	if strings.HasPrefix(lower, "<?xml") && !strings.Contains(lower, "<html") {
		return false
	}
	for _, m := range htmlMarks {
		if strings.Contains(lower, m) {
			return true
		}
	}
	return false
}
