package web

import "net/http"

// route is one entry of the route table. The mux registers every route
// from this table, and the OpenAPI document describes the /api ones from
// it too, so the two cannot drift apart.
type route struct {
	Method  string // GET (HEAD is served by GET routes), POST or DELETE
	Pattern string // a net/http pattern path: /plans/{id}
	Handler http.HandlerFunc
	// For the API: what the OpenAPI document says.
	Summary      string
	Params       []param
	Response     any  // a value of the response type, described by reflection
	Request      any  // for a route taking a JSON body: a value of its type; nil for none
	BodyOptional bool // the JSON body may be left out
	// Uploads: the largest body the route takes (default maxBodyBytes),
	// and for the API the multipart field of the file and the type of a
	// response that is not JSON.
	MaxBody  int64
	File     string
	Produces string
}

// param is a path or query parameter of an API route.
type param struct {
	Name     string
	In       string // path or query
	Type     string // string or integer
	Desc     string
	Required bool
}

// Parameters shared by several routes.
var (
	idParam      = param{Name: "id", In: "path", Type: "string", Required: true, Desc: "ID, or a unique prefix of at least 6 characters"}
	regionParam  = param{Name: "region", In: "query", Type: "string", Desc: "GB/T 2260 code (a province or city takes in its divisions) or name prefix"}
	yearParam    = param{Name: "year", In: "query", Type: "integer", Desc: "issued year (else the plan's first year)"}
	kindParam    = param{Name: "kind", In: "query", Type: "string", Desc: "document kind, e.g. 行动计划"}
	tagParam     = param{Name: "tag", In: "query", Type: "string", Desc: "tag"}
	limitParam   = param{Name: "limit", In: "query", Type: "integer", Desc: "page size (default 20, at most 100)"}
	offsetParam  = param{Name: "offset", In: "query", Type: "integer", Desc: "results to skip"}
	asOfParam    = param{Name: "as-of", In: "query", Type: "string", Desc: "judge progress at the end of this day, YYYY-MM-DD (default today)"}
	unitParam    = param{Name: "unit", In: "query", Type: "string", Desc: "only tasks this unit leads or supports"}
	themeParam   = param{Name: "theme", In: "query", Type: "string", Desc: "only tasks under this theme (a top-level heading, as the plan words it)"}
	statusParam  = param{Name: "status", In: "query", Type: "string", Desc: "only tasks in this state, a code or its label: not_started 未开始, in_progress 进行中, behind 滞后, overdue 逾期, extended 已延期, paused 暂停, cancelled 取消, done 已完成"}
	groupParam   = param{Name: "group", In: "query", Type: "string", Desc: "only regions of this group (长三角, 长三角中心区 or a saved group)"}
	indParam     = param{Name: "indicator", In: "query", Type: "string", Required: true, Desc: "indicator name; matched by its key (研发投入强度 = 研发经费投入强度, 经济增长 = 地区生产总值增长)"}
	cmpYearParam = param{Name: "year", In: "query", Type: "integer", Desc: "the target year to show, with the actual figure of the year before (default: each plan's own year, its end)"}
	queryParam   = param{Name: "q", In: "query", Type: "string", Desc: "search text: any Chinese substring of 2+ characters, or words"}
	planParam    = param{Name: "plan", In: "query", Type: "string", Desc: "plan ID or unique prefix (optional when the user reports on one plan)"}
	unitForParam = param{Name: "unit", In: "query", Type: "string", Desc: "the unit reporting (optional when the user reports for one unit in the plan)"}
	versionParam = param{Name: "version", In: "query", Type: "integer", Desc: "version number (default the current one)"}
)

// Parameters of the project routes.
var (
	projectMonthParam = param{Name: "month", In: "query", Type: "string", Desc: "judge as of this month, YYYY-MM (default the last month due, or a later one reported)"}
	projectUnitParam  = param{Name: "unit", In: "query", Type: "string", Desc: "only projects this unit leads or supports"}
	projectPhaseParam = param{Name: "phase", In: "query", Type: "string", Desc: "only projects in this phase: 前期 开工 建设 竣工 投运"}
	projectLateParam  = param{Name: "late", In: "query", Type: "integer", Desc: "1: only projects behind 序时进度, not started on time or past a milestone"}
)

// Parameters of the administration routes.
var (
	userParam          = param{Name: "id", In: "path", Type: "string", Required: true, Desc: "account ID or login"}
	actorParam         = param{Name: "actor", In: "query", Type: "string", Desc: "only entries by this login"}
	actionParam        = param{Name: "action", In: "query", Type: "string", Desc: "only this action, or a prefix ending in a dot (login.)"}
	fromParam          = param{Name: "from", In: "query", Type: "string", Desc: "entries from this day, YYYY-MM-DD (server's local time)"}
	toParam            = param{Name: "to", In: "query", Type: "string", Desc: "entries up to and including this day, YYYY-MM-DD"}
	beforeParam        = param{Name: "before", In: "query", Type: "integer", Desc: "entries before this seq: next_before of the previous page"}
	auditLimitParam    = param{Name: "limit", In: "query", Type: "integer", Desc: "page size (default 50, at most 1000)"}
	verifyParam        = param{Name: "verify", In: "query", Type: "integer", Desc: "1: check the whole hash chain (reads the whole log)"}
	unitRegionParam    = param{Name: "region", In: "query", Type: "string", Desc: "only units of this region (GB/T 2260 code)"}
	unconfirmedParam   = param{Name: "unconfirmed", In: "query", Type: "integer", Desc: "1: only units seeded from plans and not yet confirmed"}
	harvestStateParam  = param{Name: "state", In: "query", Type: "string", Desc: "proposed (default), accepted, rejected, wrong or all"}
	harvestIDParam     = param{Name: "hid", In: "path", Type: "string", Desc: "the harvested figure's ID", Required: true}
	proposalStateParam = param{Name: "state", In: "query", Type: "string", Desc: "proposed (default) or dismissed"}
)

// routes is the route table: pages, then the API.
func (s *Server) routes() []route {
	return []route{
		{Method: "GET", Pattern: "/{$}", Handler: s.planList},
		{Method: "GET", Pattern: "/plans/{id}", Handler: s.planShow},
		{Method: "GET", Pattern: "/plans/{id}/report", Handler: s.reportDownload},
		{Method: "GET", Pattern: "/tasks/{id}", Handler: s.taskShow},
		{Method: "POST", Pattern: "/tasks/{id}/updates", Handler: s.updateCreate, MaxBody: maxUploadBytes + formSlack},
		{Method: "POST", Pattern: "/tasks/{id}/extensions", Handler: s.extensionCreate},
		{Method: "GET", Pattern: "/updates/{id}/evidence", Handler: s.evidenceShow},
		{Method: "GET", Pattern: "/my", Handler: s.myShow},
		{Method: "GET", Pattern: "/my/sheet.xlsx", Handler: s.mySheetShow},
		{Method: "POST", Pattern: "/my/sheet", Handler: s.mySheetCreate, MaxBody: maxUploadBytes + formSlack},
		{Method: "GET", Pattern: "/documents/new", Handler: s.documentNew},
		{Method: "POST", Pattern: "/documents", Handler: s.documentCreate, MaxBody: s.maxDocumentBytes() + formSlack},
		{Method: "GET", Pattern: "/documents/{id}", Handler: s.documentShow},
		{Method: "GET", Pattern: "/documents/{id}/original", Handler: s.documentOriginalShow},
		{Method: "GET", Pattern: "/documents/{id}/plans/new", Handler: s.planNew},
		{Method: "POST", Pattern: "/documents/{id}/plans", Handler: s.planCreate},
		{Method: "GET", Pattern: "/indicators/{id}", Handler: s.indicatorShow},
		{Method: "POST", Pattern: "/indicators/{id}/observations", Handler: s.observationCreate},
		{Method: "POST", Pattern: "/tasks/{id}/units", Handler: s.taskUnitsUpdate},
		{Method: "GET", Pattern: "/compare", Handler: s.compareShow},
		{Method: "GET", Pattern: "/search", Handler: s.searchShow},
		{Method: "POST", Pattern: "/plans/{id}/publication", Handler: s.publicationCreate},
		{Method: "POST", Pattern: "/plans/{id}/settings", Handler: s.planSettingsUpdate},
		{Method: "POST", Pattern: "/plans/{id}/lifecycle", Handler: s.planLifecycleUpdate},
		{Method: "POST", Pattern: "/documents/{id}/lifecycle", Handler: s.documentLifecycleUpdate},
		{Method: "POST", Pattern: "/plans/{id}/links", Handler: s.planLinkCreate},
		{Method: "GET", Pattern: "/plans/{id}/proposals", Handler: s.proposalList},
		{Method: "POST", Pattern: "/plans/{id}/proposals", Handler: s.proposalUpdate},
		{Method: "POST", Pattern: "/plans/{id}/proposals/{item}", Handler: s.proposalItemUpdate},
		{Method: "GET", Pattern: "/plans/{id}/harvest", Handler: s.harvestList},
		{Method: "POST", Pattern: "/plans/{id}/harvest", Handler: s.harvestRunCreate},
		{Method: "POST", Pattern: "/plans/{id}/harvest/{hid}", Handler: s.harvestUpdate},
		{Method: "GET", Pattern: "/public", Handler: s.publicPlanList},
		{Method: "GET", Pattern: "/alerts", Handler: s.alertList},
		{Method: "GET", Pattern: "/plans/{id}/projects", Handler: s.projectList},
		{Method: "GET", Pattern: "/plans/{id}/projects.xlsx", Handler: s.projectSheetShow},
		{Method: "POST", Pattern: "/plans/{id}/projects/sheet", Handler: s.projectSheetCreate, MaxBody: maxUploadBytes + formSlack},
		{Method: "GET", Pattern: "/projects/{id}", Handler: s.projectShow},
		{Method: "POST", Pattern: "/projects/{id}/reports", Handler: s.projectReportCreate},
		{Method: "POST", Pattern: "/projects/{id}/name", Handler: s.projectRename},
		{Method: "POST", Pattern: "/projects/{id}/delete", Handler: s.projectDelete},
		{Method: "GET", Pattern: "/public/plans/{id}", Handler: s.publicPlanShow},
		{Method: "GET", Pattern: "/static/{path...}", Handler: s.staticShow},
		{Method: "GET", Pattern: "/signin", Handler: s.signinShow},
		{Method: "POST", Pattern: "/signin", Handler: s.signinCreate},
		{Method: "POST", Pattern: "/signout", Handler: s.signoutCreate},
		{Method: "GET", Pattern: "/healthz", Handler: s.healthShow},
		{Method: "GET", Pattern: "/readyz", Handler: s.readyShow},
		{Method: "GET", Pattern: "/account", Handler: s.accountShow},
		{Method: "POST", Pattern: "/account/password", Handler: s.accountPasswordUpdate},
		{Method: "POST", Pattern: "/account/tokens", Handler: s.accountTokenCreate},
		{Method: "POST", Pattern: "/account/tokens/{token}/delete", Handler: s.accountTokenDelete},
		{Method: "GET", Pattern: "/admin/users", Handler: s.userList},
		{Method: "POST", Pattern: "/admin/users", Handler: s.userCreate},
		{Method: "GET", Pattern: "/admin/users/{id}", Handler: s.userShow},
		{Method: "POST", Pattern: "/admin/users/{id}", Handler: s.userUpdate},
		{Method: "POST", Pattern: "/admin/users/{id}/state", Handler: s.userStateUpdate},
		{Method: "POST", Pattern: "/admin/users/{id}/password", Handler: s.passwordUpdate},
		{Method: "POST", Pattern: "/admin/users/{id}/tokens", Handler: s.tokenCreate},
		{Method: "POST", Pattern: "/admin/users/{id}/tokens/{token}/delete", Handler: s.tokenDelete},
		{Method: "GET", Pattern: "/admin/units", Handler: s.unitList},
		{Method: "POST", Pattern: "/admin/units", Handler: s.unitCreate},
		{Method: "POST", Pattern: "/admin/units/confirmation", Handler: s.unitConfirmationCreate},
		{Method: "POST", Pattern: "/admin/units/{id}/aliases", Handler: s.unitAliasCreate},
		{Method: "POST", Pattern: "/admin/units/{id}/merge", Handler: s.unitMergeCreate},
		{Method: "GET", Pattern: "/admin/audit", Handler: s.auditList},
		{Method: "GET", Pattern: "/admin/audit/export", Handler: s.auditDownload},

		{Method: "GET", Pattern: "/api/v1/plans", Handler: s.apiPlanList,
			Summary: "Plans the caller may view, newest first, with counts of tasks by status, overdue and unreported tasks, indicators off track",
			Params:  []param{asOfParam, regionParam, levelParam, planLimitParam, offsetParam}, Response: apiPlanList{}},
		{Method: "GET", Pattern: "/api/v1/plans/{id}", Handler: s.apiPlanShow,
			Summary: "A plan with its items (assessed as of the date) and indicators (series, targets, outlook)",
			Params:  []param{idParam, asOfParam, unitParam, themeParam, statusParam}, Response: apiPlanDetail{}},
		{Method: "GET", Pattern: "/api/v1/plans/{id}/publication", Handler: s.apiPublicationShow,
			Summary: "Whether a plan is published read-only at /public/plans/{id}, since when, by whom, with names or not",
			Params:  []param{idParam}, Response: apiPublication{}},
		{Method: "POST", Pattern: "/api/v1/plans/{id}/publication", Handler: s.apiPublicationCreate,
			Summary: "Publish a plan read-only at /public/plans/{id} (again: change whether names show); needs plan.publish",
			Params:  []param{idParam}, Request: apiPublicationRequest{}, BodyOptional: true, Response: apiPublication{}},
		{Method: "DELETE", Pattern: "/api/v1/plans/{id}/publication", Handler: s.apiPublicationDelete,
			Summary: "Withdraw a plan from the public view; needs plan.publish",
			Params:  []param{idParam}, Response: apiPublication{}},
		{Method: "POST", Pattern: "/api/v1/plans/{id}/settings", Handler: s.apiPlanSettingsUpdate,
			Summary: "Set how often units report on the plan (monthly or quarterly, with the due day); needs plan.edit",
			Params:  []param{idParam}, Request: apiPlanSettingsRequest{}, Response: apiPlanSettings{}},
		{Method: "POST", Pattern: "/api/v1/plans/{id}/lifecycle", Handler: s.apiPlanLifecycleUpdate,
			Summary: "Archive, restore or delete a plan (delete only when nothing depends on it: a 409 names what does); needs plan.edit; audited",
			Params:  []param{idParam}, Request: apiLifecycleRequest{}, Response: apiLifecycle{}},
		{Method: "POST", Pattern: "/api/v1/documents/{id}/lifecycle", Handler: s.apiDocumentLifecycleUpdate,
			Summary: "Archive, restore or delete a document (delete only when no plan or repost depends on it: a 409 names them); needs document.add; audited",
			Params:  []param{idParam}, Request: apiLifecycleRequest{}, Response: apiLifecycle{}},
		{Method: "GET", Pattern: "/api/v1/plans/{id}/links", Handler: s.apiPlanLinkList,
			Summary: "The plans a plan implements (落实) and the plans that implement it",
			Params:  []param{idParam}, Response: apiPlanLinks{}},
		{Method: "POST", Pattern: "/api/v1/plans/{id}/links", Handler: s.apiPlanLinkCreate,
			Summary: "Record that the plan implements another of its own level or above (区县 → 市 → 省 → 国家; the reverse is a 409 with the reason); needs plan.edit; 201",
			Params:  []param{idParam}, Request: apiPlanLinkRequest{}, Response: apiPlanLinks{}},
		{Method: "GET", Pattern: "/api/v1/plans/{id}/proposals", Handler: s.apiProposalList,
			Summary: "What the plan's document proposed and awaits review (tasks, projects, targets) with the source sentence; ?state=dismissed those turned down; needs plan.edit",
			Params:  []param{idParam, proposalStateParam}, Response: apiProposalList{}},
		{Method: "POST", Pattern: "/api/v1/plans/{id}/proposals", Handler: s.apiProposalUpdate,
			Summary: "Confirm, dismiss or merge proposals (ids, or all of a kind); only confirmed items count anywhere else; needs plan.edit",
			Params:  []param{idParam}, Request: apiProposalRequest{}, Response: apiProposalResult{}},
		{Method: "GET", Pattern: "/api/v1/plans/{id}/projects", Handler: s.apiProjectList,
			Summary: "A plan's projects (重大项目) judged as of a month: investment in 万元 against 序时进度, milestones past, with totals by task, unit and region",
			Params:  []param{idParam, projectMonthParam, projectUnitParam, regionParam, projectPhaseParam, projectLateParam}, Response: apiProjectList{}},
		{Method: "GET", Pattern: "/api/v1/plans/{id}/projects.xlsx", Handler: s.projectSheetShow,
			Summary: "The 重大项目 table of a plan as of a month (序号, 项目名称, 建设内容, 总投资, 年度计划投资, 1-N月完成投资, 完成率, 形象进度, 存在问题 …)",
			Params:  []param{idParam, projectMonthParam}, Produces: xlsxType},
		{Method: "POST", Pattern: "/api/v1/plans/{id}/projects/sheet", Handler: s.apiProjectSheetCreate,
			Summary: "Import a 重大项目 table (multipart field sheet; field month when the headers do not name it): projects added or updated by name, the month's figures recorded; all rows or none (plan editors)",
			Params:  []param{idParam}, File: sheetField, MaxBody: maxUploadBytes + formSlack, Response: apiProjectSheetImport{}},
		{Method: "POST", Pattern: "/api/v1/projects/{id}/reports", Handler: s.apiProjectReportCreate,
			Summary: "Report a month of a project: investment completed this month and/or from January, phase reached, 存在问题, 需协调事项; 201",
			Params:  []param{idParam}, Request: apiProjectReportRequest{}, Response: apiProjectReport{}},
		{Method: "POST", Pattern: "/api/v1/projects/{id}/name", Handler: s.apiProjectRename,
			Summary: "Rename a project (its figures and reports stay; a name the plan has already is a 409); needs plan.edit; audited (project.rename)",
			Params:  []param{idParam}, Request: apiProjectRenameRequest{}, Response: apiProjectRef{}},
		{Method: "DELETE", Pattern: "/api/v1/projects/{id}", Handler: s.apiProjectDelete,
			Summary: "Delete a project with its monthly reports, giving the reason; needs plan.edit; audited (project.delete)",
			Params:  []param{idParam}, Request: apiProjectDeleteRequest{}, Response: apiProjectRef{}},
		{Method: "GET", Pattern: "/api/v1/plans/{id}/harvest", Handler: s.apiHarvestList,
			Summary: "Figures the library's documents report, matched to the plan's indicators and awaiting a decision, with source sentence, snapshot link, score and reasons; ?state=accepted|rejected|wrong|all; needs plan.edit",
			Params:  []param{idParam, harvestStateParam}, Response: apiHarvestList{}},
		{Method: "POST", Pattern: "/api/v1/plans/{id}/harvest", Handler: s.apiHarvestRunCreate,
			Summary: "Match the whole library against the plan's indicators (the back-fill); new figures await a decision; needs plan.edit",
			Params:  []param{idParam}, Response: apiHarvestRun{}},
		{Method: "POST", Pattern: "/api/v1/plans/{id}/harvest/{hid}", Handler: s.apiHarvestUpdate,
			Summary: "Accept a harvested figure (optionally with another value or period; it becomes an observation citing its document), reject it, or mark it not this indicator; needs plan.edit; audited",
			Params:  []param{idParam, harvestIDParam}, Request: apiHarvestDecision{}, Response: apiHarvestProposal{}},
		{Method: "GET", Pattern: "/api/v1/tasks/{id}", Handler: s.apiTaskShow,
			Summary: "A task with its units, assessment and update timeline",
			Params:  []param{idParam}, Response: apiTaskDetail{}},
		{Method: "POST", Pattern: "/api/v1/tasks/{id}/updates", Handler: s.apiUpdateCreate,
			Summary: "Post a progress update on a task (as the task page's form; a reporter for their unit); 201 with the update",
			Params:  []param{idParam}, Request: apiUpdateRequest{}, Response: apiUpdate{}},
		{Method: "POST", Pattern: "/api/v1/updates/{id}/evidence", Handler: s.apiEvidenceCreate,
			Summary: "Attach the evidence file (佐证材料; multipart field evidence_file: PDF, image, .docx or .xlsx) to an update without one, as the task page's form does; 201 with its download URL",
			Params:  []param{idParam}, File: evidenceField, MaxBody: maxUploadBytes + formSlack, Response: apiEvidence{}},
		{Method: "POST", Pattern: "/api/v1/tasks/{id}/extensions", Handler: s.apiExtensionCreate,
			Summary: "Record an approved new deadline (已延期, with its reason and approver); needs plan.edit; 201 with the extension",
			Params:  []param{idParam}, Request: apiExtensionRequest{}, Response: apiExtension{}},
		{Method: "GET", Pattern: "/api/v1/documents", Handler: s.apiDocumentList,
			Summary: "Documents of the library, newest first",
			Params:  []param{regionParam, yearParam, kindParam, tagParam, limitParam, offsetParam}, Response: apiDocumentList{}},
		{Method: "GET", Pattern: "/api/v1/documents/{id}", Handler: s.apiDocumentShow,
			Summary: "A document with its versions and the extraction of one version",
			Params:  []param{idParam, versionParam}, Response: apiDocumentDetail{}},
		{Method: "GET", Pattern: "/api/v1/search", Handler: s.apiSearchShow,
			Summary: "Full-text search with filters; passages carry the match's byte offsets",
			Params:  []param{queryParam, regionParam, yearParam, kindParam, tagParam, limitParam, offsetParam}, Response: apiSearchResult{}},
		{Method: "GET", Pattern: "/api/v1/compare", Handler: s.apiCompareShow,
			Summary: "One indicator across the plans that carry it, by region",
			Params:  []param{indParam, groupParam, cmpYearParam}, Response: apiComparison{}},
		{Method: "GET", Pattern: "/api/v1/cooperation", Handler: s.apiCooperationShow,
			Summary: "The cooperation network between regions, from the partner regions the documents name",
			Params:  []param{groupParam}, Response: apiNetwork{}},
		{Method: "GET", Pattern: "/api/v1/alerts", Handler: s.apiAlertList,
			Summary:  "Per plan the user reads, the tasks overdue, behind 序时进度 or owed a report as of now (a reporter: their units'); change alerts of watched documents; the reminders the server recorded and mailed",
			Response: apiAlerts{}},
		{Method: "GET", Pattern: "/api/v1/my/tasks", Handler: s.apiMyTaskList,
			Summary:  "What the signed-in user's units must report: tasks unreported for the period due or overdue, across the plans they hold",
			Response: apiMyTasks{}},
		{Method: "GET", Pattern: "/api/v1/my/sheet.xlsx", Handler: s.mySheetShow,
			Summary: "The 任务清单 of a plan the user reports on, limited to the unit's tasks (as planwatch sheet export writes it)",
			Params:  []param{planParam, unitForParam}, Produces: xlsxType},
		{Method: "POST", Pattern: "/api/v1/my/sheet", Handler: s.apiMySheetCreate,
			Summary: "Import a filled-in 任务清单 (multipart field sheet; plan and unit fields as for the download): all rows or none, each update audited",
			File:    sheetField, MaxBody: maxUploadBytes + formSlack, Response: apiSheetImport{}},
		{Method: "POST", Pattern: "/api/v1/documents", Handler: s.apiDocumentCreate,
			Summary: "Add a document to the library by URL (field url) or upload (multipart field file), with tags; 201",
			File:    documentField, MaxBody: s.maxDocumentBytes() + formSlack, Response: apiDocumentAdded{}},
		{Method: "GET", Pattern: "/api/v1/openapi.json", Handler: s.apiOpenAPIShow,
			Summary: "This OpenAPI document", Response: map[string]any{}},
		{Method: "GET", Pattern: "/api/v1/users", Handler: s.apiUserList,
			Summary: "Accounts with role, scopes, state and last sign-in (admins)", Response: apiUserList{}},
		{Method: "POST", Pattern: "/api/v1/users", Handler: s.apiUserCreate,
			Summary: "Add an account; the password is checked against the policy (admins)",
			Request: apiUserInput{}, Response: apiUserDetail{}},
		{Method: "GET", Pattern: "/api/v1/users/{id}", Handler: s.apiUserShow,
			Summary: "An account with its API tokens (admins)",
			Params:  []param{userParam}, Response: apiUserDetail{}},
		{Method: "POST", Pattern: "/api/v1/users/{id}", Handler: s.apiUserUpdate,
			Summary: "Change an account's name, role, scopes or disabled flag (admins)",
			Params:  []param{userParam}, Request: apiUserChange{}, Response: apiUserDetail{}},
		{Method: "GET", Pattern: "/api/v1/units", Handler: s.apiUnitList,
			Summary: "The unit registry (单位名录): units by region with their aliases; ?unconfirmed=1 the ones seeded from plans awaiting review",
			Params:  []param{unitRegionParam, unconfirmedParam}, Response: apiUnitList{}},
		{Method: "POST", Pattern: "/api/v1/units", Handler: s.apiUnitCreate,
			Summary: "Add a unit to the registry; a name it already reads as another unit is a 409 (admins)",
			Request: apiUnitInput{}, Response: apiUnit{}},
		{Method: "GET", Pattern: "/api/v1/units/{id}", Handler: s.apiUnitShow,
			Summary: "A unit with its aliases and what the records hold of it",
			Params:  []param{idParam}, Response: apiUnit{}},
		{Method: "POST", Pattern: "/api/v1/units/{id}/aliases", Handler: s.apiUnitAliasCreate,
			Summary: "Give a unit other names it goes by, and confirm it (admins)",
			Params:  []param{idParam}, Request: apiUnitAliases{}, Response: apiUnit{}},
		{Method: "POST", Pattern: "/api/v1/units/{id}/merge", Handler: s.apiUnitMergeCreate,
			Summary: "Merge another unit of the region into this one: assignments, updates, account scopes and reminders move, its name becomes an alias (admins)",
			Params:  []param{idParam}, Request: apiUnitMergeRequest{}, Response: apiUnitMerge{}},
		{Method: "POST", Pattern: "/api/v1/units/{id}/confirmation", Handler: s.apiUnitConfirmationCreate,
			Summary: "Mark a unit seeded from plans as reviewed (admins)",
			Params:  []param{idParam}, Response: apiUnit{}},
		{Method: "GET", Pattern: "/api/v1/audit", Handler: s.apiAuditList,
			Summary: "The audit log, newest first; with verify=1 the hash chain's check too (admins, auditors)",
			Params:  []param{actorParam, actionParam, fromParam, toParam, beforeParam, auditLimitParam, verifyParam}, Response: apiAuditList{}},
	}
}
