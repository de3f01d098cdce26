package web

import (
	"context"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
	"planwatch/internal/track"
)

// TestOpenAPIComplete checks that every /api route the mux registered is
// in the OpenAPI document with its path parameters, and that the document
// names no route the mux lacks.
func TestOpenAPIComplete(t *testing.T) {
	f := seed(t, storetest.Fresh(t, "sqlite"))
	rec := f.get("GET", "/api/v1/openapi.json", nil)
	var doc struct {
		OpenAPI string `json:"openapi"`
		Paths   map[string]map[string]struct {
			OperationID string `json:"operationId"`
			Summary     string `json:"summary"`
			Parameters  []struct {
				Name string `json:"name"`
				In   string `json:"in"`
			} `json:"parameters"`
			Responses map[string]any `json:"responses"`
		} `json:"paths"`
		Components struct {
			Schemas map[string]any `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	var registered, documented []string
	for _, p := range f.srv.registered {
		if method, path, _ := strings.Cut(p, " "); isAPI(path) {
			registered = append(registered, method+" "+path)
		}
	}
	pathParam := regexp.MustCompile(`\{([a-z]+)\}`)
	ids := map[string]bool{}
	for path, ops := range doc.Paths {
		for method, op := range ops {
			documented = append(documented, strings.ToUpper(method)+" "+path)
			if op.Summary == "" || op.Responses["200"] == nil || op.Responses["default"] == nil {
				t.Errorf("%s %s: no summary or responses", method, path)
			}
			if ids[op.OperationID] {
				t.Errorf("operationId %s twice", op.OperationID)
			}
			ids[op.OperationID] = true
			for _, m := range pathParam.FindAllStringSubmatch(path, -1) {
				if !slices.ContainsFunc(op.Parameters, func(p struct {
					Name string `json:"name"`
					In   string `json:"in"`
				}) bool {
					return p.Name == m[1] && p.In == "path"
				}) {
					t.Errorf("%s %s: path parameter %s undocumented", method, path, m[1])
				}
			}
		}
	}
	slices.Sort(registered)
	slices.Sort(documented)
	if !slices.Equal(registered, documented) {
		t.Errorf("registered API routes and the OpenAPI document differ:\nregistered %v\ndocumented %v", registered, documented)
	}
	if len(registered) < 9 {
		t.Errorf("only %d API routes registered", len(registered))
	}
	for _, name := range []string{"Error", "PlanDetail", "TaskDetail", "SearchResult"} {
		if doc.Components.Schemas[name] == nil {
			t.Errorf("schema %s missing", name)
		}
	}
	// Every documented GET route answers (the seeded IDs stand in for {id});
	// the POST routes have tests of their own.
	for _, route := range documented {
		method, path, _ := strings.Cut(route, " ")
		if method != "GET" {
			continue
		}
		units, err := f.st.Units(context.Background(), store.UnitFilter{})
		if err != nil || len(units) == 0 {
			t.Fatalf("the sample plan seeded no units: %v", err)
		}
		for _, ref := range []string{"/plans/", "/tasks/", "/documents/", "/users/", "/units/"} {
			if strings.Contains(path, ref+"{id}") {
				path = strings.Replace(path, "{id}", map[string]string{"/plans/": f.plan.ID, "/tasks/": f.task.ID, "/documents/": f.docID,
					"/users/": f.admin.user.ID, "/units/": units[0].ID}[ref], 1)
			}
		}
		if strings.HasSuffix(path, "/compare") {
			path += "?indicator=x"
		}
		if rec := f.get("GET", path, nil); rec.Code != 200 {
			t.Errorf("GET %s: status %d", path, rec.Code)
		}
	}
}

// TestMessagesComplete checks that every interface string a template asks
// for is in the catalog in both languages.
func TestMessagesComplete(t *testing.T) {
	entries, err := templatesFS.ReadDir("templates")
	if err != nil {
		t.Fatal(err)
	}
	use := regexp.MustCompile(`\.T "([^"]+)"`)
	n := 0
	for _, e := range entries {
		b, err := templatesFS.ReadFile("templates/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range use.FindAllStringSubmatch(string(b), -1) {
			n++
			if _, ok := messages[m[1]]; !ok {
				t.Errorf("%s: message %q not in the catalog", e.Name(), m[1])
			}
		}
	}
	if n < 50 {
		t.Errorf("found only %d uses of .T in the templates", n)
	}
	for k, m := range messages {
		if m[0] == "" || m[1] == "" {
			t.Errorf("message %q lacks a language", k)
		}
	}
	for _, code := range track.Statuses() {
		if _, ok := messages["status."+code]; !ok {
			t.Errorf("status %s has no English label", code)
		}
	}
}
