package cli

import "github.com/dossier-ssg/dossier/generator/content"

func kind(s string) content.Kind { return content.Kind(s) }
