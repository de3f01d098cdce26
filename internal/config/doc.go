// Package config holds planwatch's settings: where the database lives,
// which networks the fetcher may reach, how much to log. It is read once at
// startup and passed down as a struct, never kept in a global.
package config
