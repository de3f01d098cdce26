package web

import (
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"planwatch/internal/track"
)

// TestStatusColours checks, without a browser, that every status has a
// badge colour in app.css that white text reads on at 4.5:1 or better
// (WCAG 2.1 AA), and that charts.js draws each status in the same colour,
// so a bar and its badge never disagree.
func TestStatusColours(t *testing.T) {
	css, err := os.ReadFile(filepath.Join("static", "app.css"))
	if err != nil {
		t.Fatal(err)
	}
	js, err := os.ReadFile(filepath.Join("static", "charts.js"))
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range track.Statuses() {
		m := regexp.MustCompile(`--` + st + `:\s*(#[0-9a-fA-F]{6})`).FindSubmatch(css)
		if m == nil {
			t.Errorf("%s: no --%s colour in app.css", st, st)
			continue
		}
		badge := string(m[1])
		if c := contrast(badge, "#ffffff"); c < 4.5 {
			t.Errorf("%s: white on %s is %.2f:1, want at least 4.5:1", st, badge, c)
		}
		drawn := "nothing"
		if j := regexp.MustCompile(`\b` + st + `:\s*"(#[0-9a-fA-F]{6})"`).FindSubmatch(js); j != nil {
			drawn = string(j[1])
		}
		if drawn != badge {
			t.Errorf("%s: charts.js draws %s, the badge is %s", st, drawn, badge)
		}
	}
}

// TestChartColours checks that every colour charts.js draws with stands
// out from the white ground at 3:1 or better (WCAG 2.1, 1.4.11: lines,
// bars and marks that carry the figures).
func TestChartColours(t *testing.T) {
	js, err := os.ReadFile(filepath.Join("static", "charts.js"))
	if err != nil {
		t.Fatal(err)
	}
	colours := regexp.MustCompile(`"(#[0-9a-fA-F]{6})"`).FindAllSubmatch(js, -1)
	if len(colours) < 8 {
		t.Fatalf("charts.js names %d colours; the reading of its colours is broken", len(colours))
	}
	for _, m := range colours {
		if c := contrast(string(m[1]), "#ffffff"); c < 3 {
			t.Errorf("charts.js draws %s: %.2f:1 on white, want at least 3:1", m[1], c)
		}
	}
}

// TestContrast pins the contrast formula to WCAG's own figures.
func TestContrast(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want float64
	}{{"#000000", "#ffffff", 21}, {"#ffffff", "#ffffff", 1}, {"#777777", "#ffffff", 4.48}, {"#767676", "#ffffff", 4.54}} {
		if got := contrast(c.a, c.b); math.Abs(got-c.want) > 0.01 {
			t.Errorf("contrast(%s, %s) = %.3f, want %.2f", c.a, c.b, got, c.want)
		}
	}
}

// contrast is the WCAG 2.1 contrast ratio of two #rrggbb colours.
func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

// luminance is a #rrggbb colour's relative luminance (WCAG 2.1).
func luminance(hex string) float64 {
	var ch [3]float64
	for i := range ch {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		c := float64(v) / 255
		if c <= 0.04045 {
			ch[i] = c / 12.92
		} else {
			ch[i] = math.Pow((c+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*ch[0] + 0.7152*ch[1] + 0.0722*ch[2]
}
