package cli

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestHarvestCommands plays a plan office at the command line: the 2023
// work report becomes a plan, the 2024 report is added and its figures
// proposed at once (the library's Stored hook), the inbox shows them with
// their sentences, accept (corrected), reject and wrong decide them, the
// indicator has the figure, run finds nothing new, and bad input gets a
// one-line error and a non-zero status.
func TestHarvestCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "pw.db")
	data := filepath.Join("..", "harvest", "testdata")
	if code, out, errOut := run(t, "", "add", "--db", db, filepath.Join(data, "shaoxing_2023.txt")); code != exitOK {
		t.Fatalf("add = %d\n%s%s", code, out, errOut)
	}
	_, list, _ := run(t, "", "list", "--db", db)
	doc := regexp.MustCompile(`^[0-9a-z]{16}`).FindString(list)
	_, out, _ := run(t, "", "plan", "create", "--db", db, "--from", doc)
	plan := regexp.MustCompile(`plan ([0-9a-z]{16})`).FindStringSubmatch(out)[1]
	if code, out, errOut := run(t, "", "proposal", "confirm", "--db", db, plan, "--all", "--kind", "target"); code != exitOK {
		t.Fatalf("confirm = %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut := run(t, "", "add", "--db", db, filepath.Join(data, "shaoxing_2024.txt")); code != exitOK {
		t.Fatalf("add report = %d\n%s%s", code, out, errOut)
	}
	code, inbox, errOut := run(t, "", "harvest", "inbox", "--db", db, "--plan", plan)
	if code != exitOK || !strings.Contains(inbox, "地区生产总值增长 2023 = 7.8%") || !strings.Contains(inbox, "全市地区生产总值增长7.8%") ||
		!strings.Contains(inbox, "城镇新增就业 2023 = 5.6万人") {
		t.Fatalf("inbox = %d\n%s%s", code, inbox, errOut)
	}
	id := func(name string) string {
		m := regexp.MustCompile(`([0-9a-z]{16})  ` + name + ` `).FindStringSubmatch(inbox)
		if m == nil {
			t.Fatalf("no %s in the inbox:\n%s", name, inbox)
		}
		return m[1]
	}
	gdp, jobs, cpi := id("地区生产总值增长"), id("城镇新增就业"), id("居民消费价格涨幅")

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"harvest", "accept", gdp, "--value", "七点八"}, "--value"},
		{[]string{"harvest", "reject", gdp, "--value", "7"}, "go with accept"},
		{[]string{"harvest", "run", "--min-score", "2", "--plan", plan}, "--min-score"},
		{[]string{"harvest", "accept", "nosuchproposal"}, "not found"},
		{[]string{"harvest", "run"}, "--plan, --document or --all"},
		{[]string{"harvest", "inbox", "--state", "maybe"}, "--state maybe"},
	} {
		code, out, errOut := run(t, "", append(c.args, "--db", db)...)
		if code == exitOK || !strings.Contains(errOut, c.want) || strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
			t.Errorf("%v = %d, want one line naming %q\n%s%s", c.args, code, c.want, out, errOut)
		}
	}

	if code, out, errOut := run(t, "", "harvest", "accept", jobs, "--value", "5.61万", "--db", db); code != exitOK ||
		!strings.Contains(out, "5.61万人") {
		t.Errorf("accept corrected = %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut := run(t, "", "harvest", "accept", gdp, "--db", db); code != exitOK {
		t.Errorf("accept = %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut := run(t, "", "harvest", "reject", cpi, "--db", db); code != exitOK {
		t.Errorf("reject = %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := run(t, "", "harvest", "accept", gdp, "--db", db); code == exitOK || !strings.Contains(errOut, "already decided") {
		t.Errorf("accept twice = %d, %s", code, errOut)
	}
	_, ind, _ := run(t, "", "indicator", "list", "--db", db, plan)
	if !strings.Contains(ind, "2023 7.8%") || !strings.Contains(ind, "5.61万人") {
		t.Errorf("indicator list after accepting:\n%s", ind)
	}
	if code, out, _ := run(t, "", "harvest", "run", "--plan", plan, "--db", db); code != exitOK || !strings.Contains(out, "0 new proposals") {
		t.Errorf("run again = %d\n%s", code, out)
	}
	if code, out, _ := run(t, "", "harvest", "run", "--all", "--db", db); code != exitOK || !strings.Contains(out, "2 documents read") {
		t.Errorf("run --all = %d\n%s", code, out)
	}
	if code, out, _ := run(t, "", "harvest", "synonym", "add", "经济增速", "地区生产总值增长", "--db", db); code != exitOK {
		t.Errorf("synonym add = %d %s", code, out)
	}
	if _, out, _ := run(t, "", "harvest", "synonym", "list", "--db", db); !strings.Contains(out, "经济增速 = 地区生产总值增长") {
		t.Errorf("synonym list:\n%s", out)
	}
}
