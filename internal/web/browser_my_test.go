package web

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"planwatch/internal/store"
)

// TestBrowserQuickUpdate posts the quick update of a row of /my that lies
// below the fold, by a click in headless Chromium, and checks that the
// browser comes back to /my with that row on screen saying the update was
// posted, not at the top of the page or on the task's own page.
func TestBrowserQuickUpdate(t *testing.T) {
	f, bin, base := browserFixture(t)
	unit := f.task.Units[0].Unit
	scope := store.Scope{PlanID: f.plan.ID, Unit: unit}
	const password = "Report-2025-unit"
	browserUser(t, f, "fgw", "发改委填报员", password, store.RoleReporter, scope)
	b := startBrowser(t, bin)
	b.viewport(1280, 420, false) // short: the last rows are below the fold
	signIn(t, b, base, "fgw", password)
	b.open(base + "/my")
	row := b.text(`(() => { const rows = document.querySelectorAll('table.tasks tbody tr'); return rows[rows.length - 1].id })()`)
	if !strings.HasPrefix(row, "my-") {
		t.Fatalf("last row id %q", row)
	}
	if top := b.text(`String(document.getElementById(` + jsString(row) + `).getBoundingClientRect().top)`); !below(top, 420) {
		t.Fatalf("the last row is at %s px, not below the fold: the test needs it there", top)
	}
	form := `document.getElementById(` + jsString(row) + `).querySelector('form.quick-update')`
	if _, err := b.eval(form + `.querySelector('input[name=progress]').value = '100'`); err != nil {
		t.Fatal(err)
	}
	if _, err := b.eval(form + `.querySelector('select[name=status]').value = 'in_progress'`); err != nil {
		t.Fatal(err)
	}
	b.submit(form + `.querySelector('button[type=submit]').click()`)
	if path, hash := b.text("location.pathname"), b.text("decodeURIComponent(location.hash)"); path != "/my" || hash != "#"+row {
		t.Fatalf("after the quick update: %s%s, want /my#%s", path, hash, row)
	}
	b.waitFor(`(() => { const r = document.getElementById(` + jsString(row) + `).getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight })()`)
	if got := b.text(`document.getElementById(` + jsString(row) + `).innerText`); !strings.Contains(got, "已报送") {
		t.Errorf("row %s says %q, want 已报送", row, got)
	}
	b.screenshot(filepath.Join(artifactsDir(t), "web-my-quick-update.png"))
	item := strings.TrimSuffix(strings.TrimPrefix(row, "my-"), "-"+unit)
	ups, err := f.st.Updates(context.Background(), item)
	if err != nil || len(ups) == 0 || ups[len(ups)-1].Progress != 100 {
		t.Errorf("updates of %s: %+v, %v", item, ups, err)
	}
}

// below reports whether a pixel offset (as JavaScript wrote it) is at or
// past height.
func below(px string, height int) bool {
	v, err := strconv.ParseFloat(px, 64)
	return err == nil && v >= float64(height)
}
