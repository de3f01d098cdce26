// Command planwatch turns Chinese policy documents into tracked plans.
package main

import (
	"os"

	"planwatch/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
