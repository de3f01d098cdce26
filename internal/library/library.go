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
	Log   *slog.Logger
	Now   func() time.Time // for tests; time.Now by default
}

// Library snapshots documents into the store and keeps them current.
type Library struct {
	st    *store.Store
	fetch ingest.FetchOptions
	log   *slog.Logger
	now   func() time.Time
}

// New returns a library over st.
func New(st *store.Store, opt Options) *Library {
	l := &Library{st: st, fetch: opt.Fetch, log: opt.Log, now: opt.Now}
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

// save decodes, extracts and stores one raw input as a new document or a
// new version of the document it came from.
func (l *Library) save(ctx context.Context, in raw, tags []string) Result {
	res := Result{Input: in.source}
	sum := sha256.Sum256(in.bytes)
	sha := hex.EncodeToString(sum[:])

	prior, err := l.st.DocumentBySource(ctx, in.source)
	switch {
	case errors.Is(err, store.ErrNotFound):
	case err != nil:
		return failed(res, fmt.Errorf("looking up %s: %w", in.source, err))
	}
	if v, err := l.st.VersionBySHA(ctx, sha); err == nil {
		// The same bytes again: nothing new to store.
		res.DocumentID = v.DocumentID
		res.Status = Duplicate
		if prior.ID != "" && prior.ID == v.DocumentID {
			res.Status = Unchanged
		} else {
			res.DuplicateOf = v.DocumentID
		}
		if d, err := l.st.Document(ctx, v.DocumentID); err == nil {
			res.Title = d.Title
		}
		if len(tags) > 0 {
			if err := l.st.AddTags(ctx, v.DocumentID, tags...); err != nil {
				return failed(res, fmt.Errorf("tagging %s: %w", v.DocumentID, err))
			}
		}
		return res
	} else if !errors.Is(err, store.ErrNotFound) {
		return failed(res, fmt.Errorf("looking up bytes: %w", err))
	}

	doc, err := ingest.Decode(ctx, in.source, in.bytes)
	if err != nil {
		return failed(res, err)
	}
	ex := extract.Extract(doc)
	exJSON, err := json.Marshal(ex)
	if err != nil {
		return failed(res, fmt.Errorf("encoding the extraction: %w", err))
	}
	fp := ingest.Fingerprint(doc.Text)
	snap := &store.Snapshot{
		DocumentID: prior.ID,
		Document:   documentOf(in.source, ex),
		Version: store.Version{
			SHA256:      sha,
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
			Fingerprint: fp,
			Extraction:  exJSON,
		},
		Bytes: in.bytes,
		Tags:  tags,
	}
	res.Title = ex.Title
	res.Status = NewVersion
	if prior.ID == "" {
		res.Status = Added
		near, err := l.st.NearDuplicates(ctx, fp, NearDistance, "")
		if err != nil {
			return failed(res, fmt.Errorf("looking for near-duplicates: %w", err))
		}
		if len(near) > 0 {
			// Reposted text: keep the bytes for provenance, link the copy
			// to the original, and keep it out of lists and search.
			orig := near[0].ID
			if near[0].DuplicateOf != "" {
				orig = near[0].DuplicateOf
			}
			snap.Document.DuplicateOf = orig
			res.Status, res.DuplicateOf = NearDuplicate, orig
		}
	}
	docID, _, err := l.st.SaveSnapshot(ctx, snap)
	if err != nil {
		return failed(res, fmt.Errorf("saving: %w", err))
	}
	res.DocumentID = docID
	if res.Status == NearDuplicate {
		if err := l.st.MarkDuplicate(ctx, docID, res.DuplicateOf); err != nil {
			return failed(res, fmt.Errorf("linking to %s: %w", res.DuplicateOf, err))
		}
	}
	l.log.Info("stored", "input", in.source, "status", res.Status, "document", docID)
	return res
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
