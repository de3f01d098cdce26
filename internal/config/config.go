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
}

// FromEnv reads the settings from PLANWATCH_* environment variables, with
// the defaults for anything unset. Flags given on the command line override
// the result.
func FromEnv(getenv func(string) string) (Config, error) {
	c := Config{DB: getenv("PLANWATCH_DB"), LogLevel: getenv("PLANWATCH_LOG_LEVEL")}
	if c.DB == "" {
		c.DB = DefaultDB(getenv)
	}
	if c.LogLevel == "" {
		c.LogLevel = "warn"
	}
	if s := getenv("PLANWATCH_ALLOW_NET"); s != "" {
		for _, part := range strings.Split(s, ",") {
			if err := c.AllowNet(strings.TrimSpace(part)); err != nil {
				return c, fmt.Errorf("PLANWATCH_ALLOW_NET: %w", err)
			}
		}
	}
	return c, nil
}

// AllowNet adds a network given in CIDR form (or a single address).
func (c *Config) AllowNet(s string) error {
	if s == "" {
		return nil
	}
	if !strings.Contains(s, "/") {
		a, err := netip.ParseAddr(s)
		if err != nil {
			return fmt.Errorf("%q is not an address or network: %w", s, err)
		}
		c.AllowNets = append(c.AllowNets, netip.PrefixFrom(a, a.BitLen()))
		return nil
	}
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return fmt.Errorf("%q is not a network such as 10.0.0.0/8: %w", s, err)
	}
	c.AllowNets = append(c.AllowNets, p.Masked())
	return nil
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
