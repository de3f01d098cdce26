package main

import (
	"slices"
	"testing"
)

// TestLinks checks that the page walk follows what a browser loads and
// nothing it does not.
func TestLinks(t *testing.T) {
	html := `<!doctype html><head>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/app.1.css">
<link href="/static/print.css" rel="stylesheet" media="print">
<link rel="canonical" href="/plans/x">
<script src="/static/vendor/echarts.2.js" defer></script>
<script src="charts.js?v=1&amp;x=2" defer></script>
<script src="https://cdn.example/x.js"></script>
</head><body><img alt="" src="/img/logo.png"><a href="/plans/y">y</a></body>`
	got := links(html, "/plans/x")
	want := []string{"/static/app.1.css", "/static/print.css", "/static/vendor/echarts.2.js", "/plans/charts.js?v=1&x=2", "/img/logo.png"}
	if !slices.Equal(got, want) {
		t.Errorf("links:\n got %q\nwant %q", got, want)
	}
	if !hasIcon(html) || hasIcon(`<link rel="stylesheet" href="/a.css">`) {
		t.Error("hasIcon")
	}
	css := `@import "base.css"; body{background:url(bg.png)} @font-face{src:url('/fonts/a.woff2') format("woff2")} i{background:url(data:image/png;base64,AA==)}`
	got = cssLinks(css, "/static/app.1.css")
	want = []string{"/static/base.css", "/static/bg.png", "/fonts/a.woff2"}
	if !slices.Equal(got, want) {
		t.Errorf("cssLinks:\n got %q\nwant %q", got, want)
	}
}
