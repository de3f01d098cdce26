package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// TestReminders covers the digest rows: saved once per plan, unit and
// period, updated in place, marked sent, resolved.
func TestReminders(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := jiaxing(t, s)
		at := time.Date(2025, 7, 6, 8, 0, 0, 0, time.UTC)
		r := store.Reminder{PlanID: f.plan.ID, Unit: "市科技局", Period: "2025-06", DueOn: "2025-07-05",
			Items: []store.ReminderItem{{ID: f.id("t1"), Number: "1", Title: "共建沪嘉科创走廊"}, {ID: f.id("t2"), Number: "2", Title: "建设南湖实验室"}}}
		got, err := s.SaveReminder(ctx, r, at)
		if err != nil || got.ID == "" || len(got.Items) != 2 || got.PlanTitle != f.plan.Title || !got.SentAt.IsZero() {
			t.Fatalf("SaveReminder = %+v, %v", got, err)
		}
		if err := s.MarkReminderSent(ctx, got.ID, store.StageOverdue, []string{"a@kjj.gov.cn", "b@kjj.gov.cn"}, at, nil); err != nil {
			t.Fatal(err)
		}
		r.Items = r.Items[:1]
		again, err := s.SaveReminder(ctx, r, at.Add(time.Hour))
		if err != nil || again.ID != got.ID || len(again.Items) != 1 || !again.SentAt.Equal(at) || again.SentStage != store.StageOverdue ||
			!slices.Equal(again.Recipients, []string{"a@kjj.gov.cn", "b@kjj.gov.cn"}) {
			t.Fatalf("saved again = %+v, %v", again, err)
		}
		other, err := s.SaveReminder(ctx, store.Reminder{PlanID: f.plan.ID, Unit: "市财政局", Period: "2025-06", DueOn: "2025-07-05",
			Items: []store.ReminderItem{{ID: f.id("t3"), Number: "3", Title: "设立科创基金"}}}, at)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.MarkReminderSent(ctx, other.ID, store.StageDue, []string{"c@czj.gov.cn"}, at, errors.New("relay refused")); err != nil {
			t.Fatal(err)
		}
		open, err := s.OpenReminders(ctx, 0)
		if err != nil || len(open) != 2 {
			t.Fatalf("OpenReminders = %+v, %v", open, err)
		}
		n, err := s.ResolveReminders(ctx, f.plan.ID, at.Add(2*time.Hour), func(r store.Reminder) bool { return r.Unit == "市科技局" })
		if err != nil || n != 1 {
			t.Fatalf("ResolveReminders = %d, %v", n, err)
		}
		open, _ = s.OpenReminders(ctx, 0)
		if len(open) != 1 || open[0].Unit != "市科技局" {
			t.Errorf("open after resolving = %+v", open)
		}
		// Reported late and then owing again: the row reopens.
		if _, err := s.SaveReminder(ctx, store.Reminder{PlanID: f.plan.ID, Unit: "市财政局", Period: "2025-06", DueOn: "2025-07-05",
			Items: other.Items}, at.Add(3*time.Hour)); err != nil {
			t.Fatal(err)
		}
		open, _ = s.OpenReminders(ctx, 0)
		if len(open) != 2 || open[0].Unit != "市财政局" || open[0].SendError != "relay refused" || !open[0].SentAt.IsZero() || open[0].SentStage != "" {
			t.Errorf("reopened = %+v", open)
		}
	})
}

// TestReminderStage: due up to and on the due day, overdue after.
func TestReminderStage(t *testing.T) {
	r := store.Reminder{DueOn: "2025-07-05"}
	for _, tc := range []struct {
		day  string
		want string
	}{{"2025-07-01", store.StageDue}, {"2025-07-05", store.StageDue}, {"2025-07-06", store.StageOverdue}} {
		d, _ := time.ParseInLocation(time.DateOnly, tc.day, time.Local)
		if got := r.Stage(d.Add(23 * time.Hour)); got != tc.want {
			t.Errorf("Stage(%s) = %s, want %s", tc.day, got, tc.want)
		}
	}
}

// TestUnitContacts checks who a unit's reminders go to: enabled
// reporters of the unit, in the plan or every plan, with an address.
func TestUnitContacts(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := jiaxing(t, s)
		other := savePlan(t, s, "绍兴市行动计划", "330600", "绍兴市", store.LevelCity, "")
		mk := func(login, role, addr string, disabled bool, scopes ...store.Scope) {
			t.Helper()
			u, err := s.CreateUser(ctx, store.User{Login: login, Role: role, PasswordHash: "$x", Disabled: disabled, Scopes: scopes})
			if err != nil {
				t.Fatal(err)
			}
			if addr != "" {
				if _, err := s.SetUserEmail(ctx, u.ID, addr); err != nil {
					t.Fatal(err)
				}
			}
		}
		mk("kjj1", store.RoleReporter, "kjj1@jx.gov.cn", false, store.Scope{PlanID: f.plan.ID, Unit: "市科技局"})
		mk("kjj2", store.RoleReporter, "kjj2@jx.gov.cn", false, store.Scope{Unit: "市科技局"})
		mk("kjj3", store.RoleReporter, "", false, store.Scope{Unit: "市科技局"})                                      // no address
		mk("kjj4", store.RoleReporter, "kjj4@jx.gov.cn", true, store.Scope{Unit: "市科技局"})                         // disabled
		mk("kjj5", store.RoleReporter, "kjj5@sx.gov.cn", false, store.Scope{PlanID: other.plan.ID, Unit: "市科技局"}) // other plan
		mk("czj", store.RoleReporter, "czj@jx.gov.cn", false, store.Scope{Unit: "市财政局"})
		mk("boss", store.RoleEditor, "boss@jx.gov.cn", false, store.Scope{PlanID: f.plan.ID})
		got, err := s.UnitContacts(ctx, f.plan.ID, "市科技局")
		if err != nil || !slices.Equal(got, []string{"kjj1@jx.gov.cn", "kjj2@jx.gov.cn"}) {
			t.Errorf("UnitContacts = %v, %v", got, err)
		}
		u, _ := s.UserByLogin(ctx, "kjj1")
		for _, bad := range []string{"kjj1", "张三 <a@b.cn>", "a@b.cn, c@d.cn", "a@b.cn\r\nBcc: x@y.cn"} {
			if _, err := s.SetUserEmail(ctx, u.ID, bad); err == nil {
				t.Errorf("SetUserEmail(%q) accepted", bad)
			}
		}
		if before, err := s.SetUserEmail(ctx, u.ID, ""); err != nil || before != "kjj1@jx.gov.cn" {
			t.Errorf("clearing: %q, %v", before, err)
		}
		if addr, err := s.UserEmail(ctx, u.ID); err != nil || addr != "" {
			t.Errorf("UserEmail after clearing = %q, %v", addr, err)
		}
		if _, err := s.SetUserEmail(ctx, "nobody", "a@b.cn"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unknown user: %v", err)
		}
	})
}
