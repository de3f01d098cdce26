package cli

import (
	"flag"
	"fmt"
	"os"

	"planwatch/internal/config"
	"planwatch/internal/ingest"
	"planwatch/internal/library"
	"planwatch/internal/store"
)

// dbFlags registers the options every library command shares and returns a
// function that opens the store they name.
func dbFlags(fs *flag.FlagSet) func(cfg *Config) (*store.Store, config.Config, error) {
	db := fs.String("db", "", "database: a SQLite file or a postgres:// URL (default $PLANWATCH_DB, else the user's data directory)")
	var allow []string
	fs.Func("allow-net", "let the fetcher reach this private network, e.g. 10.0.0.0/8 (repeatable)", func(s string) error {
		allow = append(allow, s)
		return nil
	})
	return func(cfg *Config) (*store.Store, config.Config, error) {
		app, err := config.FromEnv(os.Getenv)
		if err != nil {
			return nil, app, err
		}
		if *db != "" {
			app.DB = *db
		}
		for _, a := range allow {
			if err := app.AllowNet(a); err != nil {
				return nil, app, fmt.Errorf("--allow-net: %w", err)
			}
		}
		st, err := store.Open(cfg.Ctx, app.DB, cfg.Log)
		if err != nil {
			return nil, app, fmt.Errorf("database %s: %w", redact(app.DB), err)
		}
		return st, app, nil
	}
}

// openLibrary opens the store and the library over it.
func openLibrary(cfg *Config, open func(*Config) (*store.Store, config.Config, error)) (*library.Library, *store.Store, error) {
	st, app, err := open(cfg)
	if err != nil {
		return nil, nil, err
	}
	return newLibrary(cfg, st, app), st, nil
}

// newLibrary is the library over st as the settings app have it: the
// networks it may fetch from and the limits of reading a document.
func newLibrary(cfg *Config, st *store.Store, app config.Config) *library.Library {
	return library.New(st, library.Options{Log: cfg.Log, Fetch: ingest.FetchOptions{AllowNets: app.AllowNets},
		Decode: decodeOptions(app), Stored: harvestStored(st, cfg.Log)})
}

// decodeOptions are the limits of reading one document, from the settings
// (config.Documents, PLANWATCH_DOC_MAX_* and PLANWATCH_PDF_*). Every
// command that reads documents takes them from here, and passes them down.
func decodeOptions(app config.Config) ingest.DecodeOptions {
	return ingest.NewDecodeOptions(app.Documents)
}

// loadSettings reads the settings for a command that opens no database
// (extract, demo), naming them in its error.
func loadSettings() (config.Config, error) {
	app, err := config.FromEnv(os.Getenv)
	if err != nil {
		return app, fmt.Errorf("settings: %w", err)
	}
	return app, nil
}

// redact hides a password in a database URL before it is printed.
func redact(dsn string) string {
	return config.Redact(dsn)
}
