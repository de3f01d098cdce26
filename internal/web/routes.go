package web

import "net/http"

// route is one entry of the route table. The mux registers every route
// from this table, and the OpenAPI document describes the /api ones from
// it too, so the two cannot drift apart.
type route struct {
	Method  string // GET (HEAD is served by GET routes) or POST
	Pattern string // a net/http pattern path: /plans/{id}
	Handler http.HandlerFunc
	// For the API: what the OpenAPI document says.
	Summary  string
	Params   []param
	Response any // a value of the response type, described by reflection
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
	statusParam  = param{Name: "status", In: "query", Type: "string", Desc: "only tasks with this assessed status (not_started, on_schedule, ahead, behind, done, delayed)"}
	groupParam   = param{Name: "group", In: "query", Type: "string", Desc: "only regions of this group (长三角, 长三角中心区 or a saved group)"}
	indParam     = param{Name: "indicator", In: "query", Type: "string", Required: true, Desc: "indicator name; matched by its key (研发投入强度 = 研发经费投入强度)"}
	queryParam   = param{Name: "q", In: "query", Type: "string", Desc: "search text: any Chinese substring of 2+ characters, or words"}
	versionParam = param{Name: "version", In: "query", Type: "integer", Desc: "version number (default the current one)"}
)

// routes is the route table: pages, then the API.
func (s *Server) routes() []route {
	return []route{
		{Method: "GET", Pattern: "/{$}", Handler: s.planList},
		{Method: "GET", Pattern: "/plans/{id}", Handler: s.planShow},
		{Method: "GET", Pattern: "/plans/{id}/report", Handler: s.reportDownload},
		{Method: "GET", Pattern: "/tasks/{id}", Handler: s.taskShow},
		{Method: "POST", Pattern: "/tasks/{id}/updates", Handler: s.updateCreate},
		{Method: "GET", Pattern: "/documents/{id}", Handler: s.documentShow},
		{Method: "GET", Pattern: "/documents/{id}/original", Handler: s.documentOriginalShow},
		{Method: "GET", Pattern: "/compare", Handler: s.compareShow},
		{Method: "GET", Pattern: "/search", Handler: s.searchShow},
		{Method: "GET", Pattern: "/public/plans/{id}", Handler: s.publicPlanShow},
		{Method: "GET", Pattern: "/static/{path...}", Handler: s.staticShow},
		{Method: "GET", Pattern: "/signin", Handler: s.signinShow},
		{Method: "POST", Pattern: "/signin", Handler: s.signinCreate},
		{Method: "POST", Pattern: "/signout", Handler: s.signoutCreate},
		{Method: "GET", Pattern: "/healthz", Handler: s.healthShow},
		{Method: "GET", Pattern: "/readyz", Handler: s.readyShow},
		{Method: "GET", Pattern: "/metrics", Handler: s.metricsShow},

		{Method: "GET", Pattern: "/api/v1/plans", Handler: s.apiPlanList,
			Summary: "Plans the caller may view, newest first, with counts of tasks by status, overdue and unreported tasks, indicators off track",
			Params:  []param{asOfParam, regionParam, levelParam, planLimitParam, offsetParam}, Response: apiPlanList{}},
		{Method: "GET", Pattern: "/api/v1/plans/{id}", Handler: s.apiPlanShow,
			Summary: "A plan with its items (assessed as of the date) and indicators (series, targets, outlook)",
			Params:  []param{idParam, asOfParam, unitParam, themeParam, statusParam}, Response: apiPlanDetail{}},
		{Method: "GET", Pattern: "/api/v1/tasks/{id}", Handler: s.apiTaskShow,
			Summary: "A task with its units, assessment and update timeline",
			Params:  []param{idParam}, Response: apiTaskDetail{}},
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
			Params:  []param{indParam, groupParam}, Response: apiComparison{}},
		{Method: "GET", Pattern: "/api/v1/cooperation", Handler: s.apiCooperationShow,
			Summary: "The cooperation network between regions, from the partner regions the documents name",
			Params:  []param{groupParam}, Response: apiNetwork{}},
		{Method: "GET", Pattern: "/api/v1/openapi.json", Handler: s.apiOpenAPIShow,
			Summary: "This OpenAPI document", Response: map[string]any{}},
	}
}
