package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"planwatch/internal/extract"
	"planwatch/internal/store"
	"planwatch/internal/track"
)

// End-to-end runs over ../shared/corpus, the real documents beside the
// repository: skipped when it is absent, and under -short (adding the
// whole corpus, PDFs included, takes minutes). Run them with
//
//	go test ./internal/cli -run 'Corpus' -v
//
// to see their figures. PLANWATCH_STRICT_CORPUS=1 turns the gaps the
// extraction leaves in the 31 work reports into failures.

// sharedCorpus returns ../shared/corpus beside the repository root, or
// skips the test.
func sharedCorpus(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("the corpus runs are long (-short)")
	}
	corpus := sharedPath(t, "corpus")
	if info, err := os.Stat(corpus); err != nil || !info.IsDir() {
		t.Skipf("%s not found", corpus)
	}
	return corpus
}

// sharedPath returns a path under ../shared beside the repository root,
// or skips the test when ../shared is absent.
func sharedPath(t *testing.T, elem ...string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("repository root (go.mod) not found")
		}
		dir = parent
	}
	shared := filepath.Join(dir, "..", "shared")
	if info, err := os.Stat(shared); err != nil || !info.IsDir() {
		t.Skipf("%s not found", shared)
	}
	return filepath.Join(append([]string{shared}, elem...)...)
}

var docIDRe = regexp.MustCompile(`(?m)^([0-9a-z]{16})  `)

// TestCorpusEveryDocumentPlans adds every corpus document (as `planwatch
// add ../shared/corpus ../shared/corpus/pdf`) and makes a plan of each
// one whose extraction has tasks or targets: every one must succeed,
// whatever the extraction left out (a title, a period) or read twice.
func TestCorpusEveryDocumentPlans(t *testing.T) {
	corpus := sharedCorpus(t)
	db := filepath.Join(t.TempDir(), "planwatch.db")
	if code, out, errOut := run(t, "", "add", "--db", db, corpus, filepath.Join(corpus, "pdf")); code != exitOK {
		t.Fatalf("add = %d\n%s\n%s", code, lastLines(out, 5), errOut)
	}
	_, out, _ := run(t, "", "list", "--db", db, "--limit", "100000")
	ids := docIDRe.FindAllStringSubmatch(out, -1)
	st, err := store.Open(context.Background(), db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var tried, made, untitled, yearless int
	var failed []string
	for _, m := range ids {
		id := m[1]
		v, err := st.Version(context.Background(), id, 0)
		if err != nil {
			t.Fatal(err)
		}
		var res extract.Result
		if err := json.Unmarshal(v.Extraction, &res); err != nil {
			t.Fatalf("document %s: %v", id, err)
		}
		if len(res.Tasks) == 0 && len(res.Targets) == 0 {
			continue
		}
		tried++
		code, out, errOut := run(t, "", "plan", "create", "--db", db, "--from", id)
		if code != exitOK {
			failed = append(failed, id+": "+strings.TrimSpace(errOut))
			continue
		}
		made++
		if strings.Contains(out, "gave no title") {
			untitled++
		}
		if strings.Contains(out, " —, ") {
			yearless++
		}
	}
	t.Logf("%d documents in the library; %d with tasks or targets; %d became plans (%d with a stand-in title, %d without years)",
		len(ids), tried, made, untitled, yearless)
	if tried == 0 || made != tried {
		t.Errorf("%d of %d documents with tasks or targets failed:\n%s", tried-made, tried, strings.Join(failed, "\n"))
	}
	// Every view of the plans works, those without a title or years too;
	// status counts only confirmed tasks, and none is confirmed yet.
	_, list, _ := run(t, "", "plan", "list", "--db", db)
	for _, m := range docIDRe.FindAllStringSubmatch(list, -1) {
		for _, args := range [][]string{{"plan", "show"}, {"indicator", "list"}, {"status"}} {
			a := append(append([]string{}, args...), "--db", db, m[1])
			code, out, errOut := run(t, "", a...)
			if code != exitOK {
				t.Errorf("%v = %d: %s", a, code, errOut)
			}
			// Nothing is counted before a person confirms it.
			if args[0] == "status" && (!strings.Contains(out, "任务 0 项") || !strings.Contains(out, "待确认：")) {
				t.Errorf("%v counts proposals:\n%s", a, out)
			}
		}
	}
}

// compareLine is one line of `planwatch indicator compare`.
var compareLine = regexp.MustCompile(`(?m)^  (\S+)\s+目标 (\S+)年 (\S+)\s+实际 (\S+)年 (\S+)`)

// compareRow is what a line says of one region.
type compareRow struct {
	year, target, actualYear, actual string
}

func (r compareRow) hasTarget() bool { return r.target != "—" }
func (r compareRow) hasActual() bool { return r.actual != "—" }

// TestCorpusWorkReports2026 adds the 31 provincial 政府工作报告 of 2026,
// makes a plan of each, and compares the headline indicators across
// them: every province appears once per indicator, with its own 2026
// target (never the 十五五 2030 one) and its 2025 actual. Where a province
// lacks one, the test checks that the extraction lacks it too (the
// extractor's gap, logged) rather than the plan or the comparison losing
// it; PLANWATCH_STRICT_CORPUS=1 fails on GDP growth gaps as well.
func TestCorpusWorkReports2026(t *testing.T) {
	corpus := sharedCorpus(t)
	files, err := filepath.Glob(filepath.Join(corpus, "0[0-3][0-9]_gwr2026_*.txt"))
	if err != nil || len(files) != 31 {
		t.Fatalf("want the 31 provincial work reports of 2026, found %d (%v)", len(files), err)
	}
	db := filepath.Join(t.TempDir(), "planwatch.db")
	if code, out, errOut := run(t, "", append([]string{"add", "--db", db}, files...)...); code != exitOK {
		t.Fatalf("add = %d\n%s\n%s", code, out, errOut)
	}
	_, out, _ := run(t, "", "list", "--db", db, "--limit", "100")
	ids := docIDRe.FindAllStringSubmatch(out, -1)
	if len(ids) != 31 {
		t.Fatalf("library lists %d documents, want 31", len(ids))
	}
	for _, m := range ids {
		code, out, errOut := run(t, "", "plan", "create", "--db", db, "--from", m[1])
		if code != exitOK || !strings.Contains(out, ", 2026, ") {
			t.Errorf("plan create %s = %d, want a 2026 plan:\n%s%s", m[1], code, out, errOut)
		}
		if p := regexp.MustCompile(`plan ([0-9a-z]{16})`).FindStringSubmatch(out); p != nil {
			confirmAll(t, db, p[1])
		}
	}
	// What the extraction holds, by province, to tell its gaps from ours.
	extracted := map[string]*extract.Result{}
	for _, f := range files {
		_, js, _ := run(t, "", "extract", "--json", f)
		var res extract.Result
		if err := json.Unmarshal([]byte(js), &res); err != nil || res.Region == nil {
			t.Fatalf("%s: extraction without a region (%v)", filepath.Base(f), err)
		}
		extracted[res.Region.Name] = &res
	}
	if len(extracted) != 31 {
		t.Fatalf("the reports name %d provinces, want 31", len(extracted))
	}
	strict := os.Getenv("PLANWATCH_STRICT_CORPUS") == "1"
	for _, ind := range []string{"地区生产总值增长", "居民消费价格涨幅", "城镇调查失业率", "城镇新增就业"} {
		_, out, errOut := run(t, "", "indicator", "compare", "--db", db, ind)
		rows := map[string]compareRow{}
		for _, m := range compareLine.FindAllStringSubmatch(out, -1) {
			if _, twice := rows[m[1]]; twice {
				t.Errorf("%s: %s listed twice:\n%s", ind, m[1], out)
			}
			rows[m[1]] = compareRow{m[2], m[3], m[4], m[5]}
		}
		if len(rows) == 0 {
			t.Fatalf("%s: no rows\n%s%s", ind, out, errOut)
		}
		var both int
		var gaps []string
		for _, prov := range sortedKeys(extracted) {
			hasT, hasA := extractedHas(extracted[prov], ind)
			r, listed := rows[prov]
			if listed && r.year != "2026" {
				t.Errorf("%s: %s shows the target of %s, want 2026", ind, prov, r.year)
			}
			switch {
			case hasT && (!listed || !r.hasTarget()):
				t.Errorf("%s: %s has a 2026 target in its extraction, the comparison shows %+v (listed %v)", ind, prov, r, listed)
			case hasA && hasT && !r.hasActual():
				t.Errorf("%s: %s has a 2025 figure in its extraction, the comparison shows none", ind, prov)
			case !hasT && listed && r.hasTarget():
				t.Errorf("%s: %s shows a 2026 target %s its extraction lacks", ind, prov, r.target)
			}
			if listed && r.hasTarget() && r.hasActual() {
				both++
				continue
			}
			var miss []string
			if !hasT {
				miss = append(miss, "no 2026 target")
			}
			if !hasA {
				miss = append(miss, "no 2025 figure")
			}
			gaps = append(gaps, prov+"（"+strings.Join(miss, "，")+"）")
		}
		t.Logf("%s: %d of 31 provinces listed, %d with a 2026 target and a 2025 actual; not in the extraction: %s",
			ind, len(rows), both, strings.Join(gaps, " "))
		if strict && ind == "地区生产总值增长" && both != 31 {
			t.Errorf("%s: %d of 31 provinces complete (PLANWATCH_STRICT_CORPUS=1)", ind, both)
		}
	}
}

// extractedHas reports whether an extraction holds a 2026 target and a
// 2025 figure of the indicator named ind, under any of its names (Key).
func extractedHas(res *extract.Result, ind string) (target, actual bool) {
	key := track.Key(ind)
	for _, q := range res.Targets {
		if q.Year != nil && *q.Year == 2026 && track.Key(q.Indicator) == key {
			target = true
		}
	}
	for _, q := range res.Observations {
		if q.Period != nil && *q.Period == "2025" && track.Key(q.Indicator) == key {
			actual = true
		}
	}
	return target, actual
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// lastLines returns the last n lines of s.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
