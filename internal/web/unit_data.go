package web

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"

	"planwatch/internal/store"
	"planwatch/internal/unitname"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// The unit registry (单位名录) in the web app: the admins' page at
// /admin/units and /api/v1/units. Both change it through the store's
// audited methods, as `planwatch unit` does.

func init() {
	pageNames = append(pageNames, "unit_list")
}

// CanManageUnits reports whether the menu offers the unit registry.
func (v view) CanManageUnits() bool { return auth.Can(v.user, auth.ManageUnits, auth.Target{}) }

// apiUnit is a unit of the registry.
type apiUnit struct {
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	RegionCode string   `json:"region_code"`
	RegionName string   `json:"region_name"`
	Level      string   `json:"level"`
	Confirmed  bool     `json:"confirmed"` // false while seeded from a plan and not reviewed
	CreatedBy  string   `json:"created_by"`
	Aliases    []string `json:"aliases"`
	// AlsoRead are the other ways of writing its name the registry reads
	// as it without an alias (市发改委 for 市发展改革委).
	AlsoRead []string      `json:"also_read"`
	Usage    *apiUnitUsage `json:"usage,omitempty"`
}

// apiUnitUsage is what the records hold of a unit in its region's plans.
type apiUnitUsage struct {
	Leads    int          `json:"leads"`
	Supports int          `json:"supports"`
	Updates  int          `json:"updates"`
	Users    int          `json:"users"`
	Plans    []apiPlanRef `json:"plans"`
}

// apiUnitList is the registry, or a region's part of it.
type apiUnitList struct {
	Units       []apiUnit `json:"units"`
	Total       int       `json:"total"`
	Unconfirmed int       `json:"unconfirmed"`
}

// apiUnitInput is the body of POST /api/v1/units.
type apiUnitInput struct {
	Name       string   `json:"name"`
	RegionCode string   `json:"region_code"` // GB/T 2260
	RegionName string   `json:"region_name,omitempty"`
	Level      string   `json:"level,omitempty"` // 国家, 省, 市, 区县
	Aliases    []string `json:"aliases,omitempty"`
}

// apiUnitAliases is the body of POST /api/v1/units/{id}/aliases.
type apiUnitAliases struct {
	Aliases []string `json:"aliases"`
}

// apiUnitMergeRequest is the body of POST /api/v1/units/{id}/merge: the
// unit merged into the one in the path.
type apiUnitMergeRequest struct {
	Merged string `json:"merged"` // ID or unique prefix
}

// apiUnitMerge is what a merge did.
type apiUnitMerge struct {
	Kept        apiUnit `json:"kept"`
	Merged      apiUnit `json:"merged"`
	Assignments int     `json:"assignments"`
	Updates     int     `json:"updates"`
	Scopes      int     `json:"scopes"`
	Reminders   int     `json:"reminders"`
}

func toAPIUnit(u store.Unit) apiUnit {
	out := apiUnit{ID: u.ID, Name: u.Name, RegionCode: u.RegionCode, RegionName: u.RegionName, Level: u.Level,
		Confirmed: u.Confirmed, CreatedBy: u.CreatedBy, Aliases: nonNil(u.Aliases), AlsoRead: nonNil(unitname.Variants(u.Name))}
	return out
}

// unitActor is the request's user and request as the store's audited
// unit methods want them.
func unitActor(ctx context.Context) (store.AuditEntry, error) {
	return auth.Entry(ctx, "unit", "unit", "", nil, nil)
}

// unitFailure turns the store's refusal of a registry change into a
// problem: a name already another unit's or units of two regions (409),
// a bad name (400), a missing unit (404).
func unitFailure(err error) error {
	var p *respond.Problem
	switch {
	case errors.As(err, &p):
		return err
	case errors.Is(err, store.ErrNotFound):
		return respond.NotFound(oneLine(err.Error()), err)
	case errors.Is(err, store.ErrConflict):
		return &respond.Problem{Status: http.StatusConflict, Code: "conflict", Message: oneLine(err.Error())}
	case errors.Is(err, store.ErrInvalid):
		return respond.BadRequest(oneLine(err.Error()))
	}
	return err
}

// unitRegions lists the regions of the registry, by code, for the filter.
func unitRegions(units []store.Unit) [][2]string {
	var out [][2]string
	for _, u := range units {
		r := [2]string{u.RegionCode, u.RegionName}
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}

// splitNames reads names typed in one field: separated by commas, 、 or
// line breaks.
func splitNames(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' || r == '\n' || r == '\r' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
