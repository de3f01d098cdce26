package unitname

import (
	"errors"
	"slices"
	"testing"
)

func TestNorm(t *testing.T) {
	same := [][]string{
		{"市发展改革委", "市发改委", "市发展和改革委员会", "市 发展改革委员会", "市发展改革委"},
		{"市人力社保局", "市人社局", "市人力资源和社会保障局"},
		{"市卫生健康委", "市卫健委", "市卫生健康委员会"},
		{"市政府办公室", "市人民政府办公室", "市政府办"},
		{"区发展改革局", "区发改局", "区发展和改革局"},
		{"ＡＢ局", "ab局"},
	}
	for _, g := range same {
		for _, n := range g[1:] {
			if Norm(n) != Norm(g[0]) {
				t.Errorf("Norm(%q) = %q, Norm(%q) = %q; want equal", n, Norm(n), g[0], Norm(g[0]))
			}
		}
	}
	for _, pair := range [][2]string{{"市发展改革委", "区发展改革委"}, {"市科技局", "市经信局"}, {"市发改委", "市发改局"}} {
		if Norm(pair[0]) == Norm(pair[1]) {
			t.Errorf("Norm(%q) = Norm(%q); want different", pair[0], pair[1])
		}
	}
}

func TestVariants(t *testing.T) {
	v := Variants("市发展改革委")
	for _, want := range []string{"市发改委", "市发展和改革委员会", "发展改革委"} {
		if !slices.Contains(v, want) {
			t.Errorf("Variants(市发展改革委) = %v, want %s among them", v, want)
		}
	}
	if slices.Contains(v, "市发展改革委") {
		t.Errorf("Variants lists the name itself: %v", v)
	}
}

func TestResolve(t *testing.T) {
	city := []Entry{
		{ID: "u1", Name: "市发展改革委", RegionCode: "330400", RegionName: "嘉兴市"},
		{ID: "u2", Name: "市科技局", RegionCode: "330400", RegionName: "嘉兴市", Aliases: []string{"市科学技术局", "科技局"}},
		{ID: "u3", Name: "市经信局", RegionCode: "330400", RegionName: "嘉兴市"},
		{ID: "u4", Name: "各县（市、区）人民政府", RegionCode: "330400", RegionName: "嘉兴市"},
		{ID: "u5", Name: "市委组织部", RegionCode: "330400", RegionName: "嘉兴市", Aliases: []string{"组织部"}},
	}
	b := NewBook(city)
	cases := []struct {
		name, want string
		unknown    bool
		suggest    string
	}{
		{name: "市发展改革委", want: "u1"},
		{name: " 市发改委 ", want: "u1"},
		{name: "发展改革委", want: "u1"},
		{name: "发改委", want: "u1"},
		{name: "嘉兴市发展和改革委员会", want: "u1"},
		{name: "市科学技术局", want: "u2"},
		{name: "科技局", want: "u2"},
		{name: "各县(市、区)人民政府", want: "u4"},
		{name: "各县（市、区）政府", want: "u4"},
		{name: "组织部", want: "u5"},
		{name: "区发改委", unknown: true, suggest: "市发展改革委"},
		{name: "市发改局", unknown: true, suggest: "市发展改革委"},
		{name: "市科委", unknown: true, suggest: "市科技局"},
		{name: "市财政局", unknown: true},
		{name: "", unknown: true},
	}
	for _, c := range cases {
		e, err := b.Resolve(c.name)
		if c.unknown {
			var ue *UnknownError
			if !errors.As(err, &ue) || !errors.Is(err, ErrUnknown) {
				t.Errorf("Resolve(%q) = %+v, %v; want unknown", c.name, e, err)
				continue
			}
			if c.suggest != "" && (len(ue.Suggestions) == 0 || ue.Suggestions[0] != c.suggest) {
				t.Errorf("Resolve(%q) suggests %v, want %s first", c.name, ue.Suggestions, c.suggest)
			}
			if c.suggest == "" && c.name != "" && len(ue.Suggestions) > 0 {
				t.Errorf("Resolve(%q) suggests %v, want nothing", c.name, ue.Suggestions)
			}
			continue
		}
		if err != nil || e.ID != c.want {
			t.Errorf("Resolve(%q) = %+v, %v; want %s", c.name, e, err, c.want)
		}
	}
	if err := (&UnknownError{Name: "区发改委", Suggestions: []string{"市发展改革委"}}); err.Error() !=
		`unit "区发改委" is not in the unit registry; did you mean 市发展改革委?` || err.Zh() != "「区发改委」不在单位名录中，是否要填：市发展改革委？" {
		t.Errorf("messages: %q / %q", err.Error(), err.Zh())
	}
}

func TestResolveAcrossRegions(t *testing.T) {
	b := NewBook([]Entry{
		{ID: "a", Name: "市发展改革委", RegionCode: "330400", RegionName: "嘉兴市"},
		{ID: "b", Name: "市发展改革委", RegionCode: "330600", RegionName: "绍兴市"},
		{ID: "c", Name: "省发展改革委", RegionCode: "330000", RegionName: "浙江省"},
	})
	if e, err := b.Resolve("市发改委"); err != nil || e.Name != "市发展改革委" {
		t.Errorf("Resolve(市发改委) = %+v, %v; one name in two cities is one name", e, err)
	}
	if e, err := b.Resolve("浙江省发改委"); err != nil || e.ID != "c" {
		t.Errorf("Resolve(浙江省发改委) = %+v, %v", e, err)
	}
	_, err := b.Resolve("发展改革委")
	var ae *AmbiguousError
	if !errors.As(err, &ae) || !errors.Is(err, ErrAmbiguous) || len(ae.Candidates) != 3 {
		t.Errorf("Resolve(发展改革委) = %v; want ambiguous among the three", err)
	}
}
