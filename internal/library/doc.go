// Package library keeps the document library: it snapshots documents from
// URLs and files into the store, refreshes them, finds duplicates and
// searches them.
package library
