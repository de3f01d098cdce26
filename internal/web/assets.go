package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"time"
)

// static holds the CSS, the scripts and the vendored libraries. The
// vendor directory always exists (its README.md is committed); the build
// (scripts/assets.sh) copies ECharts into it from node_modules. Without
// it the pages still work, with tables in place of charts.
//
//go:embed static
var staticFS embed.FS

// templatesFS holds the page templates, parsed once by parsePages.
//
//go:embed templates/*.html
var templatesFS embed.FS

// echartsFile is the vendored ECharts build, relative to static/.
const echartsFile = "vendor/echarts.min.js"

// assets indexes the static files: their bytes and a content hash that
// versions their URLs, so that they can be cached for a year.
type assets struct {
	files   map[string][]byte // path under static/ → content
	hashes  map[string]string
	modTime time.Time
}

// loadAssets reads every static file once.
func loadAssets() (*assets, error) {
	a := &assets{files: map[string][]byte{}, hashes: map[string]string{}, modTime: time.Now()}
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
		a.files[p] = b
		a.hashes[p] = hex.EncodeToString(sum[:6])
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("static files: %w", err)
	}
	return a, nil
}

// url returns the versioned URL of a static file.
func (a *assets) url(name string) string {
	return "/static/" + name + "?v=" + a.hashes[name]
}

// has reports whether a static file exists.
func (a *assets) has(name string) bool {
	_, ok := a.files[name]
	return ok
}

// open returns a static file's content; false if there is none (or the
// name is a directory or escapes the root).
func (a *assets) open(name string) (*bytes.Reader, bool) {
	if name != path.Clean(name) {
		return nil, false
	}
	b, ok := a.files[name]
	if !ok {
		return nil, false
	}
	return bytes.NewReader(b), true
}
