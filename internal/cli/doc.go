// Package cli is planwatch's command line: it parses arguments, wires the
// configuration and runs one subcommand.
package cli
