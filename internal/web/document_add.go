package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"planwatch/internal/ingest"
	"planwatch/internal/library"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// documentField is the add-document form's file field.
const documentField = "file"

// documentExts are the file types a document may be uploaded as: those
// `planwatch add` reads.
var documentExts = []string{".html", ".htm", ".txt", ".docx", ".pdf"}

// documentForm is the add-document form as typed.
type documentForm struct {
	URL, Tags string
}

// Limits of the tags typed on the form.
const (
	maxTags     = 20
	maxTagChars = 40
)

// parseTags splits the tags typed on the form at commas, 、 and spaces.
func parseTags(ctx context.Context, s string) ([]string, error) {
	var out []string
	for _, t := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' || unicode.IsSpace(r) }) {
		if len([]rune(t)) > maxTagChars {
			return nil, respond.Localize(respond.BadRequest(fmt.Sprintf("tag %q: at most %d characters", t, maxTagChars)),
				fmt.Sprintf(translate(langFrom(ctx), "docnew.err.tag"), t, maxTagChars))
		}
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	if len(out) > maxTags {
		return nil, respond.Localize(respond.BadRequest(fmt.Sprintf("tags: at most %d", maxTags)),
			fmt.Sprintf(translate(langFrom(ctx), "docnew.err.tags"), maxTags))
	}
	return out, nil
}

// jobErr is what a job adding a document returns to the work pool: the
// job's context's error when that is what stopped it (a 503 timeout, or
// the caller gone), else nil: a document that cannot be read is the
// result's to report, not the pool's.
func jobErr(ctx context.Context, err error) error {
	if err != nil && ctx.Err() != nil {
		return errors.Join(ctx.Err(), err)
	}
	return nil
}

// mayAddDocument returns a 403 problem unless the user may add documents.
func mayAddDocument(ctx context.Context) error {
	if u, _ := auth.UserFrom(ctx); !auth.Can(u, auth.AddDocument, auth.Target{}) {
		return respond.Forbidden(translate(langFrom(ctx), "docnew.forbidden"))
	}
	return nil
}

// addDocument adds the document of the form: a URL fetched through the
// library's SSRF-guarded fetch, or an uploaded file, exactly one of them,
// with the tags; it writes the audit entry. Bad input and documents that
// cannot be read are 400 problems of one line naming the input, and a
// document past a limit a 413 (documentProblem): the form and the API
// answer through here alike.
func (s *Server) addDocument(r *http.Request) (library.Result, documentForm, error) {
	ctx := r.Context()
	defer cleanupForm(r)
	if err := mayAddDocument(ctx); err != nil {
		return library.Result{}, documentForm{}, err
	}
	name, data, err := formFile(r, documentField, s.maxDocumentBytes())
	hasFile := !errors.Is(err, errNoFile)
	if hasFile && err != nil {
		if p := (*respond.Problem)(nil); errors.As(err, &p) && p.Status == http.StatusRequestEntityTooLarge {
			p.Message += " (limit doc_max_bytes)"
		}
		return library.Result{}, documentForm{}, err
	}
	f := documentForm{URL: strings.TrimSpace(r.PostFormValue("url")), Tags: strings.TrimSpace(r.PostFormValue("tags"))}
	tags, err := parseTags(ctx, f.Tags)
	if err != nil {
		return library.Result{}, f, err
	}
	lang := langFrom(ctx)
	lib := library.New(s.st, library.Options{Log: s.log, Fetch: ingest.FetchOptions{AllowNets: s.opt.AllowNets}, Decode: s.decode,
		Stored: s.harvestStored})
	var res library.Result
	switch {
	case hasFile && f.URL != "":
		return res, f, respond.Localize(respond.BadRequest("give a URL or a file, not both"), translate(lang, "docnew.err.both"))
	case hasFile:
		if !slices.Contains(documentExts, strings.ToLower(filepath.Ext(name))) {
			return res, f, respond.Localize(respond.BadRequest(fmt.Sprintf("file %s: want %s", name, strings.Join(documentExts, ", "))),
				fmt.Sprintf(translate(lang, "docnew.err.ext"), name, strings.Join(documentExts, "、")))
		}
		// Reading and extracting a document is heavy: a few at a time.
		err = s.work.do(ctx, workDocument, func(ctx context.Context) error {
			res = lib.AddUpload(ctx, name, data, tags)
			return jobErr(ctx, res.Err)
		})
	case f.URL != "":
		// Only a web address goes to Add: anything else it would read as
		// a path on the server.
		if !library.IsURL(f.URL) || len(f.URL) > 2000 {
			return res, f, respond.Localize(respond.BadRequest(fmt.Sprintf("url %q: want an http(s) address", f.URL)),
				fmt.Sprintf(translate(lang, "docnew.err.url"), f.URL))
		}
		err = s.work.do(ctx, workFetch, func(ctx context.Context) error {
			res = lib.Add(ctx, f.URL, tags)
			return jobErr(ctx, res.Err)
		})
	default:
		return res, f, respond.Localize(respond.BadRequest("give the document's URL or choose its file"), translate(lang, "docnew.err.none"))
	}
	if err != nil {
		return res, f, err // busy, timed out, or the caller went away
	}
	if res.Err != nil {
		if ctx.Err() != nil {
			return res, f, ctx.Err()
		}
		return res, f, documentProblem(res)
	}
	after := map[string]any{"input": res.Input, "status": string(res.Status), "title": res.Title, "tags": tags}
	if res.DuplicateOf != "" {
		after["duplicate_of"] = res.DuplicateOf
	}
	if err := auth.Record(ctx, s.st, string(auth.AddDocument), "document", res.DocumentID, nil, after); err != nil {
		return res, f, fmt.Errorf("audit document %s: %w", res.DocumentID, err)
	}
	return res, f, nil
}

// documentProblem is the answer to a document the library could not add:
// 413 when it went past a limit of reading (config doc_max_* and pdf_*:
// its size, what it inflates to, its pages, the memory or time a PDF
// takes), as for a sheet past its limits; 400 when it is no document or a
// broken one. The one line names the input and, for a limit, the setting.
func documentProblem(res library.Result) error {
	msg := fmt.Sprintf("%s: %s", res.Input, oneLine(res.Err.Error()))
	if errors.Is(res.Err, ingest.ErrTooLarge) {
		return &respond.Problem{Status: http.StatusRequestEntityTooLarge, Code: "too_large", Message: msg}
	}
	return respond.BadRequest(msg)
}
