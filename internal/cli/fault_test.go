package cli

import (
	"bufio"
	"context"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"planwatch/internal/store"
)

// TestMain lets a test run this test binary as the planwatch command, so a
// test can kill a real process in the middle of its work.
func TestMain(m *testing.M) {
	if os.Getenv("PLANWATCH_TEST_AS_MAIN") == "1" {
		os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// randomDocs writes n distinct documents of random Chinese text.
func randomDocs(t *testing.T, dir string, n int) {
	t.Helper()
	const pool = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"
	p := []rune(pool)
	rng := rand.New(rand.NewSource(7))
	for i := 0; i < n; i++ {
		var b strings.Builder
		fmt.Fprintf(&b, "第%d号测试文件\n", i)
		for para := 0; para < 12; para++ {
			for k := 0; k < 80; k++ {
				b.WriteRune(p[rng.Intn(len(p))])
			}
			b.WriteString("。\n")
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("doc%03d.txt", i)), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestKilledAddResumes kills `planwatch add DIR` with SIGKILL in the middle
// of its run, then runs it again: nothing half-written is left, and the
// second run stores exactly the documents the first did not.
func TestKilledAddResumes(t *testing.T) {
	if testing.Short() {
		t.Skip("starts subprocesses")
	}
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	os.MkdirAll(docs, 0o755)
	const n = 60
	randomDocs(t, docs, n)
	db := filepath.Join(dir, "planwatch.db")

	cmd := exec.Command(os.Args[0], "add", "--db", db, docs)
	cmd.Env = append(os.Environ(), "PLANWATCH_TEST_AS_MAIN=1")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it once a few documents are reported stored.
	sc := bufio.NewScanner(stderr)
	seen := 0
	for sc.Scan() {
		if strings.Contains(sc.Text(), " added ") {
			seen++
		}
		if seen == 5 {
			cmd.Process.Kill()
			break
		}
	}
	go func() {
		for sc.Scan() {
		}
	}()
	cmd.Wait()
	if seen < 5 {
		t.Fatalf("the first run ended before it could be killed (%d added)", seen)
	}
	integrityOK(t, db)
	if n := libraryWhole(t, db); n < 5 {
		t.Errorf("%d documents stored before the kill, want at least the 5 reported", n)
	}

	code, out, errOut := run(t, "", "add", "--db", db, docs)
	if code != exitOK {
		t.Fatalf("rerun = %d\n%s%s", code, out, errOut)
	}
	var added, unchanged int
	fmt.Sscanf(strings.TrimSpace(out), "%d inputs:", new(int))
	for _, part := range strings.Split(strings.SplitN(out, ":", 2)[1], ",") {
		var k int
		var what string
		fmt.Sscanf(strings.TrimSpace(part), "%d %s", &k, &what)
		switch what {
		case "added":
			added = k
		case "unchanged":
			unchanged = k
		}
	}
	if added+unchanged != n || unchanged < 5 {
		t.Errorf("rerun stored %d and found %d unchanged, want %d in all, ≥5 unchanged:\n%s", added, unchanged, n, out)
	}
	code, out, _ = run(t, "", "list", "--db", db, "--limit", "1000")
	if lines := strings.Count(out, "\n"); code != exitOK || lines != n {
		t.Errorf("list shows %d documents after the rerun, want %d", lines, n)
	}
	if got := libraryWhole(t, db); got != n {
		t.Errorf("%d whole documents after the rerun, want %d", got, n)
	}
}

// libraryWhole checks through the store that every document is whole:
// its versions, each with its text, extraction and original bytes, and a
// search entry (it is found by its title). It returns how many there are.
func libraryWhole(t *testing.T, db string) int {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	docs, err := st.Documents(ctx, store.DocumentFilter{Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		vs, err := st.Versions(ctx, d.ID)
		if err != nil || len(vs) == 0 || len(vs) != d.Versions {
			t.Errorf("document %s: %d versions (it says %d), %v", d.ID, len(vs), d.Versions, err)
			continue
		}
		for _, v := range vs {
			full, err := st.Version(ctx, d.ID, v.Seq)
			if err != nil || full.Text == "" || len(full.Extraction) == 0 {
				t.Errorf("document %s version %d: text %d bytes, extraction %d bytes, %v", d.ID, v.Seq, len(full.Text), len(full.Extraction), err)
			}
			if b, err := st.Blob(ctx, v.SHA256); err != nil || int64(len(b)) != v.Size {
				t.Errorf("document %s version %d: original %d bytes of %d, %v", d.ID, v.Seq, len(b), v.Size, err)
			}
		}
		if _, total, err := st.Search(ctx, store.SearchQuery{Text: d.Title}); err != nil || total == 0 {
			t.Errorf("document %s (%s) is not in the search index: %v", d.ID, d.Title, err)
		}
	}
	return len(docs)
}

// TestConcurrentAddsShareTheDatabase runs two `planwatch add` processes on
// one SQLite library at once: the second writer waits for the first
// (busy_timeout) instead of failing with "database is locked".
func TestConcurrentAddsShareTheDatabase(t *testing.T) {
	if testing.Short() {
		t.Skip("starts subprocesses")
	}
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	os.MkdirAll(a, 0o755)
	os.MkdirAll(b, 0o755)
	randomDocs(t, a, 40)
	for i := 0; i < 40; i++ {
		// Different files for b: rename a's set with other content.
		os.WriteFile(filepath.Join(b, fmt.Sprintf("b%03d.txt", i)), []byte(fmt.Sprintf("另一份文件%d\n", i)+strings.Repeat(fmt.Sprintf("内容%d行。", i*7919), 200)), 0o644)
	}
	db := filepath.Join(dir, "planwatch.db")
	var cmds []*exec.Cmd
	var outs []*strings.Builder
	for _, d := range []string{a, b} {
		cmd := exec.Command(os.Args[0], "add", "--db", db, d)
		cmd.Env = append(os.Environ(), "PLANWATCH_TEST_AS_MAIN=1")
		var out strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds, outs = append(cmds, cmd), append(outs, &out)
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("add %d: %v\n%s", i, err, outs[i])
		}
	}
	if code, out, _ := run(t, "", "list", "--db", db, "--limit", "1000"); code != exitOK || strings.Count(out, "\n") != 80 {
		t.Errorf("list shows %d documents, want 80", strings.Count(out, "\n"))
	}
}
