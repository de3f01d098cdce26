// Command pdftext compares planwatch's PDF reader with Poppler's pdftotext
// on a folder of real plan PDFs, so that a change of PDF engine is chosen
// on figures rather than on impressions.
//
//	go run ./bench/pdftext                         # ../shared/corpus/pdf
//	go run ./bench/pdftext -dir DIR -out /tmp/txt  # also keep both texts per file
//
// For each file it reads the text with ingest.Decode (what the extractor
// sees: the reader's text after Clean) and with `pdftotext -layout`, passed
// through the same ingest.Clean so that page numbers alone on a line, which
// Clean drops from both, do not count against planwatch. It prints:
//
//   - chars lost / added: the multisets of non-space characters compared;
//   - numbers lost / split / merged: the digit runs of both texts compared
//     ("2025" read as "2 0 2 5" is split, "2021" "2025" read as "20212025"
//     merged, a run found in neither form lost);
//   - line-initial numbers lost: lost runs that start a line in pdftotext's
//     text, the case ("造林面积\n350万亩") that first showed the problem;
//   - the time each reader took, wall and CPU (user and system): the CPU
//     figure stays put when other work shares the machine. Ours includes
//     starting the PDF engine on the first file.
//
// pdftotext is the reference, not the truth: where the two differ, look at
// the files kept with -out before deciding which one is wrong.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"planwatch/internal/ingest"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "pdftext:", err)
		os.Exit(1)
	}
}

func run() error {
	// A flag set of its own: a dependency of ingest registers "dir" on
	// the global one.
	fs := flag.NewFlagSet("pdftext", flag.ExitOnError)
	var (
		dir     = fs.String("dir", "../shared/corpus/pdf", "folder of PDF files")
		out     = fs.String("out", "", "folder to keep both texts of each file in (NAME.ours.txt, NAME.ref.txt)")
		verbose = fs.Bool("v", false, "list the numbers lost, split, merged and added, in context, after the table")
	)
	if err := fs.Parse(os.Args[1:]); err != nil {
		return err
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		return fmt.Errorf("pdftotext (poppler-utils) is the reference and is not installed: %w", err)
	}
	files, err := filepath.Glob(filepath.Join(*dir, "*.pdf"))
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("no PDF files in %s", *dir)
	}
	sort.Strings(files)
	if *out != "" {
		if err := os.MkdirAll(*out, 0o755); err != nil {
			return err
		}
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "file\tref chars\tlost\tadded\tref nums\tlost\tsplit\tmerged\tadded\tline-init lost\tours ms\tcpu ms\tpdftotext ms\tcpu ms\t")
	var total score
	var failed int
	var details strings.Builder
	for _, f := range files {
		s, err := compare(f, *out)
		name := filepath.Base(f)
		if err != nil {
			failed++
			fmt.Fprintf(tw, "%s\terror: %v\t\t\t\t\t\t\t\t\t\t\t\t\t\n", name, err)
			continue
		}
		total.add(s)
		s.print(tw, name)
		if *verbose {
			s.details(&details, name)
		}
	}
	total.print(tw, "total")
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Print(details.String())
	if failed > 0 {
		fmt.Printf("%d of %d files failed to read\n", failed, len(files))
	}
	return nil
}

// score is the comparison of one file, or the sum over files.
type score struct {
	refChars, lostChars, addedChars         int
	refNums, lost, split, merged, addedNums int
	lineInitialLost                         int
	ours, ref                               time.Duration // wall time
	oursCPU, refCPU                         time.Duration
	diff                                    numDiff
	refText, oursText                       string
}

func (s *score) add(o score) {
	s.refChars += o.refChars
	s.lostChars += o.lostChars
	s.addedChars += o.addedChars
	s.refNums += o.refNums
	s.lost += o.lost
	s.split += o.split
	s.merged += o.merged
	s.addedNums += o.addedNums
	s.lineInitialLost += o.lineInitialLost
	s.ours += o.ours
	s.ref += o.ref
	s.oursCPU += o.oursCPU
	s.refCPU += o.refCPU
}

func (s score) print(tw *tabwriter.Writer, name string) {
	fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t\n", name, s.refChars, s.lostChars, s.addedChars,
		s.refNums, s.lost, s.split, s.merged, s.addedNums, s.lineInitialLost,
		s.ours.Milliseconds(), s.oursCPU.Milliseconds(), s.ref.Milliseconds(), s.refCPU.Milliseconds())
}

// details lists the numbers behind the counts of one file, each with a
// snippet of the text it was found in (⏎ marks a line break).
func (s score) details(b *strings.Builder, name string) {
	list := func(what string, vals map[string]int, text, other string) {
		keys := make([]string, 0, len(vals))
		for v := range vals {
			keys = append(keys, v)
		}
		sort.Strings(keys)
		for _, v := range keys {
			fmt.Fprintf(b, "%s %s %q ×%d:", name, what, v, vals[v])
			for _, c := range contexts(text, other, v, 2) {
				fmt.Fprintf(b, " «%s»", c)
			}
			b.WriteByte('\n')
		}
	}
	list("lost", s.diff.lostVals, s.refText, s.oursText)
	list("split", s.diff.splitVals, s.refText, s.oursText)
	list("merged", s.diff.mergedVals, s.oursText, s.refText)
	list("added", s.diff.addedVals, s.oursText, s.refText)
}

func compare(path, out string) (score, error) {
	var s score
	data, err := os.ReadFile(path)
	if err != nil {
		return s, err
	}
	start, cpu := time.Now(), processCPU()
	doc, err := ingest.Decode(context.Background(), filepath.Base(path), data)
	s.ours, s.oursCPU = time.Since(start), processCPU()-cpu
	if err != nil {
		return s, err
	}
	start = time.Now()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", path, "-")
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return s, fmt.Errorf("pdftotext: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	s.ref = time.Since(start)
	s.refCPU = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	// Both sides get Clean: it drops lone page numbers and page chrome,
	// which would otherwise count as lost on our side only.
	ref := ingest.Clean(stdout.String())
	ours := doc.Original
	if out != "" {
		base := filepath.Join(out, strings.TrimSuffix(filepath.Base(path), ".pdf"))
		err := errors.Join(os.WriteFile(base+".ours.txt", []byte(ours), 0o644),
			os.WriteFile(base+".ref.txt", []byte(ref), 0o644))
		if err != nil {
			return s, err
		}
	}
	s.refChars, s.lostChars, s.addedChars = charDiff(ref, ours)
	d := numberDiff(ref, ours)
	s.diff, s.refText, s.oursText = d, ref, ours
	s.refNums, s.lost, s.split, s.merged, s.addedNums, s.lineInitialLost =
		d.ref, d.lost, d.split, d.merged, d.added, d.lineInitialLost
	return s, nil
}
