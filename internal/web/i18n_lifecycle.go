package web

import "maps"

// lifecycleMessages are the interface strings of archiving, restoring and
// deleting plans and documents, merged into the catalog.
var lifecycleMessages = map[string][2]string{
	"life.title":          {"归档与删除", "Archive and delete"},
	"life.archived":       {"已归档", "Archived"},
	"life.archived_note":  {"已归档：不出现在列表、检索、提醒和催报中，记录完整保留，可随时恢复。", "Archived: out of lists, search, alerts and reminders, every record kept; restore it any time."},
	"life.archive":        {"归档", "Archive"},
	"life.restore":        {"恢复", "Restore"},
	"life.delete":         {"删除", "Delete"},
	"life.delete_note":    {"只有没有任何依赖（下级计划、进展报送、账号权限、公开页面；由它生成的计划、转载）时才能删除，否则请归档。", "Only what nothing depends on (lower plans, reports, account scopes, a public page; plans made from it, reposts) can be deleted; archive the rest."},
	"life.depended":       {"不能删除：%s。可改为归档。", "Cannot be deleted: %s. Archive it instead."},
	"life.forbidden":      {"您无权归档或删除它", "You may not archive or delete this"},
	"plans.archived":      {"已归档的计划", "Archived plans"},
	"plans.archived_none": {"没有已归档的计划。", "No archived plans."},
	"period.none":         {"期限未设置：文件未写明年份，任务只按进度判断，不算序时进度。", "No period set: the document named no years, so tasks are judged by progress alone, with no 序时进度."},
	"period.set":          {"在计划设置中填写期限", "Set the period in the settings"},
	"period.ask":          {"请计划编辑人员在计划设置中填写。", "Ask the plan's editors to set it in the settings."},
	"period.unset":        {"未设置", "not set"},
	"settings.kind":       {"计划类型", "Kind"},
	"settings.start_year": {"起始年份", "First year"},
	"settings.end_year":   {"截止年份（一年期计划同起始年份）", "Last year (the first, for a one-year plan)"},
}

func init() { maps.Copy(messages, lifecycleMessages) }
