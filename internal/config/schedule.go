package config

import (
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Schedule is the server's scheduled work: how often each job runs, how
// long the audit log is kept, and the mail relay for reminders.
type Schedule struct {
	// WatchInterval is how often watched documents are fetched again;
	// 0 turns the job off.
	WatchInterval time.Duration
	// ReminderInterval is how often reminder digests are brought up to
	// date (and mailed); 0 turns the job off.
	ReminderInterval time.Duration
	// CleanupInterval is how often expired sessions and audit entries
	// past the retention are removed; 0 turns the job off.
	CleanupInterval time.Duration
	// AuditRetentionDays is how long the audit log is kept, at least 180
	// (等保 2.0: six months).
	AuditRetentionDays int
	// SMTP is the relay reminders are mailed through; Addr "" means no
	// mail: reminders are only listed in the app.
	SMTP SMTP
	// BaseURL is the address users open the app at (PLANWATCH_BASE_URL,
	// http or https, no trailing slash), for the links in reminder mails;
	// "" leaves the mails without links. The server cannot know it: behind
	// a proxy on a closed network only the deployer does.
	BaseURL string
}

// SMTP is a mail relay's address and account.
type SMTP struct {
	Addr     string // host:port
	From     string // the sender address
	User     string // "" for a relay that takes mail without signing in
	Password string
}

// Schedule defaults: documents checked four times a day, digests daily,
// housekeeping hourly.
const (
	DefaultWatchInterval      = 6 * time.Hour
	DefaultReminderInterval   = 24 * time.Hour
	DefaultCleanupInterval    = time.Hour
	DefaultAuditRetentionDays = 180
	// MinInterval keeps a typo (1s for 1h) from hammering other sites.
	MinInterval = time.Minute
)

// scheduleKeys are the settings of Schedule.
var scheduleKeys = []string{"PLANWATCH_WATCH_INTERVAL", "PLANWATCH_REMINDER_INTERVAL", "PLANWATCH_CLEANUP_INTERVAL",
	"PLANWATCH_AUDIT_RETENTION_DAYS", "PLANWATCH_SMTP_ADDR", "PLANWATCH_SMTP_FROM", "PLANWATCH_SMTP_USER", "PLANWATCH_SMTP_PASSWORD",
	"PLANWATCH_BASE_URL"}

// loadSchedule reads the Schedule settings with get (which records where
// each came from) and records the defaults it uses.
func loadSchedule(get func(string) (string, error), settings *[]Setting) (Schedule, error) {
	var sc Schedule
	interval := func(key string, def time.Duration, into *time.Duration) error {
		v, err := get(key)
		if err != nil {
			return err
		}
		if v == "" {
			*into = def
			*settings = append(*settings, Setting{key, def.String(), "default"})
			return nil
		}
		if v == "off" || v == "0" {
			*into = 0
			return nil
		}
		d, err := time.ParseDuration(v)
		if err != nil || d < MinInterval {
			return fmt.Errorf("%s %q: want a duration of at least %s such as 30m, 6h or 24h, or off", key, v, MinInterval)
		}
		*into = d
		return nil
	}
	if err := interval("PLANWATCH_WATCH_INTERVAL", DefaultWatchInterval, &sc.WatchInterval); err != nil {
		return sc, err
	}
	if err := interval("PLANWATCH_REMINDER_INTERVAL", DefaultReminderInterval, &sc.ReminderInterval); err != nil {
		return sc, err
	}
	if err := interval("PLANWATCH_CLEANUP_INTERVAL", DefaultCleanupInterval, &sc.CleanupInterval); err != nil {
		return sc, err
	}
	days, err := get("PLANWATCH_AUDIT_RETENTION_DAYS")
	if err != nil {
		return sc, err
	}
	if days == "" {
		sc.AuditRetentionDays = DefaultAuditRetentionDays
		*settings = append(*settings, Setting{"PLANWATCH_AUDIT_RETENTION_DAYS", strconv.Itoa(DefaultAuditRetentionDays), "default"})
	} else if sc.AuditRetentionDays, err = strconv.Atoi(days); err != nil || sc.AuditRetentionDays < DefaultAuditRetentionDays {
		return sc, fmt.Errorf("PLANWATCH_AUDIT_RETENTION_DAYS %q: want a number of days, at least %d (等保 2.0 keeps six months)", days, DefaultAuditRetentionDays)
	}
	for _, f := range []struct {
		key  string
		into *string
	}{{"PLANWATCH_SMTP_ADDR", &sc.SMTP.Addr}, {"PLANWATCH_SMTP_FROM", &sc.SMTP.From},
		{"PLANWATCH_SMTP_USER", &sc.SMTP.User}, {"PLANWATCH_SMTP_PASSWORD", &sc.SMTP.Password}} {
		if *f.into, err = get(f.key); err != nil {
			return sc, err
		}
	}
	if sc.BaseURL, err = baseURL(get); err != nil {
		return sc, err
	}
	if sc.BaseURL == "" {
		*settings = append(*settings, Setting{"PLANWATCH_BASE_URL", "(none: reminder mails carry no links)", "default"})
	}
	for i := range *settings {
		if (*settings)[i].Key == "PLANWATCH_SMTP_PASSWORD" {
			(*settings)[i].Value = "xxxxx"
		}
	}
	if sc.SMTP.Addr == "" {
		if sc.SMTP.From != "" || sc.SMTP.User != "" || sc.SMTP.Password != "" {
			return sc, fmt.Errorf("PLANWATCH_SMTP_ADDR: not set, but other PLANWATCH_SMTP_ settings are")
		}
		*settings = append(*settings, Setting{"PLANWATCH_SMTP_ADDR", "(none: reminders are listed in the app, not mailed)", "default"})
		return sc, nil
	}
	if host, port, err := net.SplitHostPort(sc.SMTP.Addr); err != nil || host == "" || port == "" {
		return sc, fmt.Errorf("PLANWATCH_SMTP_ADDR %q: want host:port such as mail.example.gov.cn:587", sc.SMTP.Addr)
	}
	if a, err := mail.ParseAddress(sc.SMTP.From); err != nil || a.Name != "" || strings.ContainsAny(sc.SMTP.From, "\r\n") {
		return sc, fmt.Errorf("PLANWATCH_SMTP_FROM %q: want the sender's address such as planwatch@example.gov.cn", sc.SMTP.From)
	}
	if (sc.SMTP.User == "") != (sc.SMTP.Password == "") {
		return sc, fmt.Errorf("PLANWATCH_SMTP_USER and PLANWATCH_SMTP_PASSWORD: give both or neither")
	}
	return sc, nil
}

// baseURL reads PLANWATCH_BASE_URL: an absolute http(s) URL with a host
// and nothing after the path (a query or fragment would break the links
// built on it), returned without its trailing slash.
func baseURL(get func(string) (string, error)) (string, error) {
	v, err := get("PLANWATCH_BASE_URL")
	if err != nil || v == "" {
		return "", err
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
		u.RawQuery != "" || u.Fragment != "" || strings.HasSuffix(v, "?") || strings.HasSuffix(v, "#") {
		return "", fmt.Errorf("PLANWATCH_BASE_URL %q: want the app's absolute http or https address such as https://planwatch.jx.gov.cn", v)
	}
	return strings.TrimRight(v, "/"), nil
}
