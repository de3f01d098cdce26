package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// ErrNoChromium means no headless Chromium was found to print the PDF.
var ErrNoChromium = errors.New("PDF needs Chromium: apt-get install chromium; HTML, DOCX and XLSX need nothing")

// PDFTimeout bounds one Chromium run: a report prints in a second or two,
// and a browser that hangs must not hold a command (or a test) forever.
const PDFTimeout = 60 * time.Second

// chromiumNames are the names Chromium goes by on PATH, in the order tried.
var chromiumNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// FindChromium returns the path of a Chromium on PATH, or ErrNoChromium.
func FindChromium() (string, error) {
	for _, n := range chromiumNames {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	return "", ErrNoChromium
}

// WritePDF prints the report to PDF with headless Chromium: the HTML page
// (which carries its own A4 layout) goes to a temporary file and Chromium
// prints it, without network, profile or header and footer lines. The
// run is bounded by PDFTimeout and by ctx. ErrNoChromium when there is no
// Chromium on PATH.
func WritePDF(ctx context.Context, w io.Writer, r *Report) error {
	bin, err := FindChromium()
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "planwatch-pdf-")
	if err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	defer os.RemoveAll(dir)
	page := filepath.Join(dir, "report.html")
	f, err := os.Create(page)
	if err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	if err := WriteHTML(f, r); err != nil {
		f.Close()
		return fmt.Errorf("write pdf: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	out := filepath.Join(dir, "report.pdf")
	ctx, cancel := context.WithTimeout(ctx, PDFTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
		"--user-data-dir="+filepath.Join(dir, "profile"),
		"--print-to-pdf="+out, "--no-pdf-header-footer",
		(&url.URL{Scheme: "file", Path: page}).String())
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	// Chromium may leave helper processes behind; WaitDelay stops Wait
	// from hanging on their open pipes once the browser itself is gone.
	cmd.WaitDelay = 5 * time.Second
	runErr := cmd.Run()
	if ctx.Err() != nil {
		return fmt.Errorf("write pdf: %s did not finish in time: %w", filepath.Base(bin), ctx.Err())
	}
	pdf, err := os.ReadFile(out)
	if err != nil || len(pdf) == 0 {
		// Chromium's exit status is unreliable (it can exit 0 having
		// printed nothing), so the file decides; its log says why.
		return fmt.Errorf("write pdf: %s printed nothing (%v): %s", filepath.Base(bin), runErr, lastLine(stderr.String()))
	}
	if _, err := w.Write(pdf); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	return nil
}

// lastLine returns the last non-empty line of a log, trimmed.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}
