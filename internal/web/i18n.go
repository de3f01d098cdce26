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
	"public.title":              {"规划实施进展公开", "Plans in progress: public view"},
	"public.none":               {"暂无公开的计划。", "No plan is published yet."},
	"public.published_on":       {"公开于", "Published"},
	"public.open":               {"查看全部任务和指标", "All tasks and indicators"},
	"col.reported":              {"最近报送", "Last reported"},
	"pub.title":                 {"公开发布", "Publication"},
	"pub.is_published":          {"已公开发布，公开页：", "Published; public page:"},
	"pub.not_published":         {"尚未公开。公开后任何人无需登录即可查看任务状态和指标，不含进展情况说明。", "Not published. Once published, anyone can see the tasks' status and the indicators without signing in, but not the notes."},
	"pub.names":                 {"公开页显示报送人姓名", "Show reporters' names on the public page"},
	"pub.names_shown":           {"显示姓名", "names shown"},
	"pub.names_hidden":          {"不显示姓名", "names hidden"},
	"pub.publish":               {"公开发布", "Publish"},
	"pub.update":                {"更新公开设置", "Update"},
	"pub.withdraw":              {"撤回公开", "Withdraw"},
	"pub.forbidden":             {"您无权公开发布这个计划", "You may not publish this plan"},
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
	"nav.users":                 {"账号", "Accounts"},
	"nav.audit":                 {"审计日志", "Audit log"},
	"admin.forbidden":           {"您无权使用这个页面", "You may not use this page"},
	"role.admin":                {"系统管理员", "Administrator"},
	"role.auditor":              {"审计管理员", "Auditor"},
	"role.editor":               {"计划编辑", "Editor"},
	"role.reporter":             {"报送员", "Reporter"},
	"role.viewer":               {"查看者", "Viewer"},
	"users.title":               {"账号管理", "Accounts"},
	"user.login":                {"用户名", "Login"},
	"user.name":                 {"显示名称", "Display name"},
	"user.role":                 {"角色", "Role"},
	"user.scopes":               {"权限范围", "Scopes"},
	"user.scopes_note":          {"每行一个计划（或全部计划），报送员再填所属单位；系统管理员和审计管理员不需要范围。", "One plan (or every plan) per row, with the unit for a reporter; administrators and auditors take none."},
	"user.all_plans":            {"全部计划", "Every plan"},
	"user.state":                {"状态", "State"},
	"user.active":               {"正常", "Active"},
	"user.disabled":             {"已停用", "Disabled"},
	"user.locked":               {"已锁定", "Locked"},
	"user.last_signin":          {"最近登录", "Last sign-in"},
	"user.add":                  {"新增账号", "Add an account"},
	"user.edit":                 {"修改账号", "Change the account"},
	"user.save":                 {"保存", "Save"},
	"user.password":             {"密码", "Password"},
	"user.password2":            {"再次输入密码", "Password again"},
	"user.password_note":        {"至少 10 个字符，包含小写字母、大写字母、数字、符号中的三类，且不能包含用户名。", "At least 10 characters, mixing three of lower case, upper case, digits and symbols, without the login."},
	"user.reset_password":       {"重置密码", "Reset the password"},
	"user.reset_note":           {"重置后该账号的登录会话全部失效，锁定解除。", "Resetting ends the account's sessions and lifts any lockout."},
	"user.disable":              {"停用账号", "Disable the account"},
	"user.disable_note":         {"停用后立即退出登录，API 令牌全部删除。", "Disabling signs the account out and deletes its API tokens."},
	"user.enable":               {"启用账号", "Enable the account"},
	"user.unlock":               {"解除锁定", "Unlock"},
	"user.self_note":            {"不能停用自己的账号或修改自己的角色。", "You cannot disable your own account or change your own role."},
	"user.done.created":         {"账号已建立。", "The account is created."},
	"user.done.saved":           {"修改已保存。", "The change is saved."},
	"user.done.disabled":        {"账号已停用。", "The account is disabled."},
	"user.done.enabled":         {"账号已启用。", "The account is enabled."},
	"user.done.unlocked":        {"锁定已解除。", "The account is unlocked."},
	"user.done.password":        {"密码已重置。", "The password is reset."},
	"user.done.revoked":         {"令牌已撤销。", "The token is revoked."},
	"user.err.login_missing":    {"请输入用户名", "Enter a login"},
	"user.err.role":             {"角色无法识别", "Unknown role"},
	"user.err.password_missing": {"请输入密码", "Enter a password"},
	"user.err.password_differ":  {"两次输入的密码不一致", "The two passwords differ"},
	"user.err.password":         {"密码不符合要求", "The password is refused"},
	"user.err.plan":             {"找不到计划", "No such plan"},
	"user.err.scope_plan":       {"请为该单位选择计划（或全部计划）", "Choose a plan (or every plan) for the unit"},
	"user.err.invalid":          {"账号信息不符合要求", "The account is refused"},
	"user.err.taken":            {"用户名已被使用", "That login is taken"},
	"user.err.self":             {"不能停用自己的账号或修改自己的角色", "You cannot disable your own account or change your own role"},
	"token.title":               {"API 令牌", "API tokens"},
	"token.name":                {"用途", "Name"},
	"token.name_hint":           {"如 每日同步脚本", "e.g. nightly sync script"},
	"token.days":                {"有效天数（空为长期）", "Days valid (empty: no expiry)"},
	"token.create":              {"生成令牌", "Make a token"},
	"token.created":             {"生成时间", "Made"},
	"token.last_used":           {"最近使用", "Last used"},
	"token.expires":             {"到期", "Expires"},
	"token.never":               {"长期", "never"},
	"token.revoke":              {"撤销", "Revoke"},
	"token.none":                {"没有 API 令牌。", "No API tokens."},
	"token.shown_once":          {"请立即复制保存这个令牌：它只显示这一次。脚本以 Authorization: Bearer 令牌 调用接口。", "Copy this token now: it is shown this once. Scripts send it as Authorization: Bearer <token>."},
	"token.err.name":            {"请填写令牌用途", "Name the token"},
	"token.err.days":            {"有效天数应为 1 到 3650 的整数", "Days must be a whole number from 1 to 3650"},
	"token.err.disabled":        {"账号已停用，不能生成令牌", "The account is disabled: no tokens for it"},
	"audit.title":               {"审计日志", "Audit log"},
	"audit.intact":              {"日志链完整", "The log's chain is intact"},
	"audit.entries":             {"条", "entries"},
	"audit.head":                {"末条哈希", "last hash"},
	"audit.empty":               {"审计日志为空。", "The audit log is empty."},
	"audit.broken":              {"日志链已被破坏", "The log's chain is broken"},
	"audit.actor":               {"操作人", "Who"},
	"audit.action":              {"操作", "Action"},
	"audit.from":                {"起始日期", "From"},
	"audit.to":                  {"截止日期", "To"},
	"audit.time":                {"时间", "Time"},
	"audit.entity":              {"对象", "Object"},
	"audit.detail":              {"详情", "Detail"},
	"audit.show":                {"查看", "Show"},
	"audit.before":              {"修改前", "Before"},
	"audit.after":               {"修改后", "After"},
	"audit.none":                {"没有符合条件的记录。", "No entries match."},
	"audit.older":               {"更早的记录", "Older entries"},
	"audit.export_csv":          {"导出 CSV", "Export CSV"},
	"audit.export_jsonl":        {"导出 JSONL", "Export JSONL"},
	"audit.verify":              {"检查日志链", "Check the log's chain"},
	"audit.verify_note":         {"逐条核对哈希链，确认日志未被改动；日志很长时需要几秒。", "Recomputes every entry's hash to show the log was not changed; takes seconds on a long log."},
}
