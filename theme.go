// Package dossier holds the default theme that ships inside the dossier
// binary: the templates, the stylesheet and the interface strings of this
// repository's own site. A site's templates/, static/ and content/i18n/
// files override them file by file (see generator/build.SiteFS); the
// command is cmd/dossier.
package dossier

import (
	"embed"
	"io/fs"
)

// The go:embed patterns name folders, so files starting with . or _
// (editors' and the system's) stay out.
//
//go:embed templates static content/i18n
var theme embed.FS

// Theme returns the default theme, laid out as a site is:
// templates/base.html, static/style.css, content/i18n/en.yaml.
func Theme() fs.FS { return theme }
