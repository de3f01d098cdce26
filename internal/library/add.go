package library

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"iter"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"planwatch/internal/ingest"
	"planwatch/internal/store"
)

// IsURL reports whether an input names a web page rather than a file.
func IsURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// Add snapshots one input, a URL or a file, into the library.
func (l *Library) Add(ctx context.Context, input string, tags []string) Result {
	return count(l.add(ctx, input, tags))
}

// add is Add without counting, for Refresh, which counts its own outcome.
func (l *Library) add(ctx context.Context, input string, tags []string) Result {
	in, err := l.read(ctx, input)
	if err != nil {
		return Result{Input: input, Status: Failed, Err: err}
	}
	return l.commitOne(ctx, l.prepare(ctx, in, false), tags)
}

// read fetches a URL or reads a file, bounded by the decode limit (doc_max_bytes).
func (l *Library) read(ctx context.Context, input string) (raw, error) {
	if IsURL(input) {
		f, err := ingest.Fetch(ctx, input, l.fetch)
		if err != nil {
			return raw{}, err
		}
		return raw{source: input, bytes: f.Body, fetchedAt: f.FetchedAt, finalURL: f.FinalURL, status: f.Status, header: f.Header}, nil
	}
	path, err := filepath.Abs(input)
	if err != nil {
		return raw{}, err
	}
	fi, err := os.Stat(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return raw{}, err
	}
	if fi.IsDir() {
		return raw{}, errors.New("is a directory (add it with its files: planwatch add DIR)")
	}
	if fi.Size() > l.decode.Limit() {
		return raw{}, l.decode.TooLarge(fi.Size())
	}
	f, err := os.Open(path)
	if err != nil {
		return raw{}, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, l.decode.Limit()+1))
	if err != nil {
		return raw{}, err
	}
	return raw{source: path, bytes: b, fetchedAt: l.now().UTC()}, nil
}

// Summary counts the outcomes of adding many inputs.
type Summary struct {
	Counts   map[Status]int
	Failures []Result
	// Stopped is the error that ended the run before every input was
	// tried: the database's disk is full (store.IsDiskFull). nil otherwise.
	Stopped error
}

// Total is the number of inputs handled.
func (s Summary) Total() int {
	n := 0
	for _, c := range s.Counts {
		n += c
	}
	return n
}

// AddAll snapshots every input; a directory is walked recursively.
// Documents are saved up to 100 in a transaction, each under a savepoint:
// one that fails is undone alone, the others stay; an interrupted run
// leaves whole documents only, and running it again finishes the job
// (what was stored is then "unchanged"). progress, when not nil, is
// called after each input, once its batch is committed, with the number
// done and the total.
func (l *Library) AddAll(ctx context.Context, inputs []string, tags []string, progress func(done, total int, r Result)) Summary {
	sum := Summary{Counts: map[Status]int{}}
	var all []string
	for _, in := range inputs {
		if IsURL(in) {
			all = append(all, in)
			continue
		}
		files, err := listFiles(in)
		if err != nil {
			r := count(Result{Input: in, Status: Failed, Err: err})
			sum.Counts[Failed]++
			sum.Failures = append(sum.Failures, r)
			continue
		}
		all = append(all, files...)
	}
	for i, r := range l.pipeline(ctx, all, tags) {
		count(r)
		sum.Counts[r.Status]++
		if r.Status == Failed {
			sum.Failures = append(sum.Failures, r)
		}
		if progress != nil {
			progress(i+1, len(all), r)
		}
		if r.Status == Failed && store.IsDiskFull(r.Err) {
			// Every later document would fail the same way.
			sum.Stopped = r.Err
			break
		}
	}
	return sum
}

// pipeline reads, decodes and extracts inputs on every core while one
// writer stores them in input order. Look-ahead is bounded so that memory
// holds only a few documents at a time. It stops between documents when
// ctx is cancelled.
func (l *Library) pipeline(ctx context.Context, inputs []string, tags []string) iter.Seq2[int, Result] {
	return func(yield func(int, Result) bool) {
		workers := max(1, runtime.NumCPU())
		// The workers stop on their own context; the writer keeps the
		// caller's, so that a document being saved is saved whole.
		wctx, cancel := context.WithCancel(ctx)
		defer cancel()
		type slot struct {
			p   prepared
			err error
		}
		ready := make([]chan slot, len(inputs))
		for i := range ready {
			ready[i] = make(chan slot, 1)
		}
		ahead := make(chan struct{}, 2*workers)
		jobs := make(chan int)
		var wg sync.WaitGroup
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range jobs {
					in, err := l.read(wctx, inputs[i])
					if err != nil {
						ready[i] <- slot{err: err}
						continue
					}
					ready[i] <- slot{p: l.prepare(wctx, in, false)}
				}
			}()
		}
		go func() {
			defer close(jobs)
			for i := range inputs {
				select {
				case ahead <- struct{}{}:
				case <-wctx.Done():
					return
				}
				select {
				case jobs <- i:
				case <-wctx.Done():
					return
				}
			}
		}()
		// A caller breaking off (yield false) leaves the feeder waiting
		// for look-ahead room: cancel it before waiting for the workers.
		defer func() {
			cancel()
			wg.Wait()
		}()
		w := batchWriter{l: l, tags: tags, yield: yield}
		defer w.flush(ctx)
		for i := range inputs {
			var s slot
			select {
			case s = <-ready[i]:
			case <-ctx.Done():
				return
			}
			var r Result
			if s.err != nil {
				r = Result{Input: inputs[i], Status: Failed, Err: s.err}
			} else {
				// A document begun is saved whole: ctx is looked at
				// between documents only.
				r = w.commit(context.WithoutCancel(ctx), s.p)
			}
			<-ahead
			w.held = append(w.held, held{i: i, r: r})
			if len(w.held) >= batchDocs || time.Since(w.began) >= batchTime || i == len(inputs)-1 ||
				(w.b != nil && w.b.Err() != nil) || ctx.Err() != nil {
				if !w.flush(ctx) || ctx.Err() != nil {
					return
				}
			}
		}
	}
}

// batchDocs and batchTime bound a transaction of the bulk path: one
// commit (and one search-index flush) per 100 documents makes adding
// several times faster, and a second is as long as a writer elsewhere
// (the server, on SQLite) should wait for the lock.
const (
	batchDocs = 100
	batchTime = time.Second
)

// held is a result whose batch is not committed yet.
type held struct {
	i int
	r Result
}

// batchWriter saves prepared documents in batches and hands their
// results on, in input order, once their batch is committed.
type batchWriter struct {
	l     *Library
	tags  []string
	yield func(int, Result) bool
	b     *store.SnapshotBatch
	began time.Time
	held  []held
	done  bool // the caller stopped taking results
}

// commit saves p in the current batch, beginning one if needed.
func (w *batchWriter) commit(ctx context.Context, p prepared) Result {
	if w.b == nil {
		b, err := w.l.st.BeginSnapshots(ctx)
		if err != nil {
			return failed(Result{Input: p.in.source, Title: p.title}, err)
		}
		w.b, w.began = b, time.Now()
	}
	return w.l.commit(ctx, w.b, p, w.tags)
}

// flush commits the batch and yields its results; a failed commit fails
// every result that wrote something (nothing of it is stored). It
// reports whether the caller still takes results.
func (w *batchWriter) flush(ctx context.Context) bool {
	if w.b != nil {
		if err := w.b.Commit(); err != nil {
			for k := range w.held {
				if r := w.held[k].r; wrote(r, w.tags) {
					r = failed(r, err)
					r.DocumentID = ""
					w.held[k].r = r
				}
			}
		}
		w.b = nil
	}
	for _, h := range w.held {
		w.l.committed(ctx, h.r)
		if !w.done && !w.yield(h.i, h.r) {
			w.done = true
		}
	}
	w.held = w.held[:0]
	return !w.done
}

// listFiles returns path itself, or the regular files under a directory in
// name order, skipping hidden files and directories.
func listFiles(path string) ([]string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, err
	}
	if !fi.IsDir() {
		return []string{path}, nil
	}
	var out []string
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != path && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			out = append(out, p)
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}
