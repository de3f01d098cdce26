package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"

	"planwatch/internal/web/respond"
)

// static holds the CSS, the scripts and the vendored libraries. The
// vendor directory always exists (its README.md is committed); the build
// (scripts/assets.sh) bundles ECharts into it from node_modules. Without
// it the pages still work, with tables in place of charts.
//
//go:embed static
var staticFS embed.FS

// templatesFS holds the page templates, parsed once by parsePages.
//
//go:embed templates/*.html
var templatesFS embed.FS

// echartsFile is the bundled ECharts, relative to static/.
const echartsFile = "vendor/echarts.js"

// asset is one static file, ready to serve: its bytes, gzipped once if
// its type gains from it, and the content hash that versions its URL.
type asset struct {
	name  string // path under static/: vendor/echarts.js
	body  []byte
	gzip  []byte // nil when not worth it (a type that does not compress, or no gain)
	hash  string // 12 hex digits of its SHA-256
	ctype string
}

// assets indexes the static files by name and by hashed name.
type assets struct {
	byName   map[string]*asset // vendor/echarts.js
	byHashed map[string]*asset // vendor/echarts.3f9a1c0b2d4e.js
}

// loadAssets reads, hashes and compresses every static file once per
// process: the files are embedded, so every server shares the result (and
// tests that make many servers pay for it once).
var loadAssets = sync.OnceValues(readAssets)

func readAssets() (*assets, error) {
	a := &assets{byName: map[string]*asset{}, byHashed: map[string]*asset{}}
	root, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, fmt.Errorf("static files: %w", err)
	}
	err = fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(root, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		f := &asset{name: p, body: b, hash: hex.EncodeToString(sum[:6]), ctype: mime.TypeByExtension(path.Ext(p))}
		if f.ctype == "" {
			f.ctype = http.DetectContentType(b)
		}
		if respond.Compressible(f.ctype) {
			if f.gzip, err = gzipBest(b); err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
		}
		a.byName[p] = f
		a.byHashed[hashedName(p, f.hash)] = f
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("static files: %w", err)
	}
	return a, nil
}

// gzipBest compresses b as tightly as gzip can (done once per file, so
// the time is spent where it saves bytes on every request); nil when that
// does not make it smaller.
func gzipBest(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(b); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	if buf.Len() >= len(b) {
		return nil, nil
	}
	return buf.Bytes(), nil
}

// hashedName puts hash before the extension: app.css → app.<hash>.css.
func hashedName(name, hash string) string {
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hash + ext
}

// url returns the versioned URL of a static file, which may be cached for
// good; a name that is not a static file gets its plain URL (a 404).
func (a *assets) url(name string) string {
	f, ok := a.byName[name]
	if !ok {
		return "/static/" + name
	}
	return "/static/" + hashedName(name, f.hash)
}

// has reports whether a static file exists.
func (a *assets) has(name string) bool {
	_, ok := a.byName[name]
	return ok
}

// lookup finds the file a request path under /static/ names: by its
// hashed name (versioned, true) or its plain name. Names that are not
// clean (dot segments, double slashes) are never found.
func (a *assets) lookup(name string) (f *asset, versioned, ok bool) {
	if name != path.Clean(name) {
		return nil, false, false
	}
	if f, ok := a.byHashed[name]; ok {
		return f, true, true
	}
	if f, ok := a.byName[name]; ok {
		return f, false, true
	}
	// A hash of another version (a page rendered before an upgrade): the
	// current file, but not to be kept.
	ext := path.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	if i := strings.LastIndexByte(stem, '.'); i >= 0 && isHash(stem[i+1:]) {
		f, ok = a.byName[stem[:i]+ext]
		return f, false, ok
	}
	return nil, false, false
}

// isHash reports whether s looks like the hash of hashedName.
func isHash(s string) bool {
	if len(s) != 12 {
		return false
	}
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
