package config

import (
	"fmt"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// Config is the settings of one planwatch process.
type Config struct {
	// DB is the database: a SQLite file path (the default) or a
	// postgres:// URL for a shared, multi-user installation.
	DB string
	// AllowNets are networks the fetcher may reach although they are
	// private or local (an office intranet), e.g. 10.0.0.0/8.
	AllowNets []netip.Prefix
	// LogLevel is debug, info, warn or error.
	LogLevel string
	// Schedule is the server's scheduled work (schedule.go).
	Schedule Schedule
	// Sheets bounds the spreadsheets units send in (sheets.go).
	Sheets Sheets
	// Documents bounds reading one document: its size, what a DOCX
	// unpacks to, what a PDF may cost (documents.go).
	Documents Documents
	// Server is what only the server reads: proxies, metrics, the work
	// pool, the audit checkpoint (server.go).
	Server Server
}

// Keys are the settings planwatch reads, each from the environment, from
// the file named by PLANWATCH_CONFIG (KEY=VALUE lines), or from a file named
// by KEY_FILE (for secrets such as a database password in a DSN).
var Keys = append(append([]string{"PLANWATCH_DB", "PLANWATCH_ALLOW_NET", "PLANWATCH_LOG_LEVEL", "PLANWATCH_LOG_FORMAT"},
	scheduleKeys...), append(append(sheetKeys, docKeys...), serverKeys...)...)

// Setting is one effective setting and where it came from.
type Setting struct {
	Key, Value, Origin string // Origin: env, file, KEY_FILE path, or default
}

// FromEnv reads the settings from the environment and the optional file,
// with the defaults for anything unset. Flags given on the command line
// override the result.
func FromEnv(getenv func(string) string) (Config, error) {
	c, _, err := Load(getenv, os.ReadFile)
	return c, err
}

// Load reads the settings and reports where each came from. The
// environment overrides the file; KEY_FILE overrides KEY. An unknown
// PLANWATCH_ key in the file is an error: a typo would otherwise be
// silently ignored.
func Load(getenv func(string) string, readFile func(string) ([]byte, error)) (Config, []Setting, error) {
	file := map[string]string{}
	if path := getenv("PLANWATCH_CONFIG"); path != "" {
		b, err := readFile(path)
		if err != nil {
			return Config{}, nil, fmt.Errorf("PLANWATCH_CONFIG %s: %w", path, err)
		}
		if file, err = parseFile(string(b)); err != nil {
			return Config{}, nil, fmt.Errorf("PLANWATCH_CONFIG %s: %w", path, err)
		}
	}
	var settings []Setting
	get := func(key string) (string, error) {
		for _, k := range []string{key + "_FILE", key} {
			v, origin := getenv(k), "env"
			if v == "" {
				v, origin = file[k], "file"
			}
			if v == "" {
				continue
			}
			if strings.HasSuffix(k, "_FILE") {
				b, err := readFile(v)
				if err != nil {
					return "", fmt.Errorf("%s: %w", k, err)
				}
				v, origin = strings.TrimRight(string(b), "\r\n"), k+" "+v
			}
			settings = append(settings, Setting{key, v, origin})
			return v, nil
		}
		return "", nil
	}
	var c Config
	var err error
	if c.DB, err = get("PLANWATCH_DB"); err != nil {
		return c, nil, err
	}
	if c.DB == "" {
		c.DB = DefaultDB(getenv)
		settings = append(settings, Setting{"PLANWATCH_DB", c.DB, "default"})
	}
	if c.LogLevel, err = get("PLANWATCH_LOG_LEVEL"); err != nil {
		return c, nil, err
	}
	switch c.LogLevel {
	case "":
		c.LogLevel = "warn"
		settings = append(settings, Setting{"PLANWATCH_LOG_LEVEL", c.LogLevel, "default"})
	case "debug", "info", "warn", "error":
	default:
		return c, nil, fmt.Errorf("PLANWATCH_LOG_LEVEL %q: want debug, info, warn or error", c.LogLevel)
	}
	nets, err := get("PLANWATCH_ALLOW_NET")
	if err != nil {
		return c, nil, err
	}
	for _, part := range strings.Split(nets, ",") {
		if err := c.AllowNet(strings.TrimSpace(part)); err != nil {
			return c, nil, fmt.Errorf("PLANWATCH_ALLOW_NET: %w", err)
		}
	}
	if c.Schedule, err = loadSchedule(get, &settings); err != nil {
		return c, nil, err
	}
	if c.Sheets, err = loadSheets(get, &settings); err != nil {
		return c, nil, err
	}
	if c.Documents, err = loadDocuments(get, &settings); err != nil {
		return c, nil, err
	}
	if c.Server, err = loadServer(get, &settings, c.DB); err != nil {
		return c, nil, err
	}
	for i := range settings {
		if settings[i].Key == "PLANWATCH_DB" {
			settings[i].Value = Redact(settings[i].Value)
		}
	}
	return c, settings, nil
}

// parseFile reads KEY=VALUE lines: # comments, blank lines, an optional
// "export " prefix and quotes around the value, as an env file has them.
func parseFile(s string) (map[string]string, error) {
	known := map[string]bool{"PLANWATCH_CONFIG": true}
	for _, k := range Keys {
		known[k], known[k+"_FILE"] = true, true
	}
	out := map[string]string{}
	for n, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		line = strings.TrimPrefix(line, "export ")
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			return nil, fmt.Errorf("line %d: want KEY=VALUE", n+1)
		}
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'') {
			v = v[1 : len(v)-1]
		}
		if !known[k] {
			return nil, fmt.Errorf("line %d: unknown setting %s (known: %s)", n+1, k, strings.Join(Keys, ", "))
		}
		out[k] = v
	}
	return out, nil
}

// AllowNet adds a network given in CIDR form (or a single address).
func (c *Config) AllowNet(s string) error {
	p, err := parsePrefix(s)
	if err != nil || s == "" {
		return err
	}
	c.AllowNets = append(c.AllowNets, p)
	return nil
}

// parsePrefix reads a network in CIDR form or a single address (a /32 or
// /128); "" is no network and no error.
func parsePrefix(s string) (netip.Prefix, error) {
	if s == "" {
		return netip.Prefix{}, nil
	}
	if !strings.Contains(s, "/") {
		a, err := netip.ParseAddr(s)
		if err != nil {
			return netip.Prefix{}, fmt.Errorf("%q is not an address or network: %w", s, err)
		}
		a = a.Unmap()
		return netip.PrefixFrom(a, a.BitLen()), nil
	}
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("%q is not a network such as 10.0.0.0/8: %w", s, err)
	}
	return p.Masked(), nil
}

// DefaultDB is the SQLite file in the user's data directory:
// $XDG_DATA_HOME/planwatch/planwatch.db, else ~/.local/share/planwatch.
func DefaultDB(getenv func(string) string) string {
	dir := getenv("XDG_DATA_HOME")
	if dir == "" {
		home := getenv("HOME")
		if home == "" {
			if h, err := os.UserHomeDir(); err == nil {
				home = h
			}
		}
		if home == "" {
			return "planwatch.db"
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "planwatch", "planwatch.db")
}

// Redact returns a database address fit to print: the password of a
// postgres:// URL is replaced by xxxxx.
func Redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
