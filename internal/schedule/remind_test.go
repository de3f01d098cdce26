package schedule

import (
	"bufio"
	"context"
	"encoding/base64"
	"io"
	"mime"
	"net"
	"net/mail"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"planwatch/internal/config"
	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
	"planwatch/internal/track"
)

// fakeSMTP is a mail relay for tests: it speaks just enough SMTP for
// net/smtp (EHLO, AUTH PLAIN, MAIL, RCPT, DATA, QUIT) and keeps what it
// was given. reject makes it refuse RCPT.
type fakeSMTP struct {
	ln     net.Listener
	mu     sync.Mutex
	mails  []fakeMail
	auth   []string
	reject bool
}

type fakeMail struct {
	from string
	to   []string
	data string
}

func startSMTP(t *testing.T) *fakeSMTP {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeSMTP{ln: ln}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go f.session(c)
		}
	}()
	return f
}

func (f *fakeSMTP) addr() string { return f.ln.Addr().String() }

func (f *fakeSMTP) session(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	say := func(s string) { io.WriteString(c, s+"\r\n") }
	say("220 fake ESMTP")
	var m fakeMail
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		line = strings.TrimRight(line, "\r\n")
		verb := strings.ToUpper(strings.Fields(line + " x")[0])
		switch verb {
		case "EHLO", "HELO":
			say("250-fake\r\n250-8BITMIME\r\n250 AUTH PLAIN")
		case "AUTH":
			b, _ := base64.StdEncoding.DecodeString(strings.Fields(line)[2])
			f.mu.Lock()
			f.auth = append(f.auth, string(b))
			f.mu.Unlock()
			say("235 ok")
		case "MAIL":
			m = fakeMail{from: between(line, "<", ">")}
			say("250 ok")
		case "RCPT":
			f.mu.Lock()
			reject := f.reject
			f.mu.Unlock()
			if reject {
				say("550 no such mailbox")
				continue
			}
			m.to = append(m.to, between(line, "<", ">"))
			say("250 ok")
		case "DATA":
			say("354 go on")
			var b strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				b.WriteString(strings.TrimPrefix(l, "."))
			}
			m.data = b.String()
			f.mu.Lock()
			f.mails = append(f.mails, m)
			f.mu.Unlock()
			say("250 queued")
		case "QUIT":
			say("221 bye")
			return
		default:
			say("250 ok")
		}
	}
}

// between returns the text of s between the first open and the next close.
func between(s, open, close string) string {
	_, s, _ = strings.Cut(s, open)
	s, _, _ = strings.Cut(s, close)
	return s
}

func (f *fakeSMTP) received() []fakeMail {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.mails)
}

// remindFixture stores a plan of three tasks: t1 led by 市科技局 with
// 市发改委 supporting, t2 led by 市财政局, t3 done; and reporters with
// addresses for 市科技局 (two) and 市发改委 (none).
func remindFixture(t *testing.T, st *store.Store) (store.Plan, map[string]string) {
	t.Helper()
	ctx := context.Background()
	items := []store.Item{
		{ID: "t1", Kind: store.KindTask, Number: "1", Title: "共建沪嘉科创走廊", Units: []store.Assignment{
			{Unit: "市科技局", Role: store.RoleLead}, {Unit: "市发改委", Role: store.RoleSupport}}},
		{ID: "t2", Kind: store.KindTask, Number: "2", Title: "设立科创基金", Units: []store.Assignment{{Unit: "市财政局", Role: store.RoleLead}}},
		{ID: "t3", Kind: store.KindTask, Number: "3", Title: "建设南湖实验室", Status: track.StatusDone,
			Units: []store.Assignment{{Unit: "市科技局", Role: store.RoleLead}}},
	}
	p := store.Plan{Title: "嘉兴市科创协同行动计划", RegionCode: "330400", RegionName: "嘉兴市", Level: store.LevelCity, StartYear: 2021, EndYear: 2025}
	if err := st.SavePlanTree(ctx, &p, items, nil); err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, it := range items {
		ids[it.ID] = it.ID
	}
	all, _ := st.Items(ctx, p.ID, store.ItemFilter{})
	for _, it := range all {
		ids["t"+it.Number] = it.ID
	}
	for _, u := range []struct{ login, unit, addr string }{
		{"kjj1", "市科技局", "kjj1@jx.gov.cn"}, {"kjj2", "市科技局", "kjj2@jx.gov.cn"}, {"fgw", "市发改委", ""},
	} {
		made, err := st.CreateUser(ctx, store.User{Login: u.login, Role: store.RoleReporter, PasswordHash: "$x",
			Scopes: []store.Scope{{PlanID: p.ID, Unit: u.unit}}})
		if err != nil {
			t.Fatal(err)
		}
		if u.addr != "" {
			if _, err := st.SetUserEmail(ctx, made.ID, u.addr); err != nil {
				t.Fatal(err)
			}
		}
	}
	return p, ids
}

// TestRemindersJob runs the reminder job after the June reports fell due:
// every unit's digest is stored, 市科技局's is mailed once to its two
// reporters (UTF-8 subject and body listing its task), a unit without
// an address is listed only, and a unit that reports closes its digest.
func TestRemindersJob(t *testing.T) {
	relay := startSMTP(t)
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		p, ids := remindFixture(t, st)
		c := newClock(time.Date(2025, 7, 6, 9, 0, 0, 0, time.Local))
		m := NewMailer(config.SMTP{Addr: relay.addr(), From: "planwatch@jx.gov.cn", User: "pw", Password: "s3cret"})
		s := New(st, []Job{Reminders(st, m, "", 24*time.Hour)}, Options{Holder: "a", Now: c.now})
		sentBefore := len(relay.received())

		if got := ran(s.RunOnce(ctx)); len(got) != 1 || got["reminders"] != nil {
			t.Fatalf("round: %v", got)
		}
		open, err := st.OpenReminders(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		units := map[string]store.Reminder{}
		for _, r := range open {
			units[r.Unit] = r
		}
		if len(units) != 3 || units["市科技局"].Period != "2025-06" || units["市科技局"].DueOn != "2025-07-05" ||
			len(units["市科技局"].Items) != 1 || units["市科技局"].Items[0].Title != "共建沪嘉科创走廊" {
			t.Fatalf("reminders = %+v", open)
		}
		if r := units["市科技局"]; r.SentAt.IsZero() || r.SentStage != store.StageOverdue || !slices.Equal(r.Recipients, []string{"kjj1@jx.gov.cn", "kjj2@jx.gov.cn"}) {
			t.Errorf("市科技局 not marked sent: %+v", r)
		}
		if r := units["市发改委"]; !r.SentAt.IsZero() || len(r.Recipients) != 0 {
			t.Errorf("市发改委 has no address but was sent: %+v", r)
		}
		mails := relay.received()[sentBefore:]
		if len(mails) != 1 {
			t.Fatalf("%d messages sent, want 1", len(mails))
		}
		got := mails[0]
		if got.from != "planwatch@jx.gov.cn" || !slices.Equal(got.to, []string{"kjj1@jx.gov.cn", "kjj2@jx.gov.cn"}) {
			t.Errorf("envelope from %s to %v", got.from, got.to)
		}
		msg, err := mail.ReadMessage(strings.NewReader(got.data))
		if err != nil {
			t.Fatal(err)
		}
		subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
		if err != nil || subject != "【进展逾期提醒】市科技局：嘉兴市科创协同行动计划 2025-06 有 1 项任务逾期未报送" {
			t.Errorf("subject = %q, %v (raw %q)", subject, err, msg.Header.Get("Subject"))
		}
		if msg.Header.Get("To") != "kjj1@jx.gov.cn, kjj2@jx.gov.cn" || msg.Header.Get("Content-Type") != "text/plain; charset=UTF-8" {
			t.Errorf("headers = %v", msg.Header)
		}
		raw, _ := io.ReadAll(msg.Body)
		body, err := base64.StdEncoding.DecodeString(strings.ReplaceAll(string(raw), "\r\n", ""))
		if err != nil || !strings.Contains(string(body), "  1 共建沪嘉科创走廊\r\n") || !strings.Contains(string(body), "2025-07-05 前报送") ||
			strings.Contains(string(body), "设立科创基金") || strings.Contains(string(body), "建设南湖实验室") ||
			strings.Contains(string(body), "http") || strings.Contains(string(body), "/my") {
			t.Errorf("body = %q, %v", body, err)
		}
		if a := relay.auth; len(a) == 0 || a[len(a)-1] != "\x00pw\x00s3cret" {
			t.Errorf("AUTH PLAIN = %q", a)
		}

		// 市科技局 reports; the next round closes its digest and mails nothing.
		if err := st.AddUpdates(ctx, []store.Update{{ItemID: ids["t1"], Unit: "市科技局", Date: "2025-06-30", Status: track.StatusInProgress,
			Progress: 50, RecordedAt: c.now().Add(time.Hour)}}); err != nil {
			t.Fatal(err)
		}
		c.add(24 * time.Hour)
		if got := ran(s.RunOnce(ctx)); got["reminders"] != nil {
			t.Fatalf("second round: %v", got)
		}
		open, _ = st.OpenReminders(ctx, 0)
		var left []string
		for _, r := range open {
			left = append(left, r.Unit)
		}
		slices.Sort(left)
		if !slices.Equal(left, []string{"市发改委", "市财政局"}) {
			t.Errorf("open after 市科技局 reported: %v", left)
		}
		if n := len(relay.received()) - sentBefore; n != 1 {
			t.Errorf("%d messages after two rounds, want 1", n)
		}
		_ = p
	})
}

// TestRemindersDueThenOverdue runs the job on 2 July, while June's
// reports are being written (due by the 5th) and May's are overdue, then
// on 6 July: 市科技局 is mailed May overdue and June due, then June
// overdue; May's digest closes when June becomes the period due.
func TestRemindersDueThenOverdue(t *testing.T) {
	relay := startSMTP(t)
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		remindFixture(t, st)
		c := newClock(time.Date(2025, 7, 2, 9, 0, 0, 0, time.Local))
		m := NewMailer(config.SMTP{Addr: relay.addr(), From: "planwatch@jx.gov.cn"})
		s := New(st, []Job{Reminders(st, m, "", 24*time.Hour)}, Options{Holder: "a", Now: c.now})
		before := len(relay.received())
		subjects := func() []string {
			var out []string
			for _, ml := range relay.received()[before:] {
				msg, err := mail.ReadMessage(strings.NewReader(ml.data))
				if err != nil {
					t.Fatal(err)
				}
				subj, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
				out = append(out, subj)
			}
			slices.Sort(out)
			return out
		}
		periods := func() []string {
			open, err := st.OpenReminders(ctx, 0)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, r := range open {
				out = append(out, r.Period+" "+r.Unit+" "+r.Stage(c.now()))
			}
			slices.Sort(out)
			return out
		}
		if got := ran(s.RunOnce(ctx)); got["reminders"] != nil {
			t.Fatalf("2 July: %v", got)
		}
		want := []string{
			"【进展报送提醒】市科技局：嘉兴市科创协同行动计划 2025-06 的进展请于 2025-07-05 前报送（1 项）",
			"【进展逾期提醒】市科技局：嘉兴市科创协同行动计划 2025-05 有 1 项任务逾期未报送",
		}
		if got := subjects(); !slices.Equal(got, want) {
			t.Errorf("2 July mails:\n%v\nwant\n%v", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if got := periods(); len(got) != 6 || got[0] != "2025-05 市发改委 overdue" || got[3] != "2025-06 市发改委 due" {
			t.Errorf("2 July digests = %v", got)
		}
		c.add(4 * 24 * time.Hour)
		if got := ran(s.RunOnce(ctx)); got["reminders"] != nil {
			t.Fatalf("6 July: %v", got)
		}
		want = append(want, "【进展逾期提醒】市科技局：嘉兴市科创协同行动计划 2025-06 有 1 项任务逾期未报送")
		slices.Sort(want)
		if got := subjects(); !slices.Equal(got, want) {
			t.Errorf("6 July mails:\n%v\nwant\n%v", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if got := periods(); !slices.Equal(got, []string{"2025-06 市发改委 overdue", "2025-06 市科技局 overdue", "2025-06 市财政局 overdue"}) {
			t.Errorf("6 July digests = %v", got)
		}
	})
}

// TestWritingPeriod finds the period whose reports are being written.
func TestWritingPeriod(t *testing.T) {
	day := func(s string) time.Time {
		d, _ := time.Parse(time.DateOnly, s)
		return d.Add(9 * time.Hour)
	}
	for _, tc := range []struct {
		rhythm track.Rhythm
		now    string
		want   string // "" for none
	}{
		{track.Monthly, "2025-07-01", "2025-06"},
		{track.Monthly, "2025-07-05", "2025-06"},
		{track.Monthly, "2025-07-06", ""},
		{track.Monthly, "2025-06-30", ""},
		{track.Quarterly, "2025-07-10", "2025-Q2"},
		{track.Quarterly, "2025-07-21", ""},
		{track.Rhythm{DueDay: 1}, "2025-07-01", "2025-06"},
		{track.Rhythm{DueDay: 1}, "2025-07-02", ""},
	} {
		q, ok := writingPeriod(tc.rhythm, day(tc.now))
		got := ""
		if ok {
			got = q.Label
		}
		if got != tc.want {
			t.Errorf("writingPeriod(%+v, %s) = %q, want %q", tc.rhythm, tc.now, got, tc.want)
		}
	}
}

// TestRemindersWithoutRelay stores the digests and mails nothing; a
// relay refusing the recipients leaves the digest unsent with the error,
// to be tried again next round.
func TestRemindersWithoutRelay(t *testing.T) {
	relay := startSMTP(t)
	relay.reject = true
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		remindFixture(t, st)
		c := newClock(time.Date(2025, 7, 6, 9, 0, 0, 0, time.Local))
		s := New(st, []Job{Reminders(st, nil, "", 24*time.Hour)}, Options{Holder: "a", Now: c.now})
		if got := ran(s.RunOnce(ctx)); got["reminders"] != nil {
			t.Fatalf("round: %v", got)
		}
		open, _ := st.OpenReminders(ctx, 0)
		if len(open) != 3 {
			t.Fatalf("reminders = %+v", open)
		}
		for _, r := range open {
			if !r.SentAt.IsZero() || r.SendError != "" {
				t.Errorf("sent without a relay: %+v", r)
			}
		}
		m := NewMailer(config.SMTP{Addr: relay.addr(), From: "planwatch@jx.gov.cn"})
		s = New(st, []Job{Reminders(st, m, "", 24*time.Hour)}, Options{Holder: "a", Now: c.now})
		c.add(24 * time.Hour)
		got := ran(s.RunOnce(ctx))
		if err := got["reminders"]; err == nil || !strings.Contains(err.Error(), "550") {
			t.Errorf("refused relay: %v", got)
		}
		open, _ = st.OpenReminders(ctx, 0)
		for _, r := range open {
			if r.Unit == "市科技局" && (!r.SentAt.IsZero() || !strings.Contains(r.SendError, "550")) {
				t.Errorf("refused delivery recorded as %+v", r)
			}
		}
	})
}

// TestMessageHeaders checks that a subject cannot add header lines and
// that the body survives base64 intact.
func TestMessageHeaders(t *testing.T) {
	msg := message("pw@jx.gov.cn", []string{"a@jx.gov.cn"}, "【进展报送提醒】市科技局：嘉兴市科创协同推进长三角一体化高质量发展行动计划 2025-06 有 12 项任务未报送\r\nBcc: evil@x.cn", "第一行\n第二行\n", time.Date(2025, 7, 6, 9, 0, 0, 0, time.UTC))
	m, err := mail.ReadMessage(strings.NewReader(string(msg)))
	if err != nil {
		t.Fatal(err)
	}
	if m.Header.Get("Bcc") != "" {
		t.Errorf("the subject added a header: %v", m.Header)
	}
	if subject, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject")); err != nil || !strings.HasSuffix(subject, "未报送 Bcc: evil@x.cn") {
		t.Errorf("subject = %q, %v", subject, err)
	}
	raw, _ := io.ReadAll(m.Body)
	body, _ := base64.StdEncoding.DecodeString(strings.ReplaceAll(string(raw), "\r\n", ""))
	if string(body) != "第一行\r\n第二行\r\n" {
		t.Errorf("body = %q", body)
	}
	for _, line := range strings.Split(string(msg), "\r\n") {
		if len(line) > 78 {
			t.Errorf("line over 78 octets: %q", line)
		}
	}
}
