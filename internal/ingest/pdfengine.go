package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sync"
	"time"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// pdfEngine runs PDFium, the PDF library of Chromium, compiled to
// WebAssembly (go-pdfium's build) on wazero: pure Go, no cgo and nothing
// to install on the office servers. Every document gets a fresh module
// instance, so a document that exhausts or corrupts PDFium's memory takes
// nothing with it, and its memory is returned when it is done.
type pdfEngine struct {
	opts   PDFOptions
	pool   pdfium.Pool
	ctx    context.Context // done when the engine closes: stops documents in flight
	cancel context.CancelFunc
	users  sync.WaitGroup // documents being read
}

func newPDFEngine(opts PDFOptions) (*pdfEngine, error) {
	start := time.Now()
	cache, where := compilationCache(opts.CacheDir)
	rc := wazero.NewRuntimeConfig().
		// The module lowers setjmp/longjmp to exception handling.
		WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
		// PDFium's whole heap is the module's linear memory: capping it
		// caps inflated streams, objects and caches of one document.
		WithMemoryLimitPages(uint32(opts.MaxMemory >> 16)).
		// Lets a timeout, a cancelled context or ClosePDF stop PDFium in
		// the middle of a call. It costs PDFium about three times the CPU
		// (a check on every loop back-edge), which is the price of a
		// reader that a hostile file cannot hang.
		WithCloseOnContextDone(true).
		WithCompilationCache(cache)
	// The first start compiles PDFium's 6 MB of WebAssembly to machine
	// code: seconds of CPU, spread over the cores. The workers' modules
	// take their memory allocator from the same context.
	initCtx := experimental.WithCompilationWorkers(context.Background(), runtime.GOMAXPROCS(0))
	initCtx = experimental.WithMemoryAllocator(initCtx, pdfMemory)
	pool, err := webassembly.Init(webassembly.Config{
		Context:       initCtx,
		MaxIdle:       opts.Workers,
		MaxTotal:      opts.Workers,
		RuntimeConfig: rc,
		// No mounts: PDFium reads the bytes handed to it and no file.
		// go-pdfium mounts / when this is nil.
		FSConfig: wazero.NewFSConfig(),
		Stdout:   io.Discard,
		Stderr:   io.Discard,
	})
	if err != nil {
		return nil, fmt.Errorf("starting the PDF engine: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	slog.Debug("PDF engine started", "took", time.Since(start).Round(time.Millisecond), "cache", where,
		"max_memory_mib", opts.MaxMemory>>20, "workers", opts.Workers)
	return &pdfEngine{opts: opts, pool: pool, ctx: ctx, cancel: cancel}, nil
}

// close stops the documents being read, waits for them and releases the
// runtime.
func (e *pdfEngine) close() {
	e.cancel()
	e.users.Wait()
	if err := e.pool.Close(); err != nil {
		slog.Debug("closing the PDF engine", "err", err)
	}
}

var compilationCaches struct {
	sync.Mutex
	byDir map[string]wazero.CompilationCache
}

// compilationCache returns the cache of compiled PDFium code for dir (see
// PDFOptions.CacheDir), one per directory for the life of the process so
// that an engine started again after ConfigurePDF does not compile again.
// A directory that cannot be used falls back to memory.
func compilationCache(dir string) (wazero.CompilationCache, string) {
	if dir == "" {
		if base, err := os.UserCacheDir(); err == nil {
			dir = filepath.Join(base, "planwatch", "pdfium")
		} else {
			dir = "off"
		}
	}
	compilationCaches.Lock()
	defer compilationCaches.Unlock()
	if c, ok := compilationCaches.byDir[dir]; ok {
		return c, dir
	}
	if compilationCaches.byDir == nil {
		compilationCaches.byDir = map[string]wazero.CompilationCache{}
	}
	var c wazero.CompilationCache
	where := dir
	if dir != "off" {
		var err error
		if c, err = wazero.NewCompilationCacheWithDir(dir); err != nil {
			slog.Warn("PDF engine: cannot cache compiled code, compiling in every process", "dir", dir, "err", err)
			c = nil
		}
	}
	if c == nil {
		c, where = wazero.NewCompilationCache(), "memory"
	}
	compilationCaches.byDir[dir] = c
	return c, where
}

// errPDFiumInternals means go-pdfium no longer has the shape pdfiumCalls
// relies on (see there); a test catches it on upgrade.
var errPDFiumInternals = errors.New("PDF engine: go-pdfium internals changed")

// pdfiumCalls calls PDFium's C functions in one instance directly.
// go-pdfium's typed API wraps each call in map look-ups and allocations,
// and in the worker's context, whose Done channel makes wazero start a
// watcher goroutine on every call; at three or four calls per glyph that
// made reading several times slower than PDFium itself. So it takes the
// instance's exported functions and memory from the implementation
// go-pdfium exposes (GetImplementation). Calls that do real work (loading
// the document, a page, its text) run under the document's context, so a
// timeout or a cancel stops PDFium in the middle of them; the per-glyph
// look-ups, which are constant time, run without one.
type pdfiumCalls struct {
	ctx    context.Context
	lookup reflect.Value // the implementation's Fn(name) method
	fns    map[string]api.Function
	mem    api.Memory
	stack  [8]uint64
}

func newPDFiumCalls(ctx context.Context, inst pdfium.Pdfium) (c *pdfiumCalls, err error) {
	// reflect panics on a shape it does not expect.
	defer func() {
		if r := recover(); r != nil {
			c, err = nil, fmt.Errorf("%w: %v", errPDFiumInternals, r)
		}
	}()
	impl := reflect.ValueOf(inst.GetImplementation())
	if impl.Kind() != reflect.Pointer || impl.Elem().Kind() != reflect.Struct {
		return nil, errPDFiumInternals
	}
	lookup := impl.MethodByName("Fn")
	module := impl.Elem().FieldByName("Module")
	if !lookup.IsValid() || !module.IsValid() {
		return nil, errPDFiumInternals
	}
	memory := module.MethodByName("Memory")
	if !memory.IsValid() {
		return nil, errPDFiumInternals
	}
	mem, ok := memory.Call(nil)[0].Interface().(api.Memory)
	if !ok {
		return nil, errPDFiumInternals
	}
	return &pdfiumCalls{ctx: ctx, lookup: lookup, fns: map[string]api.Function{}, mem: mem}, nil
}

// call calls the exported function name under the document's context and
// returns its result.
func (c *pdfiumCalls) call(name string, args ...uint64) (uint64, error) {
	return c.callCtx(c.ctx, name, args)
}

// quick calls a function that runs in constant time (a glyph's code or
// box), without the cost of watching a context.
func (c *pdfiumCalls) quick(name string, args ...uint64) (uint64, error) {
	return c.callCtx(context.Background(), name, args)
}

func (c *pdfiumCalls) callCtx(ctx context.Context, name string, args []uint64) (uint64, error) {
	f, ok := c.fns[name]
	if !ok {
		v := c.lookup.Call([]reflect.Value{reflect.ValueOf(name)})[0]
		if v.Kind() != reflect.Interface || v.IsNil() {
			return 0, fmt.Errorf("%w: PDFium has no function %s", errPDFiumInternals, name)
		}
		if f, ok = v.Interface().(api.Function); !ok {
			return 0, fmt.Errorf("%w: %s is a %T", errPDFiumInternals, name, v.Interface())
		}
		c.fns[name] = f
	}
	copy(c.stack[:], args)
	if err := f.CallWithStack(ctx, c.stack[:]); err != nil {
		return 0, fmt.Errorf("%s: %w", name, err)
	}
	return c.stack[0], nil
}

// i32 reads a C int result.
func i32(v uint64) int { return int(int32(uint32(v))) }
