package web

import "maps"

// reportingMessages are the interface strings of honest reporting: the
// reason an update needs when back-dated or bringing progress down, and
// 迟报; merged into the catalog.
var reportingMessages = map[string][2]string{
	"update.reason":              {"说明（补报或进度回退时必填）", "Reason (needed when back-dated or progress falls)"},
	"update.reason_hint":         {"日期早于 %s 为补报，须说明原因", "A date before %s is back-dated and needs a reason"},
	"update.late":                {"迟报", "Late"},
	"update.reason_label":        {"说明", "Reason"},
	"update.err.reason_backdate": {"补报须说明原因：日期属于已过报送截止日的时期", "A back-dated report needs a reason: its period's report was due already"},
	"update.err.reason_regress":  {"完成进度回退须说明原因", "Progress going down needs a reason"},
	"update.err.long":            {"说明过长", "The reason is too long"},
	"my.late":                    {"迟报", "Late"},
}

func init() { maps.Copy(messages, reportingMessages) }
