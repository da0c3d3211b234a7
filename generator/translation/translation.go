// Package translation answers a translator's questions: which pages are
// translated, which are missing, which have gone stale since the original
// changed and what changed; and it writes and updates translation files
// (dossier translations, dossier translate).
package translation

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/dossier-ssg/dossier/generator/build"
	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/diag"
	"github.com/dossier-ssg/dossier/generator/glossary"
	"github.com/dossier-ssg/dossier/generator/i18n"
	"github.com/dossier-ssg/dossier/generator/markdown"
	"github.com/dossier-ssg/dossier/generator/site"
	"github.com/dossier-ssg/dossier/generator/wdiff"
	"gopkg.in/yaml.v3"
)

// Status values of a page.
const (
	Translated = "translated"
	Missing    = "missing"
	Stale      = "stale"
)

// Page is the translation status of one original.
type Page struct {
	Kind        string   `json:"kind"`
	Original    string   `json:"original"`
	Translation string   `json:"translation"`
	Status      string   `json:"status"`
	Draft       bool     `json:"draft,omitempty"`
	Recorded    string   `json:"translation_of,omitempty"` // hash the translation records
	Current     string   `json:"current"`                  // hash of the original now
	Changes     []string `json:"changes,omitempty"`        // stale: what changed in the original
	// Glossary lists where the translation does not use the glossary's
	// rendering of a term its original contains.
	Glossary []GlossaryMiss `json:"glossary,omitempty"`
}

// GlossaryMiss is one term of the glossary a translation does not render
// as the glossary says.
type GlossaryMiss struct {
	Line      int    `json:"line"`      // in the translation
	Term      string `json:"term"`      // as the original has it
	OrigLine  int    `json:"orig_line"` // in the original
	Rendering string `json:"rendering"` // what the glossary asks for
	Glossary  string `json:"glossary"`  // file:line of the entry
}

// Count is the status of one kind.
type Count struct {
	Kind       string `json:"kind"`
	Total      int    `json:"total"`
	Translated int    `json:"translated"`
	Missing    int    `json:"missing"`
	Stale      int    `json:"stale"`
}

// Report is the status of one language.
type Report struct {
	Lang      string   `json:"lang"`
	Kinds     []Count  `json:"kinds"`
	Pages     []Page   `json:"pages"`
	UIMissing []string `json:"ui_missing,omitempty"` // interface strings not translated
	// GlossaryMisses counts the glossary misses of all pages.
	GlossaryMisses int `json:"glossary_misses"`
}

// status is an original's translation's state: missing (none, or a
// draft), stale (it records another version of the original), or
// translated.
func status(o, t *content.Doc) string {
	switch {
	case t == nil || t.Draft:
		return Missing
	case t.TranslationOf != o.TranslationHash():
		return Stale
	}
	return Translated
}

// Counts are how many of a site's originals have no translation in lang
// and how many translations are stale, from documents already loaded
// (check's summary): Status without its pages, history or glossary.
func Counts(cfg site.Config, docs []*content.Doc, lang string) (missing, stale int) {
	var diags diag.List
	origs, _, trs := build.Languages(cfg, docs, &diags)
	for _, o := range origs {
		if o.Draft || o.Failed {
			continue
		}
		switch status(o, trs[lang][o.Rel]) {
		case Missing:
			missing++
		case Stale:
			stale++
		}
	}
	return missing, stale
}

// Status reports the translations of a site into lang.
func Status(siteDir, lang string) (*Report, diag.List, error) {
	cfg, docs, diags, err := build.Load(siteDir)
	if err != nil {
		return nil, diags, err
	}
	if _, ok := cfg.Lang(lang); !ok || lang == cfg.DefaultLanguage().Code {
		var codes []string
		for _, l := range cfg.Languages[1:] {
			codes = append(codes, l.Code)
		}
		return nil, diags, fmt.Errorf("%q is not a translated language of this site (%s lists: %s)", lang, site.ConfigFile, strings.Join(codes, ", "))
	}
	origs, _, trs := build.Languages(cfg, docs, &diags)
	r := &Report{Lang: lang}
	counts := map[content.Kind]*Count{}
	for _, sp := range content.Specs() {
		counts[sp.Kind] = &Count{Kind: string(sp.Kind)}
	}
	git := newHistory(siteDir)
	gl, gdiags := glossary.Load(siteDir, lang)
	diags = append(diags, gdiags...)
	for _, o := range origs {
		if o.Draft || o.Failed {
			continue
		}
		p := Page{Kind: string(o.Kind), Original: o.Path, Translation: TranslationPath(o.Path, lang), Current: o.TranslationHash()}
		t := trs[lang][o.Rel]
		p.Status = status(o, t)
		if t != nil {
			p.Draft, p.Recorded = t.Draft, t.TranslationOf
		}
		if p.Status == Stale {
			p.Changes = git.changes(o, t.TranslationOf)
		}
		if t != nil && !t.Draft {
			for _, f := range gl.Check(o, t) {
				p.Glossary = append(p.Glossary, GlossaryMiss{Line: f.Line, Term: f.Term, OrigLine: f.OrigLine, Rendering: f.Entry.Rendering, Glossary: fmt.Sprintf("%s:%d", gl.File, f.Entry.Line)})
			}
			r.GlossaryMisses += len(p.Glossary)
		}
		c := counts[o.Kind]
		if c == nil {
			c = &Count{Kind: string(o.Kind)}
			counts[o.Kind] = c
		}
		c.Total++
		switch p.Status {
		case Translated:
			c.Translated++
		case Missing:
			c.Missing++
		case Stale:
			c.Stale++
		}
		r.Pages = append(r.Pages, p)
	}
	for _, sp := range content.Specs() {
		if c := counts[sp.Kind]; c.Total > 0 {
			r.Kinds = append(r.Kinds, *c)
		}
	}
	sort.SliceStable(r.Pages, func(i, j int) bool { return r.Pages[i].Original < r.Pages[j].Original })
	var codes []string
	for _, l := range cfg.Languages {
		codes = append(codes, l.Code)
	}
	ui, _ := i18n.Load(build.SiteFS(siteDir), codes)
	for _, k := range ui[codes[0]].Keys() {
		if !ui[lang].Has(k) {
			r.UIMissing = append(r.UIMissing, k)
		}
	}
	return r, diags, nil
}

// TranslationPath is where the translation of an original lives.
func TranslationPath(orig, lang string) string {
	return strings.TrimSuffix(orig, ".md") + "." + lang + ".md"
}

// history finds earlier versions of originals in git, to say what changed
// since the version a translation records.
type history struct {
	dir    string
	prefix string // the site's path inside the repository
	ok     bool
}

func newHistory(dir string) *history {
	h := &history{dir: dir}
	out, err := exec.Command("git", "-C", dir, "rev-parse", "--show-prefix").Output()
	if err == nil {
		h.ok = true
		h.prefix = strings.TrimSpace(string(out))
	}
	return h
}

var md = markdown.New()

// changes describes what changed in an original since the version whose
// hash a translation records.
func (h *history) changes(o *content.Doc, recorded string) []string {
	if recorded == "" {
		return []string{"the translation does not record which version it translates (no translation_of:)"}
	}
	old := h.find(o, recorded)
	if old == nil {
		return []string{fmt.Sprintf("the original changed since version %s; that version is not in the git history, so the change cannot be shown", recorded)}
	}
	return Diff(old, o)
}

func (h *history) find(o *content.Doc, hash string) *content.Doc {
	if !h.ok {
		return nil
	}
	path := h.prefix + o.Path
	out, err := exec.Command("git", "-C", h.dir, "log", "--format=%H", "--", o.Path).Output()
	if err != nil {
		return nil
	}
	for _, c := range strings.Fields(string(out)) {
		src, err := exec.Command("git", "-C", h.dir, "show", c+":"+path).Output()
		if err != nil {
			continue
		}
		d := content.Parse(md, o.Rel, src)
		if d.TranslationHash() == hash {
			return d
		}
	}
	return nil
}

// Diff lists the translatable parts that differ between two versions of
// an original, with a word-level excerpt of each change.
func Diff(old, cur *content.Doc) []string {
	op, cp := map[string]string{}, map[string]string{}
	var keys []string
	for _, p := range old.TranslatableParts() {
		op[p.Key] = p.Text
		keys = append(keys, p.Key)
	}
	for _, p := range cur.TranslatableParts() {
		cp[p.Key] = p.Text
		if _, ok := op[p.Key]; !ok {
			keys = append(keys, p.Key)
		}
	}
	var out []string
	for _, k := range keys {
		a, b := op[k], cp[k]
		if a == b {
			continue
		}
		switch {
		case a == "":
			out = append(out, k+": added")
		case b == "":
			out = append(out, k+": removed")
		default:
			out = append(out, k+": "+excerpt(wdiff.Diff(a, b)))
		}
	}
	return out
}

// excerpt summarises a word diff: counts, then the first change with a
// few words around it.
func excerpt(parts []wdiff.Part) string {
	ins, del := 0, 0
	first := -1
	for i, p := range parts {
		n := len(strings.Fields(p.Text))
		switch p.Op {
		case wdiff.Ins:
			ins += n
		case wdiff.Del:
			del += n
		default:
			continue
		}
		if first < 0 {
			first = i
		}
	}
	s := fmt.Sprintf("+%d −%d words", ins, del)
	if first < 0 {
		return s + " (punctuation or spacing)"
	}
	var b strings.Builder
	if first > 0 {
		w := strings.Fields(parts[first-1].Text)
		if len(w) > 4 {
			b.WriteString("…")
			w = w[len(w)-4:]
		}
		b.WriteString(strings.Join(w, " ") + " ")
	}
	for i := first; i < len(parts) && i < first+4; i++ {
		p := parts[i]
		switch p.Op {
		case wdiff.Ins:
			b.WriteString("[+" + p.Text + "] ")
		case wdiff.Del:
			b.WriteString("[−" + p.Text + "] ")
		default:
			w := strings.Fields(p.Text)
			if len(w) > 4 {
				w = append(w[:4], "…")
			}
			b.WriteString(strings.Join(w, " ") + " ")
		}
	}
	return s + ": " + strings.TrimSpace(b.String())
}

// ErrExists is returned when a translation to create already exists.
var ErrExists = errors.New("translation already exists")

// Resolve finds the original a PATH argument names: a path to the
// original or to its translation, relative to the working folder, to the
// site or to content/.
func Resolve(siteDir, arg, lang string) (origAbs, rel string, err error) {
	cands := []string{arg, filepath.Join(siteDir, arg), filepath.Join(siteDir, "content", arg)}
	for _, c := range cands {
		c = strings.TrimSuffix(c, "."+lang+".md")
		if !strings.HasSuffix(c, ".md") {
			c += ".md"
		}
		if st, err := os.Stat(c); err == nil && st.Mode().IsRegular() {
			abs, _ := filepath.Abs(c)
			root, _ := filepath.Abs(filepath.Join(siteDir, "content"))
			r, err := filepath.Rel(root, abs)
			if err != nil || strings.HasPrefix(r, "..") {
				return "", "", fmt.Errorf("%s is not inside %s", arg, filepath.Join(siteDir, "content"))
			}
			return abs, filepath.ToSlash(r), nil
		}
	}
	return "", "", fmt.Errorf("no content file %s (give the original's path, e.g. content/people/sam-altman.md)", arg)
}

// Skeleton is a new translation file for an original: its translatable
// front matter and its body, to be translated, with the original's hash
// recorded and draft: true until the translator is done.
func Skeleton(o *content.Doc, lang string) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "---\n# Translation of %s into %s. Translate the values below and the\n", o.Path, lang)
	b.WriteString("# text; everything else (dates, participants, citations) is inherited\n")
	b.WriteString("# from the original. Keep [@source: quote] citations exactly as they are.\n")
	b.WriteString("# Remove draft: true when the translation is ready.\n")
	if o.Kind == content.KindSource {
		fmt.Fprintf(&b, "# The text of a source is not translated: write its summary in %s\n# below the front matter instead.\n", lang)
	}
	fm := &yaml.Node{Kind: yaml.MappingNode}
	add := func(k string, v *yaml.Node) {
		fm.Content = append(fm.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k}, v)
	}
	scalar := func(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: s} }
	add("draft", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
	add("translation_of", &yaml.Node{Kind: yaml.ScalarNode, Value: o.TranslationHash(), Style: yaml.DoubleQuotedStyle})
	// Keys in the original's order.
	var orig yaml.Node
	if end := content.BodyOffset(o.Src); end > 0 {
		fmStart := bytes.IndexByte(o.Src, '\n') + 1
		fmEnd := bytes.LastIndex(o.Src[:end-1], []byte("\n")) + 1
		if fmStart < fmEnd {
			_ = yaml.Unmarshal(o.Src[fmStart:fmEnd], &orig)
		}
	}
	if len(orig.Content) > 0 && orig.Content[0].Kind == yaml.MappingNode {
		m := orig.Content[0]
		for i := 0; i+1 < len(m.Content); i += 2 {
			k, v := m.Content[i].Value, m.Content[i+1]
			switch {
			case content.IsTranslatable(o.Kind, k):
				v.HeadComment, v.LineComment, v.FootComment = "", "", ""
				add(k, v)
			case k == "citations" || k == "versions" || k == "date_variants":
				list := &yaml.Node{Kind: yaml.SequenceNode}
				hasParts := false
				for _, it := range v.Content {
					item := &yaml.Node{Kind: yaml.MappingNode, Style: 0}
					for j := 0; it.Kind == yaml.MappingNode && j+1 < len(it.Content); j += 2 {
						if ik := it.Content[j].Value; ik == "value" || ik == "note" {
							item.Content = append(item.Content, scalar(ik), it.Content[j+1])
							hasParts = true
						}
					}
					if len(item.Content) == 0 {
						item.Style = yaml.FlowStyle
					}
					list.Content = append(list.Content, item)
				}
				if hasParts {
					add(k, list)
				}
			}
		}
	}
	out, err := yaml.Marshal(fm)
	if err != nil {
		return nil, err
	}
	b.Write(out)
	b.WriteString("---\n")
	if o.Kind != content.KindSource {
		b.Write(o.Body())
	}
	return b.Bytes(), nil
}

var recordRe = regexp.MustCompile(`(?m)^translation_of:.*$`)

// MarkCurrent records the original's current hash in a translation's
// front matter, replacing the old one or adding it after the opening ---.
func MarkCurrent(src []byte, hash string) ([]byte, error) {
	if !bytes.HasPrefix(src, []byte("---")) {
		return nil, errors.New("the translation has no front matter")
	}
	end := content.BodyOffset(src)
	fm := src[:end]
	line := []byte(`translation_of: "` + hash + `"`)
	if loc := recordRe.FindIndex(fm); loc != nil {
		return append(append(append([]byte(nil), src[:loc[0]]...), line...), src[loc[1]:]...), nil
	}
	nl := bytes.IndexByte(src, '\n') + 1
	out := append([]byte(nil), src[:nl]...)
	out = append(out, line...)
	out = append(out, '\n')
	return append(out, src[nl:]...), nil
}
