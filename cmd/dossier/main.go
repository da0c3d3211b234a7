// Command dossier builds an annotated, cross-linked, bilingual dossier
// website from Markdown files. See the README for the content format.
package main

import (
	"os"

	"github.com/dossier-ssg/dossier/generator/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
}
