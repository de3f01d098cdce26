package cli

import "io"

// Main runs the planwatch command line and returns the process exit status.
// STUB: replaced by the real command line.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int { return 0 }
