package library

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/netip"
	"time"

	"planwatch/internal/extract"
	"planwatch/internal/ingest"
	"planwatch/internal/store"
)

// NearDistance is the largest fingerprint distance, in bits, at which two
// texts count as the same document reposted (other page furniture, another
// script, a spam line on top).
const NearDistance = 3

// Options configure a Library.
type Options struct {
	Fetch ingest.FetchOptions
	// Decode bounds reading each document (config.Documents through
	// ingest.NewDecodeOptions); the zero value takes the defaults. A Fetch
	// without MaxBytes takes its MaxBytes.
	Decode ingest.DecodeOptions
	Log    *slog.Logger
	Now    func() time.Time // for tests; time.Now by default
	// Stored, when set, is called after a new document or a new version
	// of one is stored (not for unchanged bytes, duplicates or reposts),
	// with the outcome: the callers hang the matching of its figures
	// against tracked plans here (internal/harvest), which the library
	// itself knows nothing of. It runs in the adding goroutine; what it
	// fails at is its own to log.
	Stored func(ctx context.Context, r Result)
}

// Library snapshots documents into the store and keeps them current.
type Library struct {
	st     *store.Store
	fetch  ingest.FetchOptions
	decode ingest.DecodeOptions
	log    *slog.Logger
	now    func() time.Time
	stored func(ctx context.Context, r Result)
}

// New returns a library over st.
func New(st *store.Store, opt Options) *Library {
	l := &Library{st: st, fetch: opt.Fetch, decode: opt.Decode, log: opt.Log, now: opt.Now, stored: opt.Stored}
	if l.fetch.MaxBytes <= 0 {
		l.fetch.MaxBytes = l.decode.Limit()
	}
	if l.log == nil {
		l.log = slog.New(slog.DiscardHandler)
	}
	if l.now == nil {
		l.now = time.Now
	}
	return l
}

// Status says what adding one input did.
type Status string

// The outcomes of adding an input.
const (
	Added         Status = "added"          // a new document
	NewVersion    Status = "new version"    // the source changed since its last snapshot
	Unchanged     Status = "unchanged"      // the same bytes from the same source
	Duplicate     Status = "duplicate"      // the same bytes are already stored from another source
	NearDuplicate Status = "near-duplicate" // the same text reposted elsewhere: linked to the original
	Failed        Status = "failed"
)

// Result is the outcome of adding one input.
type Result struct {
	Input       string
	Status      Status
	DocumentID  string
	DuplicateOf string
	Title       string
	Err         error
}

// raw is an input read but not yet decoded.
type raw struct {
	source    string
	bytes     []byte
	fetchedAt time.Time
	finalURL  string
	status    int
	header    map[string][]string
}

// prepared is an input read, decoded and extracted, ready to be stored:
// the CPU-bound half of a snapshot, which may run in parallel.
type prepared struct {
	in    raw
	sha   string
	snap  *store.Snapshot // nil when the bytes were already stored, or on error
	title string
	err   error
}

// prepare hashes, decodes and extracts an input. Bytes already in the
// library are not decoded again.
func (l *Library) prepare(ctx context.Context, in raw, known bool) prepared {
	sum := sha256.Sum256(in.bytes)
	p := prepared{in: in, sha: hex.EncodeToString(sum[:])}
	if !known {
		if _, err := l.st.VersionBySHA(ctx, p.sha); err == nil {
			return p
		}
	}
	doc, err := ingest.DecodeWith(ctx, in.source, in.bytes, l.decode)
	if err != nil {
		p.err = err
		return p
	}
	ex, err := safeExtract(doc)
	if err != nil {
		p.err = err
		return p
	}
	exJSON, err := json.Marshal(ex)
	if err != nil {
		p.err = fmt.Errorf("encoding the extraction: %w", err)
		return p
	}
	p.title = ex.Title
	p.snap = &store.Snapshot{
		Document: documentOf(in.source, ex),
		Version: store.Version{
			SHA256:      p.sha,
			Size:        int64(len(in.bytes)),
			FetchedAt:   in.fetchedAt,
			FinalURL:    in.finalURL,
			Status:      in.status,
			Headers:     in.header,
			ContentType: contentType(in.header),
			Format:      doc.Format,
			Charset:     doc.Charset,
			Text:        doc.Text,
			Original:    doc.Original,
			Fingerprint: ingest.Fingerprint(doc.Text),
			Extraction:  exJSON,
		},
		Bytes: in.bytes,
	}
	// Compressing here runs on every core of AddAll's pipeline, not in
	// its one writer.
	p.snap.Pack()
	return p
}

// safeExtract runs the extractor, turning a panic into an error, so that
// one document the extractor trips on fails alone instead of taking down
// a whole `add` of thousands (or the server's upload).
func safeExtract(doc *ingest.Document) (ex *extract.Result, err error) {
	defer func() {
		if v := recover(); v != nil {
			ex, err = nil, fmt.Errorf("internal error in extraction: %v", v)
		}
	}()
	return extract.Extract(doc), nil
}

// commitOne stores one prepared input in a transaction of its own: Add,
// AddUpload and Refresh.
func (l *Library) commitOne(ctx context.Context, p prepared, tags []string) Result {
	b, err := l.st.BeginSnapshots(ctx)
	if err != nil {
		return failed(Result{Input: p.in.source, Title: p.title}, err)
	}
	r := l.commit(ctx, b, p, tags)
	if err := b.Commit(); err != nil && r.Status != Failed {
		r = failed(r, err)
		r.DocumentID = ""
	}
	l.committed(ctx, r)
	return r
}

// commit stores a prepared input in batch b as a new document or a new
// version of the document it came from. Writes happen here only, one at
// a time. What was stored is kept only once b commits: the caller then
// calls committed.
func (l *Library) commit(ctx context.Context, b *store.SnapshotBatch, p prepared, tags []string) Result {
	res := Result{Input: p.in.source, Title: p.title}
	if p.err != nil {
		return failed(res, p.err)
	}
	prior, err := b.DocumentBySource(ctx, p.in.source)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return failed(res, fmt.Errorf("looking up %s: %w", p.in.source, err))
	}
	if docID, err := b.DocumentOfBytes(ctx, p.sha); err == nil {
		// The same bytes again: nothing new to store.
		res.DocumentID = docID
		res.Status = Duplicate
		if prior.ID != "" && prior.ID == docID {
			res.Status = Unchanged
		} else {
			res.DuplicateOf = docID
		}
		if d, err := b.Document(ctx, docID); err == nil {
			res.Title = d.Title
		}
		if len(tags) > 0 {
			if err := b.AddTags(ctx, docID, tags...); err != nil {
				return failed(res, fmt.Errorf("tagging %s: %w", docID, err))
			}
		}
		return res
	} else if !errors.Is(err, store.ErrNotFound) {
		return failed(res, fmt.Errorf("looking up bytes: %w", err))
	}
	if p.snap == nil {
		// Known when prepared, gone since: decode it after all.
		p = l.prepare(ctx, p.in, true)
		if p.err != nil {
			return failed(res, p.err)
		}
		res.Title = p.title
	}
	snap := p.snap
	snap.DocumentID = prior.ID
	snap.Tags = tags
	res.Status = NewVersion
	if prior.ID == "" {
		res.Status = Added
		near, err := b.NearDuplicates(ctx, snap.Version.Fingerprint, NearDistance, "")
		if err != nil {
			return failed(res, fmt.Errorf("looking for near-duplicates: %w", err))
		}
		if len(near) > 0 {
			// Reposted text: keep the bytes for provenance, link the copy
			// to the original (saved already marked), and keep it out of
			// lists and search.
			orig := near[0].ID
			if near[0].DuplicateOf != "" {
				orig = near[0].DuplicateOf
			}
			snap.Document.DuplicateOf = orig
			res.Status, res.DuplicateOf = NearDuplicate, orig
		}
	}
	docID, _, err := b.Save(ctx, snap)
	if err != nil {
		return failed(res, fmt.Errorf("saving: %w", err))
	}
	res.DocumentID = docID
	return res
}

// wrote reports whether commit wrote anything for r: what a failed
// commit of its batch undoes.
func wrote(r Result, tags []string) bool {
	switch r.Status {
	case Added, NewVersion, NearDuplicate:
		return true
	case Duplicate, Unchanged:
		return len(tags) > 0
	}
	return false
}

// committed logs a stored document and hands it to Options.Stored, once
// its batch is committed.
func (l *Library) committed(ctx context.Context, r Result) {
	switch r.Status {
	case Added, NewVersion, NearDuplicate:
	default:
		return
	}
	l.log.Info("stored", "input", r.Input, "status", r.Status, "document", r.DocumentID)
	if l.stored != nil && r.Status != NearDuplicate {
		l.stored(ctx, r)
	}
}

func failed(r Result, err error) Result {
	r.Status, r.Err = Failed, err
	return r
}

// documentOf copies the listing fields of an extraction.
func documentOf(source string, ex *extract.Result) store.Document {
	d := store.Document{Source: source, Title: ex.Title, Kind: ex.Kind}
	if ex.Region != nil {
		d.RegionCode, d.RegionName = ex.Region.Code, ex.Region.Name
	}
	if ex.Issued != nil {
		d.Issued = *ex.Issued
		fmt.Sscanf(d.Issued, "%d", &d.Year)
	} else if ex.Period != nil {
		d.Year = ex.Period.Start
	}
	if ex.DocNumber != nil {
		d.DocNumber = *ex.DocNumber
	}
	return d
}

func contentType(h map[string][]string) string {
	if v := h["Content-Type"]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// SetAllowNets lets the fetcher reach these private networks.
func (l *Library) SetAllowNets(nets []netip.Prefix) { l.fetch.AllowNets = nets }
