package glossary

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/markdown"
)

// The cache hands back the same glossary while its file is unchanged and
// a new one when it changes, and the findings it carries are those a
// fresh check finds, for the glossary of the build that asks.
func TestCache(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, filepath.FromSlash(Path("zh")))
	c := NewCache()
	g0, _ := c.Load(dir, "zh")
	if len(g0.Entries) != 0 || g0.File != Path("zh") {
		t.Fatalf("no file: want an empty glossary, got %+v", g0)
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if g, _ := c.Load(dir, "zh"); g == g0 {
		t.Error("an empty file that was missing gave the missing file's glossary")
	}
	if err := os.WriteFile(file, []byte("- en: Musk\n  zh: 马斯克\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	g1, _ := c.Load(dir, "zh")
	if g2, _ := c.Load(dir, "zh"); g2 != g1 || len(g1.Entries) != 1 {
		t.Fatalf("unchanged file: want the same glossary with one entry, got %p %p %+v", g1, g2, g1.Entries)
	}
	if err := os.WriteFile(file, []byte("- en: Musk\n  zh: 马斯克\n- en: Altman\n  zh: 奥尔特曼\n  x: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad, diags := c.Load(dir, "zh")
	if bad == g1 || !diags.HasErrors() {
		t.Fatalf("broken file: want a new glossary and its error, got %p %v", bad, diags)
	}
	if _, again := c.Load(dir, "zh"); !again.HasErrors() {
		t.Error("the cached glossary lost its file's error")
	}

	md := markdown.New()
	orig := content.Parse(md, "events/x.md", []byte("---\ntitle: X\ndate: \"2016\"\n---\nMusk and Altman met.\n"))
	tr := content.Parse(md, "events/x.zh.md", []byte("---\ntranslation_of: \"abc\"\ntitle: X\n---\n他们见面了。\n"))
	if err := os.WriteFile(file, []byte("- en: Musk\n  zh: 马斯克\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	g, _ := c.Load(dir, "zh")
	c.Advance()
	first := c.Diags(g, orig, tr)
	if len(first) != 1 || len(first) != len(g.Diags(orig, tr)) {
		t.Fatalf("want the one finding a fresh check gives, got %v", first)
	}
	c.Advance()
	if again := c.Diags(g, orig, tr); &again[0] != &first[0] {
		t.Error("the next build checked the same documents again")
	}
	// The glossary grows an entry: its findings are its own.
	if err := os.WriteFile(file, []byte("- en: Musk\n  zh: 马斯克\n- en: Altman\n  zh: 奥尔特曼\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	g2, _ := c.Load(dir, "zh")
	c.Advance()
	if got := c.Diags(g2, orig, tr); len(got) != 2 {
		t.Errorf("changed glossary: want 2 findings, got %v", got)
	}
	// A build that does not ask for the old findings drops them.
	c.Advance()
	if _, kept := c.old[findingsKey{g, orig, tr}]; kept {
		t.Error("findings no build asked for are still kept")
	}
	var none *Cache
	if got := none.Diags(g2, orig, tr); len(got) != 2 {
		t.Errorf("nil cache: want a fresh check's 2 findings, got %v", got)
	}
	none.Advance()
}
