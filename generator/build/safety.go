package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/diag"
	"github.com/dossier-ssg/dossier/generator/output"
	"github.com/dossier-ssg/dossier/generator/site"
)

// otherLanguages are the site's languages but the default. A config that
// failed to parse still has its default language, but never index it
// blindly: a broken site.yaml is an error to report, not a panic.
func otherLanguages(cfg site.Config) []site.Language {
	if len(cfg.Languages) < 2 {
		return nil
	}
	return cfg.Languages[1:]
}

// missingConfig reports, once, translation files in a site without a
// site.yaml (or with an empty one): with no languages configured, each
// would otherwise be an error of its own.
func missingConfig(cfg site.Config, docs []*content.Doc, diags *diag.List) {
	if !cfg.Missing {
		return
	}
	var trs []string
	for _, d := range docs {
		if d.Lang != "" && d.Lang != cfg.DefaultLanguage().Code {
			trs = append(trs, d.Path)
		}
	}
	if len(trs) == 0 {
		return
	}
	list := strings.Join(trs[:min(3, len(trs))], ", ")
	if len(trs) > 3 {
		list += ", …"
	}
	diags.Errorf(site.ConfigFile, 1, 1, "create "+site.ConfigFile+" with title:, language: and languages:, e.g.\n  language: en\n  languages:\n    en: {name: English}\n    zh: {name: 中文, locale: zh-Hans}",
		"%s is missing or empty, so the site has no languages but %q; %d translation %s cannot be published (%s)", site.ConfigFile, cfg.DefaultLanguage().Code, len(trs), plural(len(trs), "file", "files"), list)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// linked is a content file reached through a symbolic link.
type linked struct {
	path        string
	size, mtime int64
}

// followLink reads a symbolic link found in content/: a link to a file or
// folder inside the site is read as if it were there; a link leading out
// of the site, or a broken one, is a warning and is not read.
func followLink(siteDir, root, p string, diags *diag.List) []linked {
	return follow(siteDir, root, p, diags, 0)
}

func follow(siteDir, root, p string, diags *diag.List, depth int) []linked {
	rel := relPath(siteDir, p)
	target, err := filepath.EvalSymlinks(p)
	if err != nil {
		diags.Warnf(rel, 1, 1, "fix or remove the link", "symbolic link is broken: %s", output.FSError("follow", rel, err))
		return nil
	}
	realSite, err := filepath.EvalSymlinks(siteDir)
	if err != nil {
		realSite = siteDir
	}
	realSite, _ = filepath.Abs(realSite)
	target, _ = filepath.Abs(target)
	if r, err := filepath.Rel(realSite, target); err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		diags.Warnf(rel, 1, 1, "copy the file into the site, or link to a file inside it", "symbolic link leads outside the site (to %s); it is not read", target)
		return nil
	}
	st, err := os.Stat(target)
	if err != nil {
		return nil
	}
	if st.Mode().IsRegular() {
		if strings.HasSuffix(p, ".md") {
			return []linked{{p, st.Size(), st.ModTime().UnixNano()}}
		}
		return nil
	}
	if !st.IsDir() {
		return nil
	}
	if depth > 8 {
		diags.Warnf(rel, 1, 1, "remove the loop of links", "symbolic links nest too deep; not read further")
		return nil
	}
	var out []linked
	// WalkDir does not enter a link it starts from: walk the target, and
	// name what is found by the link's path, where it appears in content/.
	_ = filepath.WalkDir(target, func(real string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		r, _ := filepath.Rel(target, real)
		q := filepath.Join(p, r)
		if q != p && output.IgnoredName(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if q != p && d.Type()&fs.ModeSymlink != 0 {
			out = append(out, follow(siteDir, root, q, diags, depth+1)...)
			return nil
		}
		if d.Type().IsRegular() && strings.HasSuffix(d.Name(), ".md") {
			if info, err := d.Info(); err == nil {
				out = append(out, linked{q, info.Size(), info.ModTime().UnixNano()})
			}
		}
		return nil
	})
	return out
}

func relPath(siteDir, p string) string {
	if r, err := filepath.Rel(siteDir, p); err == nil {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(p)
}

// walkError turns a failure to list content/ into a sentence.
func walkError(siteDir string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		if errors.Is(err, fs.ErrNotExist) && filepath.Clean(pe.Path) == filepath.Join(siteDir, "content") {
			return fmt.Errorf("cannot read %s: there is no content/ folder (is %q the site folder? give it with -s)", filepath.Join(siteDir, "content"), siteDir)
		}
		return output.FSError("read", relPath(siteDir, pe.Path), err)
	}
	return fmt.Errorf("cannot read content/: %w", err)
}
