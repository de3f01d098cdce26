package web

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"planwatch/internal/store"
)

// TestBrowserOfficeDay walks a plan office's day in headless Chromium,
// in the web app alone: sign in, add a document by upload, read what it
// proposes beside the source sentences, make the plan, review the
// proposals (units given on one, then all confirmed), give a task its
// units, report progress with an evidence file, record an indicator's
// figure, read the plan list and the plan page with its charts, and
// fetch the report through the plan page's form. Then the same day on a
// 375 px phone, where no page may be wider than the screen.
func TestBrowserOfficeDay(t *testing.T) {
	f, bin, base := browserFixture(t)
	ctx := context.Background()
	const password = "Office-2025-day"
	browserUser(t, f, "ban", "督查室小李", password, store.RoleEditor, store.Scope{}) // every plan: may make plans
	docPath, err := filepath.Abs(filepath.Join("testdata", "day_plan.txt"))
	if err != nil {
		t.Fatal(err)
	}
	evidence := filepath.Join(t.TempDir(), "现场照片.png")
	writePNG(t, evidence)
	dir := artifactsDir(t)
	b := startBrowser(t, bin)
	parent := t

	for _, run := range []struct {
		name  string
		width int
		phone bool
	}{{"desktop", 1280, false}, {"phone", 375, true}} {
		t.Run(run.name, func(t *testing.T) {
			b.t = t // the browser's helpers fail this run
			defer func() { b.t = parent }()
			b.viewport(run.width, 900, run.phone)
			b.call("Network.clearBrowserCookies", nil, nil) // a fresh start, whatever the last run left
			// at checks where the browser is, and on the phone that the
			// page is no wider than the screen; then a screenshot.
			at := func(step, pathPattern string) {
				t.Helper()
				if p := b.text("location.pathname"); !regexp.MustCompile("^" + pathPattern + "$").MatchString(p) {
					t.Fatalf("%s: at %s, want %s; page: %.400s", step, p, pathPattern, b.text("document.body.innerText"))
				}
				if run.phone {
					if w := b.text("String(document.documentElement.scrollWidth) + '/' + String(window.innerWidth)"); !phoneFits(w) || !strings.HasSuffix(w, "/375") {
						t.Errorf("%s on a 375 px phone: page width %s px; past the edge: %s", step, w, b.text(wideElements))
					}
				}
				b.screenshot(filepath.Join(dir, "day-"+run.name+"-"+step+".png"))
			}
			id := func() string { return b.text("location.pathname.split('/')[2]") }

			signIn(t, b, base, "ban", password)
			at("signed-in", "/")

			// A document, uploaded.
			b.open(base + "/documents/new")
			setFile(t, b, `#document-form input[name="file"]`, docPath)
			b.fill(`#document-form input[name="tags"]`, "数字乡村")
			b.click(`#document-form button[type="submit"]`)
			at("document", "/documents/[0-9a-z]+")
			docID := id()

			// What it proposes, each item's words marked in its sentence.
			b.click(`#make-plan a`)
			at("plan-new", "/documents/"+docID+"/plans/new")
			marked := b.text(`Array.from(document.querySelectorAll('td.source mark')).map(m => m.textContent).join('|')`)
			for _, want := range []string{"完善乡村信息基础设施", "农产品网络零售额"} {
				if !strings.Contains(marked, want) {
					t.Errorf("the preview does not mark %q in its sentence: %s", want, marked)
				}
			}
			if run.phone { // the desktop made one from this document already
				b.fill(`#plan-form input[name="new_version"]`, "1")
				b.text(`document.querySelector('#plan-form input[name="new_version"]').checked = true; 'ok'`)
				b.fill(`#plan-form select[name="level"]`, "区县")
				b.click(`#plan-form button[type="submit"]`)
			} else {
				b.click(`#plan-form button[type="submit"]`)
			}
			at("proposals", "/plans/[0-9a-z]+/proposals")
			planID := id()
			p, err := f.st.Plan(ctx, planID)
			if err != nil || p.DocumentID != docID || p.RegionName != "南湖区" {
				t.Fatalf("plan made: %+v, %v", p, err)
			}

			// Review: the first task gets a second lead unit and is
			// confirmed; then all the rest at once.
			b.text(`document.querySelector('form.proposal-edit').closest('details').open = true; 'ok'`)
			b.fill(`form.proposal-edit input[name="lead"]`, "区经信局、区大数据中心")
			b.click(`form.proposal-edit button[name="confirm"]`)
			at("reviewed-one", "/plans/"+planID+"/proposals")
			b.click(`input[name="all"] ~ button[type="submit"]`)
			at("reviewed", "/plans/"+planID+"/proposals")
			if n, err := f.st.CountProposals(ctx, planID); err != nil || n != 0 {
				t.Fatalf("after confirming all: %d proposals wait (%v)", n, err)
			}

			// The plan, and its first task: units given, progress reported
			// with a photo as evidence.
			b.open(base + "/plans/" + planID)
			at("plan", "/plans/"+planID)
			b.click(`table.tasks a[href^="/tasks/"]`)
			at("task", "/tasks/[0-9a-z]+")
			taskID := id()
			b.fill(`#units input[name="lead"]`, "区经信局")
			b.fill(`#units input[name="support"]`, "区大数据中心、各镇人民政府")
			b.fill(`#units input[name="reason"]`, "分工调整")
			b.click(`#units button[type="submit"]`)
			at("task-units", "/tasks/"+taskID)
			if it, err := f.st.Item(ctx, taskID); err != nil || len(it.Units) != 3 || it.Units[0].Unit != "区经信局" || it.Units[0].Role != store.RoleLead {
				t.Errorf("task units after the form: %+v, %v", it.Units, err)
			}
			note := "已新建5G基站120个（" + run.name + "）"
			b.fill(`#update-form select[name="status"]`, "in_progress")
			b.fill(`#update-form input[name="progress"]`, "40")
			b.fill(`#update-form textarea[name="note"]`, note)
			setFile(t, b, `#update-form input[name="evidence_file"]`, evidence)
			b.click(`#update-form button[type="submit"]`)
			at("reported", "/tasks/"+taskID)
			b.waitFor("document.body.innerText.includes(" + jsString(note) + ")")
			got := b.text(`(async () => { const a = document.querySelector('.timeline a[href$="/evidence"]');
 if (!a) return 'no evidence link'; const r = await fetch(a.href); const b = new Uint8Array(await r.arrayBuffer());
 return r.status + ' ' + r.headers.get('content-type') + ' ' + String.fromCharCode(b[1], b[2], b[3]) })()`)
			if got != "200 image/png PNG" {
				t.Errorf("the evidence file downloads as %q", got)
			}

			// A figure of an indicator, from the plan page.
			b.open(base + "/plans/" + planID)
			b.click(`.ind-record a`)
			at("indicator", "/indicators/[0-9a-z]+")
			indID := id()
			b.fill(`#observation-form input[name="period"]`, "2023-Q1")
			b.fill(`#observation-form input[name="value"]`, "1")
			b.fill(`#observation-form input[name="source"]`, "区统计局季报")
			b.click(`#observation-form button[type="submit"]`)
			at("observed", "/indicators/"+indID)
			if s := b.text(`document.querySelector('#observations + .table-wrap') ? document.querySelector('#observations + .table-wrap').innerText : ''`); !strings.Contains(s, "2023-Q1") || !strings.Contains(s, "区统计局季报") {
				t.Errorf("the figure is not listed: %q", s)
			}

			// The dashboard: the plan list, then the plan with its charts.
			b.open(base + "/")
			at("plans", "/")
			if !strings.Contains(b.text("document.body.innerText"), p.Title) {
				t.Errorf("the plan list does not show %q", p.Title)
			}
			b.open(base + "/plans/" + planID)
			b.waitFor(`document.querySelectorAll('[data-rendered="true"]').length >= 2`)
			at("dashboard", "/plans/"+planID)
			page := b.text("document.body.innerText")
			if !strings.Contains(page, note) && !strings.Contains(page, "40%") {
				t.Errorf("the plan page does not show the reported progress")
			}

			// The report, through the plan page's form: HTML and Word.
			for _, format := range []struct{ name, want string }{{"html", "text/html"}, {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}} {
				got := b.text(`(async () => { const f = document.querySelector('form[action$="/report"]');
 f.querySelector('select[name="format"]').value = ` + jsString(format.name) + `;
 const u = f.action + '?' + new URLSearchParams(new FormData(f)); const r = await fetch(u);
 const body = new Uint8Array(await r.arrayBuffer()); const text = new TextDecoder().decode(body);
 return r.status + '|' + r.headers.get('content-type') + '|' + body.length + '|' + (text.startsWith('PK') ? 'zip' : text.includes(` + jsString(p.Title) + `) ? 'title' : 'other') })()`)
				parts := strings.Split(got, "|")
				wantKind := "title"
				if format.name == "docx" {
					wantKind = "zip"
				}
				if len(parts) != 4 || parts[0] != "200" || !strings.HasPrefix(parts[1], format.want) || parts[3] != wantKind {
					t.Errorf("report %s: %s", format.name, got)
				}
			}
			signOut(t, b)
		})
	}
}

// setFile puts a file in a file input, as choosing it in the dialog would.
func setFile(t *testing.T, b *browser, selector, path string) {
	t.Helper()
	var doc struct {
		Root struct {
			NodeID int64 `json:"nodeId"`
		} `json:"root"`
	}
	b.call("DOM.getDocument", nil, &doc)
	var input struct {
		NodeID int64 `json:"nodeId"`
	}
	b.call("DOM.querySelector", map[string]any{"nodeId": doc.Root.NodeID, "selector": selector}, &input)
	if input.NodeID == 0 {
		t.Fatalf("no file input %s", selector)
	}
	b.call("DOM.setFileInputFiles", map[string]any{"nodeId": input.NodeID, "files": []string{path}}, nil)
}

// writePNG writes a small picture, a stand-in for a photo of the site.
func writePNG(t *testing.T, path string) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 32, 24))
	for x := range 32 {
		for y := range 24 {
			img.Set(x, y, color.RGBA{uint8(x * 8), uint8(y * 10), 120, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// wideElements names the elements whose right edge passes the screen's
// width outside any scroller (innermost ones: their parents are left
// out), for a failure.
const wideElements = `(() => { const w = 375, out = [];
 for (const el of document.body.querySelectorAll('*')) {
  const r = el.getBoundingClientRect();
  let clipped = false;
  for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
   if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX)) { clipped = true; break; }
  }
  if (!clipped && r.right > w + 1 && !Array.from(el.children).some(c => c.getBoundingClientRect().right > w + 1)) {
   out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '') + ' ' + Math.round(r.right) + 'px');
  }
  if (out.length >= 8) break;
 }
 return out.join(', ') })()`
