package build_test

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dossier-ssg/dossier/generator/build"
	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
	"github.com/dossier-ssg/dossier/generator/render"
)

// TestIncrementalRebuild edits, adds and deletes files between builds of
// one session, and checks both what was re-rendered and that the result
// is byte for byte what a fresh build gives.
func TestIncrementalRebuild(t *testing.T) {
	dir, ss, first := bilingualSession(t)
	if len(first.Rendered) != first.Pages {
		t.Fatalf("first build rendered %d of %d pages", len(first.Rendered), first.Pages)
	}
	steps := []struct {
		name       string
		edit       func()
		want, dont []string // pages that must, and must not, be re-rendered
	}{
		{"nothing", func() {}, nil, []string{"index.html", "people/ada-lovelace/index.html"}},
		{"edit a person's text", func() {
			edit(t, dir, "content/people/charles-babbage.md", "Built engines.", "Built difference engines.")
		}, []string{"people/charles-babbage/index.html", "zh/people/charles-babbage/index.html"},
			[]string{"timeline/index.html", "404.html", "sources/index.html", "claims/index.html", "people/ada-lovelace/index.html", "about/index.html"}},
		{"edit a translation", func() {
			edit(t, dir, "content/people/ada-lovelace.zh.md", "数学家", "数学家、作家")
		}, []string{"zh/people/ada-lovelace/index.html", "zh/people/index.html"},
			[]string{"zh/timeline/index.html", "zh/sources/index.html"}},
		{"add an event", func() {
			write(t, dir, "content/events/program.md", "---\ntitle: Lovelace writes a program\ndate: \"1843\"\nparticipants: [ada-lovelace]\ncitations:\n  - source: paper\n    quote: Lovelace wrote the first program\n---\nShe wrote it.\n")
		}, []string{"events/program/index.html", "zh/events/program/index.html", "timeline/index.html", "people/ada-lovelace/index.html", "index.html"},
			[]string{"people/charles-babbage/index.html", "about/index.html"}},
		{"add an alias", func() {
			edit(t, dir, "content/people/charles-babbage.md", "aliases: [Babbage]", "aliases: [Babbage, Charles]")
		}, []string{"sources/paper/index.html", "people/charles-babbage/index.html"}, []string{"about/index.html"}},
		{"delete the event", func() {
			os.Remove(filepath.Join(dir, "content/events/program.md"))
		}, []string{"timeline/index.html", "people/ada-lovelace/index.html"}, []string{"about/index.html"}},
		{"change a template", func() {
			edit(t, dir, "templates/404.html", "<h1>", "<h1 class=\"nf\">")
		}, []string{"404.html", "about/index.html", "zh/timeline/index.html"}, nil},
		{"change a hook", func() {
			edit(t, dir, "templates/hooks/cite.html", `<sup class="cite">`, `<sup class="cite cite-new">`)
		}, []string{"people/ada-lovelace/index.html", "zh/people/charles-babbage/index.html"}, nil},
	}
	for _, st := range steps {
		st.edit()
		res, err := ss.Build()
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		done := map[string]bool{}
		for _, p := range res.Rendered {
			done[p] = true
		}
		for _, p := range st.want {
			if !done[p] {
				t.Errorf("%s: %s was not re-rendered (rendered: %v)", st.name, p, res.Rendered)
			}
		}
		for _, p := range st.dont {
			if done[p] {
				t.Errorf("%s: %s was re-rendered, though nothing it shows changed", st.name, p)
			}
		}
		sameAsFresh(t, st.name, dir, res)
	}
	// A build that fails while rendering leaves nothing behind: an
	// annotation that breaks a template is added (the build fails), then
	// removed; a later build must not show its note anywhere.
	edit(t, dir, "templates/annotation.html", "{{define \"main\"}}", "{{define \"main\"}}{{if eq .Title \"BOOM\"}}{{t \"no.such.key\"}}{{end}}")
	if _, err := ss.Build(); err != nil {
		t.Fatal(err)
	}
	write(t, dir, "content/annotations/boom.md", "---\ntitle: BOOM\nsource: paper\nexact: Babbage built engines\ntype: context\n---\nBOOM note.\n")
	if _, err := ss.Build(); err == nil {
		t.Fatal("the template error did not fail the build")
	}
	os.Remove(filepath.Join(dir, "content/annotations/boom.md"))
	edit(t, dir, "content/events/meeting.md", "They met.", "They met in London.")
	res, err := ss.Build()
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := build.Render(build.Options{SiteDir: dir, NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	if a, b := files(res), files(fresh); !same(a, b) || bytes.Contains(a["sources/paper/index.html"], []byte("BOOM")) {
		t.Error("a failed build's bodies were reused")
	}
	// A broken file fails the build; fixing it builds again.
	edit(t, dir, "content/people/charles-babbage.md", "name: Charles Babbage", "name: [")
	if _, err := ss.Build(); err == nil {
		t.Fatal("broken build succeeded")
	}
	edit(t, dir, "content/people/charles-babbage.md", "name: [", "name: Charles Babbage")
	if _, err := ss.Build(); err != nil {
		t.Fatal(err)
	}
}

// bilingualSession is a session's first build of the bilingual site,
// with translations that record what they translate.
func bilingualSession(t *testing.T) (string, *build.Session, *build.Result) {
	t.Helper()
	dir := sitetest.NewSite(t, bilingual)
	withHashes(t, dir)
	ss := build.NewSession(build.Options{SiteDir: dir, NoMinify: true})
	first, err := ss.Build()
	if err != nil {
		t.Fatal(err)
	}
	return dir, ss, first
}

// sameAsFresh reports each file of a session's build that differs from
// a fresh build of the site, or is missing from it, and returns the
// fresh build's files.
func sameAsFresh(t *testing.T, step, dir string, res *build.Result) map[string][]byte {
	t.Helper()
	fresh, err := build.Render(build.Options{SiteDir: dir, NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	a, b := files(res), files(fresh)
	for p := range b {
		if !bytes.Equal(a[p], b[p]) {
			t.Errorf("%s: %s differs from a fresh build", step, p)
		}
	}
	for p := range a {
		if _, ok := b[p]; !ok {
			t.Errorf("%s: stale page %s", step, p)
		}
	}
	return b
}

func files(r *build.Result) map[string][]byte {
	m := map[string][]byte{}
	for _, f := range r.Files {
		m[f.Path] = f.Data
	}
	return m
}

func same(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	var ks []string
	for k := range a {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	for _, k := range ks {
		if !bytes.Equal(a[k], b[k]) {
			return false
		}
	}
	return true
}

// edit replaces text in a file, and moves its time forward so that a
// rewrite within the file system's clock resolution is still seen.
func edit(t *testing.T, dir, rel, old, new string) {
	t.Helper()
	p := filepath.Join(dir, rel)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s has no %q", rel, old)
	}
	write(t, dir, rel, strings.Replace(string(b), old, new, 1))
}

var tick = time.Now()

func write(t *testing.T, dir, rel, s string) {
	t.Helper()
	p := filepath.Join(dir, rel)
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	tick = tick.Add(time.Second)
	os.Chtimes(p, tick, tick)
}

// TestSessionForget: an edit that keeps a file's size and time (a coarse
// file-system clock) is seen once the watcher names the file.
func TestSessionForget(t *testing.T) {
	dir := sitetest.NewSite(t, small)
	ss := build.NewSession(build.Options{SiteDir: dir, NoMinify: true})
	if _, err := ss.Build(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "content/about.md")
	st, _ := os.Stat(p)
	b, _ := os.ReadFile(p)
	os.WriteFile(p, bytes.Replace(b, []byte("home"), []byte("HOME"), 1), 0o644)
	os.Chtimes(p, st.ModTime(), st.ModTime())
	res, err := ss.Build()
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(files(res)["about/index.html"], []byte("HOME")) {
		t.Fatal("the test cannot tell: the edit was seen without Forget")
	}
	ss.Forget([]string{"content/about.md"})
	res, err = ss.Build()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(files(res)["about/index.html"], []byte("HOME")) {
		t.Error("a forgotten file was not read again")
	}
}

// TestKeptPicturesKeepTheirDeps: a page kept from the last build is not
// drawn again, but it still depends on what its picture was drawn from,
// however many builds keep it; a change to that redraws it as a fresh
// build draws it.
func TestKeptPicturesKeepTheirDeps(t *testing.T) {
	dir, ss, first := bilingualSession(t)
	deps := map[string]render.Deps{}
	drawn := 0
	for _, p := range first.PageList {
		deps[p.Out] = p.Deps
		if p.Draw != nil {
			drawn++
		}
	}
	if drawn == 0 {
		t.Fatal("the test cannot tell: the site has no pictures")
	}
	for i := 0; i < 2; i++ {
		res, err := ss.Build()
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range res.PageList {
			if p.Draw != nil {
				t.Errorf("build %d: %s was kept, but its picture was drawn again", i+2, p.Out)
			}
			for k := range deps[p.Out] {
				if !p.Deps[k] {
					t.Errorf("build %d: %s no longer depends on %v", i+2, p.Out, k)
				}
			}
		}
	}
	// The timeline's picture shows the events' dates.
	edit(t, dir, "content/events/meeting.md", `date: "2015-05-21"`, `date: "2019-05-21"`)
	res, err := ss.Build()
	if err != nil {
		t.Fatal(err)
	}
	fresh := sameAsFresh(t, "a date changed", dir, res)
	if !bytes.Contains(fresh["timeline/index.html"], []byte("2019")) {
		t.Fatal("the test cannot tell: the timeline does not show the new date")
	}
}

// TestThemeLoadedOncePerChange: the session loads the theme again only
// when a file of it changes, yet every build reports what is wrong with
// it, errors and warnings, until it is fixed.
func TestThemeLoadedOncePerChange(t *testing.T) {
	dir := sitetest.NewSite(t, bilingual)
	ss := build.NewSession(build.Options{SiteDir: dir, NoMinify: true})
	if _, err := ss.Build(); err != nil {
		t.Fatal(err)
	}
	edit(t, dir, "templates/hooks/cite.html", `<sup class="cite">`, `<sup class="cite">{{.NoSuchField}}`)
	for i := 0; i < 2; i++ {
		res, err := ss.Build()
		if err == nil || !strings.Contains(res.Diags.String(), "NoSuchField") {
			t.Fatalf("build %d with a broken hook: %v\n%s", i+1, err, res.Diags)
		}
	}
	edit(t, dir, "templates/hooks/cite.html", `{{.NoSuchField}}`, ``)
	zh, err := os.ReadFile(filepath.Join(sitetest.RepoRoot(t), "content/i18n/zh.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, "content/i18n/zh.yaml", string(zh)+"no.such.string: x\n")
	for i := 0; i < 2; i++ {
		res, err := ss.Build()
		if err != nil {
			t.Fatalf("build %d after the fix: %v", i+1, err)
		}
		if !strings.Contains(res.Diags.String(), "no.such.string") {
			t.Errorf("build %d lost the strings file's warning:\n%s", i+1, res.Diags)
		}
	}
}

// TestOneShotBuildLetsTreesGo: a one-shot build lets every syntax tree
// go once the last language's pages are written, builds each page's view
// (and the body no other page shows) only as its template runs and lets
// it go once it is written, and
// writes the same pages as a session, which builds every page first and
// keeps its trees for the next build (a translated source's summary is
// rendered from its tree as its page is built); so it does whether it
// renders its languages together (a small site) or in turn (a large one,
// whose last language lets trees go as it renders).
func TestOneShotBuildLetsTreesGo(t *testing.T) {
	for _, mode := range []struct {
		name   string
		inTurn bool
	}{{"together", false}, {"in turn", true}} {
		t.Run(mode.name, func(t *testing.T) {
			if mode.inTurn {
				defer build.SetTogetherPages(0)()
			}
			oneShotLetsTreesGo(t, mode.inTurn)
		})
	}
}

func oneShotLetsTreesGo(t *testing.T, inTurn bool) {
	dir := sitetest.NewSite(t, bilingual)
	out := filepath.Join(t.TempDir(), "out")
	res, err := build.Build(build.Options{SiteDir: dir, OutDir: out, NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	held := 0
	for _, s := range res.Sites {
		for _, d := range s.Docs {
			if d.MD != nil && d.MD.Doc != nil {
				held++
			}
		}
	}
	if held > 0 {
		t.Errorf("%d documents still hold their syntax tree after a one-shot build", held)
	}
	// Each page, once written, keeps only its addresses.
	for _, p := range res.PageList {
		if p.Body != "" || p.Back != nil || p.JSONLD != nil || p.Canonical == "" || p.Out == "" || len(p.Alternates) != 2 {
			t.Errorf("%s after a one-shot build: body %d bytes, backlinks %v, JSON-LD %v, canonical %q, %d alternates", p.Out, len(p.Body), p.Back != nil, p.JSONLD != nil, p.Canonical, len(p.Alternates))
			break
		}
	}
	ss := build.NewSession(build.Options{SiteDir: dir, NoMinify: true})
	kept, err := ss.Build()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range kept.Site.Docs {
		if d.MD != nil && d.MD.Doc == nil {
			t.Fatalf("a session let %s's tree go", d.Path)
		}
	}
	pages := files(kept)
	for _, p := range kept.PageList {
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p.Out)))
		if err != nil || !bytes.Equal(b, pages[p.Out]) {
			t.Errorf("%s: the one-shot build wrote other bytes than the session made (%v)", p.Out, err)
		}
	}
	// The other files too, the search index among them, which the
	// one-shot build writes as it is made.
	index := 0
	for _, f := range kept.Files {
		index += strings.Count(f.Path, render.SearchDir)
		if b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(f.Path))); err != nil || !bytes.Equal(b, f.Data) {
			t.Errorf("%s: the one-shot build wrote other bytes than the session made (%v)", f.Path, err)
		}
	}
	if index == 0 {
		t.Error("the session made no search index")
	}
	// Once the last index has read them, the documents' sources and
	// text are let go (in turn: rendered together, no language is last).
	if inTurn {
		for _, s := range res.Sites {
			for _, d := range s.Docs {
				if d.Src != nil || d.MD != nil && len(d.MD.Blocks) > 0 && d.MD.Blocks[0].Text != "" {
					t.Fatalf("%s still holds its source or text after a one-shot build", d.Path)
				}
				if d.MD != nil && d.MD.Meta != nil {
					t.Fatalf("%s still holds its decoded front matter after a one-shot build", d.Path)
				}
			}
		}
	}
	// The one-shot build renders most bodies as their pages are built,
	// the session all of them first: as many either way.
	if res.BodiesRendered != kept.BodiesRendered || res.BodiesRendered == 0 {
		t.Errorf("the one-shot build rendered %d bodies, the session %d", res.BodiesRendered, kept.BodiesRendered)
	}
}

// TestCheckKeepsFrontMatter: check of a large site (rendering in turn)
// keeps the documents' decoded front matter, from which the stale and
// untranslated pages it reports are counted; a build lets it go.
func TestCheckKeepsFrontMatter(t *testing.T) {
	defer build.SetTogetherPages(0)()
	dir := sitetest.NewSite(t, bilingual)
	res, err := build.Check(build.Options{SiteDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Docs {
		if d.MD != nil && d.MD.Meta == nil {
			t.Fatalf("check let %s's front matter go", d.Path)
		}
	}
	res, err = build.Build(build.Options{SiteDir: dir, OutDir: filepath.Join(t.TempDir(), "out")})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Docs {
		if d.MD != nil && d.MD.Meta != nil {
			t.Fatalf("a build of a large site kept %s's front matter", d.Path)
		}
	}
}

// TestTimelineShowsEventBodies: a one-shot build renders an event's body
// with its page, and again if a theme's timeline shows it
// (EventView.Body): the timeline then holds every event's body, as a
// session's does.
func TestTimelineShowsEventBodies(t *testing.T) {
	defer build.SetTogetherPages(0)()
	timeline := "-- templates/timeline.html --\n{{define \"main\"}}{{range .Years}}{{range .Events}}<div class=\"ev\">{{.Body}}</div>{{end}}{{end}}{{end}}\n"
	dir := sitetest.NewSite(t, bilingual+timeline)
	out := filepath.Join(t.TempDir(), "out")
	if _, err := build.Build(build.Options{SiteDir: dir, OutDir: out, NoMinify: true}); err != nil {
		t.Fatal(err)
	}
	kept, err := build.NewSession(build.Options{SiteDir: dir, NoMinify: true}).Build()
	if err != nil {
		t.Fatal(err)
	}
	want := files(kept)["timeline/index.html"]
	got, err := os.ReadFile(filepath.Join(out, "timeline", "index.html"))
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("the one-shot build's timeline differs from the session's (%v):\n%s\nwant\n%s", err, got, want)
	}
	if !bytes.Contains(got, []byte(">They met.</p>")) {
		t.Errorf("the timeline lacks an event's body:\n%s", got)
	}
}
