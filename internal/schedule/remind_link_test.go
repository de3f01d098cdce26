package schedule

import (
	"context"
	"encoding/base64"
	"io"
	"mime"
	"net/mail"
	"slices"
	"strings"
	"testing"
	"time"

	"planwatch/internal/config"
	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// mailText decodes a fake relay's message into its subject and body.
func mailText(t *testing.T, m fakeMail) (subject, body string) {
	t.Helper()
	msg, err := mail.ReadMessage(strings.NewReader(m.data))
	if err != nil {
		t.Fatal(err)
	}
	subject, err = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(msg.Body)
	b, err := base64.StdEncoding.DecodeString(strings.ReplaceAll(string(raw), "\r\n", ""))
	if err != nil {
		t.Fatal(err)
	}
	return subject, strings.ReplaceAll(string(b), "\r\n", "\n")
}

// TestRemindersLinks: with the app's address set, a digest mail links
// every task it lists (BASE/tasks/ID) and the reporting page (BASE/my).
func TestRemindersLinks(t *testing.T) {
	relay := startSMTP(t)
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		_, ids := remindFixture(t, st)
		c := newClock(time.Date(2025, 7, 6, 9, 0, 0, 0, time.Local))
		m := NewMailer(config.SMTP{Addr: relay.addr(), From: "planwatch@jx.gov.cn"})
		s := New(st, []Job{Reminders(st, m, "https://pw.jx.gov.cn/planwatch", 24*time.Hour)}, Options{Holder: "a", Now: c.now})
		before := len(relay.received())
		if got := ran(s.RunOnce(ctx)); got["reminders"] != nil {
			t.Fatalf("round: %v", got)
		}
		mails := relay.received()[before:]
		if len(mails) != 1 {
			t.Fatalf("%d mails, want 1 (市科技局)", len(mails))
		}
		_, body := mailText(t, mails[0])
		for _, want := range []string{
			"  1 共建沪嘉科创走廊\n    https://pw.jx.gov.cn/planwatch/tasks/" + ids["t1"] + "\n",
			"\nhttps://pw.jx.gov.cn/planwatch/my\n",
		} {
			if !strings.Contains(body, want) {
				t.Errorf("body lacks %q:\n%s", want, body)
			}
		}
		if strings.Contains(body, ids["t2"]) || strings.Contains(body, ids["t3"]) {
			t.Errorf("body links tasks of other units or done ones:\n%s", body)
		}
	})
}

// TestRemindersQuarterly: a plan reporting quarterly is reminded of the
// quarter, not the month: on 6 July (when a monthly plan's June reports
// are overdue) Q1 is overdue and Q2 is being written (due 20 July); on 21
// July Q2 is overdue.
func TestRemindersQuarterly(t *testing.T) {
	relay := startSMTP(t)
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		p, ids := remindFixture(t, st)
		if _, _, err := st.SetPlanRhythm(ctx, p.ID, "quarterly:20", nil); err != nil {
			t.Fatal(err)
		}
		// 市科技局 reported on Q1 in time.
		if err := st.AddUpdates(ctx, []store.Update{{ItemID: ids["t1"], Unit: "市科技局", Date: "2025-03-28", Status: "on_schedule",
			Progress: 20, RecordedAt: time.Date(2025, 3, 28, 9, 0, 0, 0, time.Local)}}); err != nil {
			t.Fatal(err)
		}
		c := newClock(time.Date(2025, 7, 6, 9, 0, 0, 0, time.Local))
		m := NewMailer(config.SMTP{Addr: relay.addr(), From: "planwatch@jx.gov.cn"})
		s := New(st, []Job{Reminders(st, m, "", 24*time.Hour)}, Options{Holder: "a", Now: c.now})
		before := len(relay.received())
		digests := func() []string {
			open, err := st.OpenReminders(ctx, 0)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, r := range open {
				out = append(out, r.Period+" "+r.DueOn+" "+r.Unit+" "+r.Stage(c.now()))
			}
			slices.Sort(out)
			return out
		}
		if got := ran(s.RunOnce(ctx)); got["reminders"] != nil {
			t.Fatalf("6 July: %v", got)
		}
		want := []string{
			"2025-Q1 2025-04-20 市发改委 overdue", "2025-Q1 2025-04-20 市财政局 overdue",
			"2025-Q2 2025-07-20 市发改委 due", "2025-Q2 2025-07-20 市科技局 due", "2025-Q2 2025-07-20 市财政局 due",
		}
		if got := digests(); !slices.Equal(got, want) {
			t.Errorf("6 July digests:\n%v\nwant\n%v", got, want)
		}
		c.add(15 * 24 * time.Hour) // 21 July
		if got := ran(s.RunOnce(ctx)); got["reminders"] != nil {
			t.Fatalf("21 July: %v", got)
		}
		want = []string{"2025-Q2 2025-07-20 市发改委 overdue", "2025-Q2 2025-07-20 市科技局 overdue", "2025-Q2 2025-07-20 市财政局 overdue"}
		if got := digests(); !slices.Equal(got, want) {
			t.Errorf("21 July digests:\n%v\nwant\n%v", got, want)
		}
		var subjects []string
		for _, ml := range relay.received()[before:] {
			subj, _ := mailText(t, ml)
			subjects = append(subjects, subj)
		}
		wantSubj := []string{
			"【进展报送提醒】市科技局：嘉兴市科创协同行动计划 2025-Q2 的进展请于 2025-07-20 前报送（1 项）",
			"【进展逾期提醒】市科技局：嘉兴市科创协同行动计划 2025-Q2 有 1 项任务逾期未报送",
		}
		if !slices.Equal(subjects, wantSubj) {
			t.Errorf("mails:\n%v\nwant\n%v", subjects, wantSubj)
		}
	})
}
