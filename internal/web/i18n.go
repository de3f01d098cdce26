package web

import (
	"context"
	"net/http"

	"planwatch/internal/track"
)

// Languages of the interface. Documents keep their own (Chinese) text;
// only the interface's words switch.
const (
	langZH = "zh"
	langEN = "en"
)

// langCookie remembers the language chosen with ?lang=.
const langCookie = "planwatch_lang"

type langKey struct{}

// languageOf returns the request's interface language: ?lang=en|zh
// (remembered in a cookie for a year), else the cookie, else Chinese.
func languageOf(w http.ResponseWriter, r *http.Request) string {
	if q := r.URL.Query().Get("lang"); q == langEN || q == langZH {
		http.SetCookie(w, &http.Cookie{Name: langCookie, Value: q, Path: "/", MaxAge: 365 * 24 * 3600,
			HttpOnly: true, SameSite: http.SameSiteLaxMode})
		return q
	}
	if c, err := r.Cookie(langCookie); err == nil && c.Value == langEN {
		return langEN
	}
	return langZH
}

// langFrom returns the language the middleware put in ctx.
func langFrom(ctx context.Context) string {
	if l, ok := ctx.Value(langKey{}).(string); ok {
		return l
	}
	return langZH
}

// translate returns the interface string for key in lang; the key itself
// when the catalog lacks it (a test checks that it never does).
func translate(lang, key string) string {
	if m, ok := messages[key]; ok {
		if lang == langEN {
			return m[1]
		}
		return m[0]
	}
	return key
}

// statusText is a status code's label in lang.
func statusText(lang, code string) string {
	if lang == langEN {
		return translate(langEN, "status."+code)
	}
	return track.StatusLabel(code)
}

// messages is the catalog of interface strings: key → {Chinese, English}.
var messages = map[string][2]string{
	"app":                       {"规划跟踪", "planwatch"},
	"nav.plans":                 {"计划", "Plans"},
	"nav.search":                {"检索", "Search"},
	"nav.compare":               {"比较", "Compare"},
	"nav.api":                   {"接口", "API"},
	"lang.switch":               {"English", "中文"},
	"plans.title":               {"跟踪中的计划", "Plans under way"},
	"plans.none":                {"还没有跟踪的计划。用 planwatch plan create --from 文档 建立一个。", "No plans tracked yet. Create one with planwatch plan create --from DOC."},
	"plans.none_match":          {"没有符合筛选条件的计划。", "No plans match these filters."},
	"plans.shown":               {"计划数", "Plans"},
	"plans.region":              {"地区", "Region"},
	"plans.level":               {"层级", "Level"},
	"plan":                      {"计划", "Plan"},
	"plan.period":               {"期限", "Period"},
	"plan.level":                {"层级", "Level"},
	"plan.region":               {"地区", "Region"},
	"plan.source":               {"来源文件", "Source document"},
	"plan.public":               {"公开版", "Public view"},
	"plan.report":               {"评估报告", "Evaluation report"},
	"plan.outline":              {"提纲", "Outline"},
	"plan.status_chart":         {"任务状态", "Tasks by status"},
	"tasks":                     {"任务", "Tasks"},
	"task":                      {"任务", "Task"},
	"tasks.count":               {"任务数", "Tasks"},
	"overdue":                   {"逾期", "Overdue"},
	"summary.on_schedule":       {"按序时推进", "On schedule"},
	"unreported":                {"未报送", "Unreported"},
	"indicators":                {"指标", "Indicators"},
	"off_track":                 {"偏离目标", "Off track"},
	"on_track":                  {"符合目标", "On track"},
	"unknown":                   {"尚难判断", "Not yet known"},
	"filter":                    {"筛选", "Filter"},
	"filter.all":                {"全部", "All"},
	"filter.unit":               {"单位", "Unit"},
	"filter.theme":              {"主题", "Theme"},
	"filter.status":             {"状态", "Status"},
	"filter.clear":              {"清除筛选", "Clear filters"},
	"col.number":                {"序号", "No."},
	"col.title":                 {"任务", "Task"},
	"col.units":                 {"牵头/配合单位", "Lead / support units"},
	"col.lead":                  {"牵头单位", "Lead units"},
	"col.support":               {"配合单位", "Support units"},
	"col.deadline":              {"完成时限", "Deadline"},
	"col.status":                {"状态", "Status"},
	"col.progress":              {"进度", "Progress"},
	"col.expected":              {"序时进度", "Expected"},
	"col.note":                  {"最新进展", "Latest note"},
	"col.indicator":             {"指标", "Indicator"},
	"col.baseline":              {"基期值", "Baseline"},
	"col.latest":                {"最新值", "Latest"},
	"col.target":                {"目标", "Target"},
	"col.projection":            {"趋势预测", "Projection"},
	"col.verdict":               {"判断", "Verdict"},
	"col.region":                {"地区", "Region"},
	"col.count":                 {"数量", "Count"},
	"col.period":                {"期别", "Period"},
	"col.value":                 {"数值", "Value"},
	"col.date":                  {"日期", "Date"},
	"col.unit":                  {"报送单位", "Unit"},
	"col.kind":                  {"类型", "Kind"},
	"col.year":                  {"年份", "Year"},
	"col.tags":                  {"标签", "Tags"},
	"col.partner":               {"合作地区", "Partner"},
	"col.mentions":              {"提及次数", "Mentions"},
	"col.fetched":               {"获取时间", "Fetched"},
	"col.version":               {"版本", "Version"},
	"col.format":                {"格式", "Format"},
	"col.size":                  {"大小", "Size"},
	"binding":                   {"约束性", "binding"},
	"expected_kind":             {"预期性", "expected"},
	"task.body":                 {"任务内容", "Task text"},
	"task.timeline":             {"进展记录", "Updates"},
	"task.no_updates":           {"尚无进展记录。", "No updates yet."},
	"task.source":               {"原文出处", "Source sentence"},
	"task.source_link":          {"在原文中查看", "Show in the document"},
	"task.window":               {"起止时间", "Start – deadline"},
	"task.assessment":           {"按序时进度评估", "Assessed against elapsed time"},
	"task.evidence":             {"佐证材料", "Evidence"},
	"doc.versions":              {"版本", "Versions"},
	"doc.tags":                  {"标签", "Tags"},
	"doc.text":                  {"正文（规范化文本）", "Text (normalized)"},
	"doc.original":              {"原始文件", "Original file"},
	"doc.legend":                {"标注：", "Marked:"},
	"doc.legend.task":           {"任务", "tasks"},
	"doc.legend.target":         {"目标", "targets"},
	"doc.legend.obs":            {"数据", "figures"},
	"doc.legend.focus":          {"所选语句", "selected sentence"},
	"doc.number":                {"文号", "Number"},
	"doc.issued":                {"印发日期", "Issued"},
	"doc.plans":                 {"据此建立的计划", "Plans made from it"},
	"compare.title":             {"指标比较", "Compare an indicator"},
	"compare.indicator":         {"指标", "Indicator"},
	"compare.group":             {"地区组", "Region group"},
	"compare.any_group":         {"所有地区", "All regions"},
	"compare.go":                {"比较", "Compare"},
	"compare.none":              {"没有计划含有这个指标。", "No plan carries this indicator."},
	"compare.pick":              {"选择一个指标进行比较。", "Pick an indicator to compare."},
	"compare.network":           {"区域合作网络", "Cooperation between regions"},
	"compare.network_note":      {"依据文件中提到的合作地区；不含地图边界。", "From the partner regions the documents name; no map boundaries."},
	"compare.network_none":      {"文件中尚未提到合作地区。", "No document names a partner region yet."},
	"compare.capped":            {"只统计了最新的文件。", "Only the newest documents were counted."},
	"search.title":              {"文件检索", "Search documents"},
	"search.placeholder":        {"输入关键词，如 投入强度", "Words to find, e.g. 投入强度"},
	"search.go":                 {"检索", "Search"},
	"search.results":            {"条结果", "results"},
	"search.about":              {"约", "about"},
	"search.none":               {"没有找到。", "Nothing found."},
	"search.facets":             {"在前 100 条结果中", "Among the first 100 results"},
	"search.remove":             {"去掉", "remove"},
	"search.prev":               {"上一页", "Previous"},
	"search.next":               {"下一页", "Next"},
	"report.asof":               {"截至日期", "As of"},
	"report.format":             {"格式", "Format"},
	"report.download":           {"生成报告", "Make the report"},
	"public.note":               {"公开版：只读，不含内部记录。", "Public view: read-only, without internal notes."},
	"chart.fallback":            {"图表未加载，数据见表格。", "Charts are not loaded; the tables hold the figures."},
	"error.title":               {"出错了", "Something went wrong"},
	"error.back":                {"返回首页", "Back to the plans"},
	"error.request":             {"请求编号", "Request ID"},
	"footer":                    {"规划跟踪 planwatch", "planwatch"},
	"none":                      {"无", "none"},
	"signin":                    {"登录", "Sign in"},
	"signout":                   {"退出", "Sign out"},
	"signin.title":              {"登录", "Sign in"},
	"signin.login":              {"用户名", "Login"},
	"signin.password":           {"密码", "Password"},
	"signin.note":               {"账号由管理员用 planwatch user add 建立。连续 5 次输错密码，账号锁定 15 分钟。", "Accounts are made by an administrator with planwatch user add. Five wrong passwords lock the account for 15 minutes."},
	"signin.missing":            {"请输入用户名和密码", "Enter your login and password"},
	"signin.again":              {"登录已过期，请重新登录后再提交", "Your session has ended: sign in again, then resubmit"},
	"update.title":              {"报送进展", "Report progress"},
	"update.note":               {"进展情况", "What was done"},
	"update.whole_task":         {"（整项任务）", "(the task as a whole)"},
	"update.submit":             {"提交", "Submit"},
	"update.posted":             {"进展已保存。", "The update is saved."},
	"update.forbidden":          {"您无权报送这项任务的进展", "You may not report on this task"},
	"update.forbidden_unit":     {"您无权代这个单位报送", "You may not report for this unit"},
	"update.err.status_missing": {"请选择状态", "Choose a status"},
	"update.err.status":         {"状态无法识别", "Unknown status"},
	"update.err.progress":       {"进度应为 0 到 100 的整数", "Progress must be a whole number from 0 to 100"},
	"update.err.date":           {"日期格式应为 2025-06-30", "The date must look like 2025-06-30"},
	"update.err.date_future":    {"日期不能晚于今天", "The date cannot be after today"},
	"update.err.note":           {"进展情况过长", "The note is too long"},
	"update.err.evidence":       {"佐证材料应为 http(s) 链接，不超过 500 个字符", "Evidence must be an http(s) link of at most 500 characters"},
	"update.err.unit":           {"该单位不是这项任务的牵头或配合单位", "That unit neither leads nor supports this task"},
	"status.not_started":        {"未启动", "Not started"},
	"status.on_schedule":        {"序时推进", "On schedule"},
	"status.ahead":              {"超序时", "Ahead"},
	"status.behind":             {"滞后", "Behind"},
	"status.done":               {"已完成", "Done"},
	"status.delayed":            {"已延期", "Overdue"},
}
