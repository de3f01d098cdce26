package respond

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// minGzip is the smallest body worth compressing: below it gzip's header
// and the work cost more than the bytes they save.
const minGzip = 1024

// pageGzipLevel is the level of pages and JSON compressed on every
// request. On a plan page level 1 gives about a tenth more bytes than the
// default level in less than half its time (BenchmarkPageGzip in
// internal/web); static files are compressed once, at the best level.
const pageGzipLevel = gzip.BestSpeed

var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, pageGzipLevel)
	return zw
}}

// Compressible reports whether a response of this Content-Type gains from
// gzip: text (HTML, CSS, CSV), scripts, JSON and SVG. Images, fonts,
// PDFs and office files are compressed already.
func Compressible(contentType string) bool {
	mt, _, _ := strings.Cut(contentType, ";")
	mt = strings.ToLower(strings.TrimSpace(mt))
	switch {
	case strings.HasPrefix(mt, "text/"):
		return true
	case mt == "application/javascript", mt == "application/json", mt == "application/xml", mt == "image/svg+xml":
		return true
	case strings.HasSuffix(mt, "+json"), strings.HasSuffix(mt, "+xml"):
		return true
	}
	return false
}

// AcceptsGzip reports whether the request's Accept-Encoding allows gzip:
// named (gzip or x-gzip) with a non-zero q, or not named and allowed by
// "*". No header means no compression: the client may not decode it.
func AcceptsGzip(r *http.Request) bool {
	gzipQ, anyQ := -1.0, -1.0
	for _, v := range r.Header.Values("Accept-Encoding") {
		for part := range strings.SplitSeq(v, ",") {
			coding, params, _ := strings.Cut(part, ";")
			q := qValue(params)
			switch strings.ToLower(strings.TrimSpace(coding)) {
			case "gzip", "x-gzip":
				gzipQ = max(gzipQ, q)
			case "*":
				anyQ = max(anyQ, q)
			}
		}
	}
	if gzipQ >= 0 {
		return gzipQ > 0
	}
	return anyQ > 0
}

// qValue reads the q parameter of a coding ("q=0.5"): 1 when absent, 0
// when it is not a number (an unreadable preference refuses nothing more
// than asked, and grants nothing).
func qValue(params string) float64 {
	for p := range strings.SplitSeq(params, ";") {
		k, v, ok := strings.Cut(p, "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(k), "q") {
			continue
		}
		q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || q < 0 || q > 1 {
			return 0
		}
		return q
	}
	return 1
}

// send writes status and body for a response whose headers are set,
// gzipped when its type gains from it, it is large enough and the client
// accepts gzip; Vary tells caches that the answer depends on that.
func send(w http.ResponseWriter, r *http.Request, status int, body []byte) {
	h := w.Header()
	if Compressible(h.Get("Content-Type")) {
		h.Add("Vary", "Accept-Encoding")
		if len(body) >= minGzip && AcceptsGzip(r) {
			body = gzipBody(body)
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// gzipBody compresses body with a pooled writer. Writing to a
// bytes.Buffer cannot fail.
func gzipBody(body []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(body)/4 + 64)
	zw := gzipWriters.Get().(*gzip.Writer)
	zw.Reset(&buf)
	zw.Write(body)
	zw.Close()
	gzipWriters.Put(zw)
	return buf.Bytes()
}

// Static is an embedded file to serve: a stylesheet, a script, a library.
type Static struct {
	Name string // its file name, for the logs
	Type string // Content-Type
	Body []byte
	// Gzip is Body compressed (once, when the server started); nil when
	// the type does not compress or it would not be smaller.
	Gzip []byte
	// Hash identifies the content (the ETag, with a suffix for the
	// compressed form).
	Hash string
	// Versioned says the URL carries Hash, so the file at that URL never
	// changes and may be kept for a year; otherwise caches revalidate
	// with the ETag on every use.
	Versioned bool
}

// Asset serves a static file: the compressed form to clients that accept
// it, an ETag for each form, conditional and range requests.
func Asset(w http.ResponseWriter, r *http.Request, f Static) {
	h := w.Header()
	SecurityHeaders(h, PagePolicy)
	h.Set("Content-Type", f.Type)
	if f.Versioned {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "public, no-cache")
	}
	body, etag := f.Body, `"`+f.Hash+`"`
	if f.Gzip != nil {
		h.Add("Vary", "Accept-Encoding")
		if AcceptsGzip(r) {
			body, etag = f.Gzip, `"`+f.Hash+`-gzip"`
			h.Set("Content-Encoding", "gzip")
			// ServeContent leaves the length of an encoded body unsaid
			// (chunked) for fear of ranges; the whole file is sent
			// instead of a range of its compressed form, so say it.
			r.Header.Del("Range")
			h.Set("Content-Length", strconv.Itoa(len(body)))
		}
	}
	h.Set("ETag", etag)
	// A zero time: no Last-Modified; the ETag decides.
	http.ServeContent(w, r, f.Name, time.Time{}, bytes.NewReader(body))
}
