//go:build !(linux || darwin || freebsd)

package ingest

import "github.com/tetratelabs/wazero/experimental"

// pdfMemory is nil elsewhere: wazero keeps PDFium's memory on the Go heap.
var pdfMemory experimental.MemoryAllocator
