package web

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"planwatch/internal/store"
)

// TestBrowserSheetUpload signs a reporter in through the form in headless
// Chromium, chooses a filled-in task list in the file input of /my as a
// user would, submits it by a click, and checks that the summary page
// says one update was posted and that the store has it. Skipped without
// Chromium (see browserFixture).
func TestBrowserSheetUpload(t *testing.T) {
	f, bin, base := browserFixture(t)
	unit := f.task.Units[0].Unit
	scope := store.Scope{PlanID: f.plan.ID, Unit: unit}

	// The filled-in sheet, made here from the unit's download rather
	// than downloaded by the browser.
	rep := f.session(t, "fgw-script", store.RoleReporter, scope)
	rec := f.do("GET", "/my/sheet.xlsx", rep, nil, nil)
	if rec.Code != 200 {
		t.Fatalf("download: %d", rec.Code)
	}
	ids, progCol, _, wb := sheetIDs(t, rec.Body.Bytes())
	row, ok := ids[f.task.ID]
	if !ok {
		t.Fatal("the seeded task is not in the unit's sheet")
	}
	const note = "浏览器上传：样机已完成联调"
	wb.SetCellValue(wb.GetSheetName(0), fmt.Sprintf("%s%d", progCol, row), note)
	path := filepath.Join(t.TempDir(), "任务清单.xlsx")
	if err := wb.SaveAs(path); err != nil {
		t.Fatal(err)
	}

	const password = "Report-2025-unit"
	browserUser(t, f, "fgw", "发改委填报员", password, store.RoleReporter, scope)
	b := startBrowser(t, bin)
	shots := artifactsDir(t)
	signIn(t, b, base, "fgw", password)
	b.open(base + "/my")
	b.waitFor(`document.querySelector('form.sheet-upload input[name=sheet]') !== null`)
	b.screenshot(filepath.Join(shots, "web-my.png"))

	b.chooseFile("form.sheet-upload input[name=sheet]", path)
	b.click(`form.sheet-upload button[type=submit]`)
	b.waitFor(`document.getElementById('sheet-summary') !== null`)
	summary := b.text(`document.getElementById('sheet-summary').innerText`)
	b.screenshot(filepath.Join(shots, "web-my-sheet.png"))
	if !regexp.MustCompile(`^1\s*条进展已保存`).MatchString(strings.TrimSpace(summary)) {
		t.Errorf("summary %q, want 1 update posted", summary)
	}
	ups, err := f.st.Updates(context.Background(), f.task.ID)
	if err != nil || len(ups) == 0 || ups[len(ups)-1].Note != note || ups[len(ups)-1].Unit != unit {
		t.Errorf("latest update %+v, %v", ups, err)
	}
}
