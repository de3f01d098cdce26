//go:build linux || darwin || freebsd

package ingest

import (
	"log/slog"
	"syscall"

	"github.com/tetratelabs/wazero/experimental"
)

// pdfMemory backs each PDFium instance's linear memory with an anonymous
// mapping of the full limit, reserved but not touched: growing it moves
// nothing, the Go heap does not carry it (by default wazero grows a Go
// slice by copying, which took the heap to 665 MiB under a 256 MiB limit),
// and unmapping returns it to the system at once.
//
// Freeing while PDFium runs would pull the memory from under it; wazero
// frees only once the module is closed and no call is running in it,
// because pdfEngine.read stops PDFium through the call's context (which
// defers the release to the end of the call) and closes the instance only
// after its calls have returned.
var pdfMemory experimental.MemoryAllocator = experimental.MemoryAllocatorFunc(
	func(_, max uint64) experimental.LinearMemory {
		b, err := syscall.Mmap(-1, 0, int(max), syscall.PROT_READ|syscall.PROT_WRITE,
			syscall.MAP_PRIVATE|syscall.MAP_ANON|syscall.MAP_NORESERVE)
		if err != nil {
			slog.Warn("PDF engine: cannot map memory, using the Go heap", "bytes", max, "err", err)
			return &heapMemory{}
		}
		return &mappedMemory{buf: b}
	})

type mappedMemory struct{ buf []byte }

func (m *mappedMemory) Reallocate(size uint64) []byte {
	if m.buf == nil || size > uint64(len(m.buf)) {
		return nil
	}
	return m.buf[:size]
}

func (m *mappedMemory) Free() {
	if m.buf != nil {
		_ = syscall.Munmap(m.buf)
		m.buf = nil
	}
}

// heapMemory is the fallback: a Go slice grown by copying.
type heapMemory struct{ buf []byte }

func (m *heapMemory) Reallocate(size uint64) []byte {
	if size <= uint64(cap(m.buf)) {
		m.buf = m.buf[:size]
		return m.buf
	}
	b := make([]byte, size)
	copy(b, m.buf)
	m.buf = b
	return b
}

func (m *heapMemory) Free() { m.buf = nil }
