package web

import (
	"fmt"
	"reflect"
	"strings"
	"unicode"
)

// openAPI builds the OpenAPI 3 document of the API from the route table:
// every /api route with its parameters, and its response type described
// by reflection over the json tags.
func (s *Server) openAPI() map[string]any {
	schemas := map[string]any{
		"Error": obj(map[string]any{
			"error": obj(map[string]any{
				"code":    map[string]any{"type": "string", "description": "not_found, bad_request, unauthorized, forbidden, conflict, unavailable, method_not_allowed, internal"},
				"message": map[string]any{"type": "string"},
			}, "code", "message"),
		}, "error"),
	}
	paths := map[string]any{}
	for _, rt := range s.routes() {
		if !isAPI(rt.Pattern) {
			continue
		}
		var params []any
		for _, p := range rt.Params {
			params = append(params, map[string]any{"name": p.Name, "in": p.In, "required": p.Required,
				"description": p.Desc, "schema": map[string]any{"type": p.Type}})
		}
		errRef := map[string]any{"description": "an error", "content": map[string]any{"application/json": map[string]any{
			"schema": map[string]any{"$ref": "#/components/schemas/Error"}}}}
		op := map[string]any{
			"summary":     rt.Summary,
			"operationId": operationID(rt.Method, rt.Pattern),
			"responses": map[string]any{
				"200": map[string]any{"description": "OK", "content": map[string]any{"application/json": map[string]any{
					"schema": schemaOf(reflect.TypeOf(rt.Response), schemas)}}},
				"default": errRef,
			},
		}
		if len(params) > 0 {
			op["parameters"] = params
		}
		if rt.Request != nil {
			op["requestBody"] = map[string]any{"required": !rt.BodyOptional, "content": map[string]any{"application/json": map[string]any{
				"schema": schemaOf(reflect.TypeOf(rt.Request), schemas)}}}
		}
		if rt.Produces != "" {
			op["responses"].(map[string]any)["200"] = map[string]any{"description": "OK", "content": map[string]any{
				rt.Produces: map[string]any{"schema": map[string]any{"type": "string", "format": "binary"}}}}
		}
		if rt.File != "" {
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{"multipart/form-data": map[string]any{
				"schema": obj(map[string]any{rt.File: map[string]any{"type": "string", "format": "binary"}})}}}
			op["responses"].(map[string]any)["413"] = map[string]any{"description": fmt.Sprintf("the upload is over %d MiB", rt.MaxBody>>20),
				"content": errRef["content"]}
		}
		item, _ := paths[rt.Pattern].(map[string]any)
		if item == nil {
			item = map[string]any{}
			paths[rt.Pattern] = item
		}
		item[strings.ToLower(rt.Method)] = op
	}
	return map[string]any{
		"openapi": "3.0.3",
		"info": map[string]any{"title": "planwatch API", "version": s.opt.Version,
			"description": "Plans, tasks, documents, search and comparisons; a user's reporting duties, the task-list " +
				"upload and adding documents (multipart/form-data); accounts and the audit log for administrators. " +
				"Errors are {\"error\":{\"code\",\"message\"}}. Send an API token as Authorization: Bearer <token>; " +
				"a browser session's POSTs need its CSRF token in X-CSRF-Token."},
		"paths":      paths,
		"components": map[string]any{"schemas": schemas},
	}
}

// operationID names an operation after its method and path:
// GET /api/v1/plans/{id} → getPlansId.
func operationID(method, pattern string) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(method))
	for _, part := range strings.FieldsFunc(strings.TrimPrefix(pattern, "/api/v1"), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

// obj is an object schema with properties and required names.
func obj(props map[string]any, required ...string) map[string]any {
	m := map[string]any{"type": "object", "properties": props}
	if len(required) > 0 {
		m["required"] = required
	}
	return m
}

// schemaOf describes a Go type as a JSON schema. Named struct types go
// into schemas once and are referenced; a field is required unless its
// tag says omitempty, and pointers are nullable.
func schemaOf(t reflect.Type, schemas map[string]any) map[string]any {
	if t == nil {
		return map[string]any{}
	}
	switch t.Kind() {
	case reflect.Pointer:
		s := schemaOf(t.Elem(), schemas)
		if _, ref := s["$ref"]; ref {
			return map[string]any{"allOf": []any{s}, "nullable": true}
		}
		s["nullable"] = true
		return s
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Slice:
		return map[string]any{"type": "array", "items": schemaOf(t.Elem(), schemas)}
	case reflect.Array:
		return map[string]any{"type": "array", "items": schemaOf(t.Elem(), schemas), "minItems": t.Len(), "maxItems": t.Len()}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": schemaOf(t.Elem(), schemas)}
	case reflect.Struct:
		name := schemaName(t)
		if _, done := schemas[name]; !done {
			schemas[name] = nil // a placeholder against recursion
			props := map[string]any{}
			var required []string
			for i := range t.NumField() {
				f := t.Field(i)
				tag := f.Tag.Get("json")
				if !f.IsExported() || tag == "-" {
					continue
				}
				fname, opts, _ := strings.Cut(tag, ",")
				if fname == "" {
					fname = f.Name
				}
				props[fname] = schemaOf(f.Type, schemas)
				if !strings.Contains(opts, "omitempty") {
					required = append(required, fname)
				}
			}
			schemas[name] = obj(props, required...)
		}
		return map[string]any{"$ref": "#/components/schemas/" + name}
	}
	return map[string]any{} // interface: any JSON value
}

// schemaName is a struct type's schema name: apiPlanDetail → PlanDetail.
func schemaName(t reflect.Type) string {
	n := strings.TrimPrefix(t.Name(), "api")
	if n == "" {
		return "Object"
	}
	return strings.ToUpper(n[:1]) + n[1:]
}
