package library

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"planwatch/internal/ingest"
	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

const planText = `青溪市推进数字经济发展行动计划
一、总体要求
到2026年，全市数字经济核心产业增加值达到500亿元，研发经费投入强度达到3.2%。
二、重点任务
1.建设新型基础设施。加快千兆光网建设，推进算力中心布局，推动政务服务一网通办向基层延伸。
2.完善数据要素市场。建立公共数据开放平台，探索数据资产登记和交易制度。
3.培育软件产业。支持龙头企业做大做强，建设软件名城，引育一批高成长企业。
三、保障措施
加强组织领导，建立工作专班，定期通报进展，确保各项任务落地见效。
`

const otherText = `关于加强城市更新的若干意见
一、总体要求
坚持以人民为中心，统筹推进老旧小区改造、历史街区保护和公共空间提升。
二、主要任务
1.推进老旧小区改造。完善水电气网等基础设施，加装电梯，补齐养老托育设施短板。
2.保护历史文化街区。开展街区普查和挂牌保护，活化利用历史建筑，延续城市文脉。
3.提升公共空间品质。建设口袋公园和慢行步道，优化街道界面和城市家具。
`

func write(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestAddFiles(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		lib := New(st, Options{})
		dir := t.TempDir()
		plan := write(t, dir, "plan.txt", planText)

		r := lib.Add(ctx, plan, []string{"数字经济"})
		if r.Status != Added || r.DocumentID == "" || r.Title != "青溪市推进数字经济发展行动计划" {
			t.Fatalf("first add = %+v", r)
		}
		if r2 := lib.Add(ctx, plan, nil); r2.Status != Unchanged || r2.DocumentID != r.DocumentID {
			t.Errorf("second add = %+v, want unchanged", r2)
		}
		// The same bytes from another file are stored once.
		copyPath := write(t, dir, "copy.txt", planText)
		if r3 := lib.Add(ctx, copyPath, nil); r3.Status != Duplicate || r3.DuplicateOf != r.DocumentID {
			t.Errorf("same bytes elsewhere = %+v, want duplicate of %s", r3, r.DocumentID)
		}
		// Reposted with a spam line on top and in traditional script: linked.
		repost := "最新av网址发布|在线国产视频91|日本熟女综合视频|一区二区无码\n" +
			strings.NewReplacer("数字经济", "數字經濟", "发展", "發展", "建设", "建設").Replace(planText)
		r4 := lib.Add(ctx, write(t, dir, "repost.html.txt", repost), nil)
		if r4.Status != NearDuplicate || r4.DuplicateOf != r.DocumentID {
			t.Errorf("repost = %+v, want near-duplicate of %s", r4, r.DocumentID)
		}
		// Another document is a document of its own.
		if r5 := lib.Add(ctx, write(t, dir, "other.txt", otherText), nil); r5.Status != Added {
			t.Errorf("other document = %+v", r5)
		}
		docs, err := st.Documents(ctx, store.DocumentFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(docs) != 2 {
			t.Errorf("library lists %d documents, want 2 (the repost is linked, not listed)", len(docs))
		}
		d, err := st.Document(ctx, r.DocumentID)
		if err != nil || len(d.Tags) != 1 || d.Tags[0] != "数字经济" || d.RegionCode != "" && d.Title == "" {
			t.Errorf("document = %+v, %v", d, err)
		}
		// A changed file becomes a new version, and the diff shows the change.
		if err := os.WriteFile(plan, []byte(strings.Replace(planText, "500亿元", "600亿元", 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		if r6 := lib.Refresh(ctx, r.DocumentID); r6.Status != NewVersion {
			t.Fatalf("refresh after change = %+v", r6)
		}
		diff, err := lib.VersionDiff(ctx, r.DocumentID, 1, 2)
		if err != nil {
			t.Fatal(err)
		}
		var del, ins int
		for _, l := range diff {
			switch l.Op {
			case Delete:
				del++
				if !strings.Contains(l.Text, "500亿元") {
					t.Errorf("deleted %q", l.Text)
				}
			case Insert:
				ins++
				if !strings.Contains(l.Text, "600亿元") {
					t.Errorf("inserted %q", l.Text)
				}
			}
		}
		if del != 1 || ins != 1 {
			t.Errorf("diff has %d deletions and %d insertions, want 1 and 1", del, ins)
		}
		if r7 := lib.Refresh(ctx, r.DocumentID); r7.Status != Unchanged {
			t.Errorf("refresh without change = %+v", r7)
		}
	})
}

func TestAddAllReportsFailuresAndResumes(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		lib := New(st, Options{})
		dir := t.TempDir()
		write(t, dir, "a.txt", planText)
		write(t, dir, "b.txt", otherText)
		write(t, dir, "empty.txt", "")
		write(t, dir, "binary.bin", "\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00")
		write(t, dir, ".hidden", planText)
		var seen int
		sum := lib.AddAll(ctx, []string{dir, filepath.Join(dir, "missing.txt")}, nil, func(done, total int, r Result) { seen++ })
		if sum.Counts[Added] != 2 || sum.Counts[Failed] != 3 || seen != 4 {
			t.Fatalf("summary = %+v, progress calls %d", sum.Counts, seen)
		}
		reasons := map[string]bool{}
		for _, f := range sum.Failures {
			reasons[filepath.Base(f.Input)] = true
			if f.Err == nil || f.Err.Error() == "" {
				t.Errorf("failure without a reason: %+v", f)
			}
		}
		for _, name := range []string{"empty.txt", "binary.bin", "missing.txt"} {
			if !reasons[name] {
				t.Errorf("no failure reported for %s: %v", name, reasons)
			}
		}
		// Running it again finishes the job: what was stored is unchanged.
		again := lib.AddAll(ctx, []string{dir}, nil, nil)
		if again.Counts[Unchanged] != 2 || again.Counts[Added] != 0 {
			t.Errorf("second run = %+v", again.Counts)
		}
		if n, _ := st.CountDocuments(ctx); n != 2 {
			t.Errorf("%d documents stored, want 2", n)
		}
	})
}

// Documents added in one batch see each other: the same bytes twice are
// one document, a repost is linked to the original saved just before,
// and a bad document in the middle fails alone. Options.Stored hears of
// a document only once it is committed (readable outside the batch).
func TestAddAllBatchSeesItsOwn(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		dir := t.TempDir()
		write(t, dir, "a.txt", planText)
		write(t, dir, "b.txt", planText)
		write(t, dir, "c.txt", "<<转载>>\n"+strings.NewReplacer("数字经济", "數字經濟", "建设", "建設").Replace(planText))
		write(t, dir, "d.txt", "")
		write(t, dir, "e.txt", otherText)
		var notVisible []string
		lib := New(st, Options{Stored: func(ctx context.Context, r Result) {
			if _, err := st.Document(ctx, r.DocumentID); err != nil {
				notVisible = append(notVisible, r.Input)
			}
		}})
		got := map[string]Result{}
		sum := lib.AddAll(ctx, []string{dir}, []string{"批量"}, func(done, total int, r Result) {
			got[filepath.Base(r.Input)] = r
		})
		if len(got) != 5 || sum.Counts[Failed] != 1 {
			t.Fatalf("results %v, summary %+v", got, sum.Counts)
		}
		a := got["a.txt"]
		if a.Status != Added {
			t.Fatalf("a.txt = %+v", a)
		}
		if r := got["b.txt"]; r.Status != Duplicate || r.DuplicateOf != a.DocumentID {
			t.Errorf("b.txt (same bytes as a.txt) = %+v, want duplicate of %s", r, a.DocumentID)
		}
		if r := got["c.txt"]; r.Status != NearDuplicate || r.DuplicateOf != a.DocumentID {
			t.Errorf("c.txt (a repost of a.txt) = %+v, want near-duplicate of %s", r, a.DocumentID)
		}
		if r := got["d.txt"]; r.Status != Failed || r.Err == nil || strings.Contains(r.Err.Error(), "\n") {
			t.Errorf("d.txt (empty) = %+v, want a one-line failure", r)
		}
		if r := got["e.txt"]; r.Status != Added {
			t.Errorf("e.txt = %+v", r)
		}
		if len(notVisible) > 0 {
			t.Errorf("Stored called before the document was committed: %v", notVisible)
		}
		docs, err := st.Documents(ctx, store.DocumentFilter{Tag: "批量"})
		if err != nil || len(docs) != 2 {
			t.Errorf("tagged documents listed = %d, %v; want a.txt and e.txt", len(docs), err)
		}
	})
}

// An AddAll cancelled after its first batch keeps every document it
// reported, and running it again adds only the rest.
func TestAddAllCancelledResumes(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		dir := t.TempDir()
		n := batchDocs + 20
		for i := 0; i < n; i++ {
			write(t, dir, fmt.Sprintf("d%03d.txt", i), fmt.Sprintf("第%d号通知\n请各单位于%d月底前报送材料，编号%d。\n", i, i%12+1, i*7919))
		}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		lib := New(st, Options{})
		sum := lib.AddAll(ctx, []string{dir}, nil, func(done, total int, r Result) { cancel() })
		reported := sum.Counts[Added] + sum.Counts[NearDuplicate]
		if reported == 0 || reported >= n || sum.Counts[Failed] > 0 {
			t.Fatalf("cancelled run: %+v, want some but not all of %d stored", sum.Counts, n)
		}
		stored, err := st.CountDocuments(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		again := lib.AddAll(context.Background(), []string{dir}, nil, nil)
		if again.Counts[Unchanged] != reported || again.Counts[Added]+again.Counts[NearDuplicate] != n-reported {
			t.Errorf("second run = %+v after %d reported (%d listed), want those unchanged and the rest added", again.Counts, reported, stored)
		}
	})
}

func TestAddURL(t *testing.T) {
	body := "<html><head><meta charset=\"gbk\"><title>青溪市推进数字经济发展行动计划_青溪市人民政府</title></head><body><div class=\"nav\">首页 | 政务公开</div><div class=\"article\">" +
		strings.ReplaceAll(planText, "\n", "<br>") + "</div></body></html>"
	mux := http.NewServeMux()
	mux.HandleFunc("/plan.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream") // a lie; the decoder looks for itself
		w.Write([]byte(body))
	})
	mux.HandleFunc("/gone.html", http.NotFound)
	srv := httptest.NewServer(mux)
	defer srv.Close()

	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		strict := New(st, Options{})
		if r := strict.Add(ctx, srv.URL+"/plan.html", nil); r.Status != Failed || !strings.Contains(r.Err.Error(), "loopback") {
			t.Errorf("loopback without --allow-net = %+v", r)
		}
		lib := New(st, Options{Fetch: ingest.FetchOptions{AllowNets: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}}})
		r := lib.Add(ctx, srv.URL+"/plan.html", []string{"web"})
		if r.Status != Added {
			t.Fatalf("add URL = %+v", r)
		}
		v, err := st.Version(ctx, r.DocumentID, 0)
		if err != nil {
			t.Fatal(err)
		}
		if v.Status != 200 || v.FinalURL != srv.URL+"/plan.html" || v.Headers["Content-Type"][0] != "application/octet-stream" || v.Format != "html" {
			t.Errorf("version = status %d url %q headers %v format %q", v.Status, v.FinalURL, v.Headers, v.Format)
		}
		if b, err := st.Blob(ctx, v.SHA256); err != nil || string(b) != body {
			t.Errorf("stored bytes differ from the page (%v)", err)
		}
		if r := lib.Add(ctx, srv.URL+"/gone.html", nil); r.Status != Failed || !strings.Contains(r.Err.Error(), "404") {
			t.Errorf("404 = %+v", r)
		}
		if n, _ := st.CountDocuments(ctx); n != 1 {
			t.Errorf("%d documents after a failed fetch, want 1", n)
		}
	})
}

// A caller that stops reading the pipeline early (AddAll on a full disk)
// gets control back: the look-ahead feeder and the workers are released.
func TestPipelineBreakOff(t *testing.T) {
	st := storetest.Fresh(t, "sqlite")
	dir := t.TempDir()
	var inputs []string
	for i := 0; i < 40; i++ {
		inputs = append(inputs, write(t, dir, fmt.Sprintf("d%02d.txt", i), fmt.Sprintf("第%d号通知\n请各单位按时报送材料。编号%d。\n", i, i*7919)))
	}
	lib := New(st, Options{})
	done := make(chan int)
	go func() {
		n := 0
		for range lib.pipeline(context.Background(), inputs, nil) {
			n++
			break
		}
		done <- n
	}()
	select {
	case n := <-done:
		if n != 1 {
			t.Errorf("read %d results, want 1", n)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the pipeline did not return after its caller broke off")
	}
}
