package glossary

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/diag"
)

// Cache carries glossaries and their findings from one build to the next
// (watch mode), as the citation cache carries matches: a glossary whose
// file did not change is the same *Glossary, and the findings of a pair
// of documents are kept as long as the glossary and both documents are
// unchanged (documents are immutable; a changed file is a new *Doc).
// Advance starts a build; findings the last build did not ask for go. A
// nil *Cache caches nothing.
type Cache struct {
	mu       sync.Mutex            // Load and Diags may be called at once
	files    map[string]cachedFile // by language
	cur, old map[findingsKey]diag.List
}

type cachedFile struct {
	exists bool
	src    []byte
	g      *Glossary
	diags  diag.List
}

type findingsKey struct {
	g        *Glossary
	orig, tr *content.Doc
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{files: map[string]cachedFile{}, cur: map[findingsKey]diag.List{}}
}

// Advance starts a new build.
func (c *Cache) Advance() {
	if c != nil {
		c.old, c.cur = c.cur, map[findingsKey]diag.List{}
	}
}

// Load is Load, returning the glossary of the last build when its file
// is byte for byte the same.
func (c *Cache) Load(siteDir, lang string) (*Glossary, diag.List) {
	if c == nil {
		return Load(siteDir, lang)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	src, err := os.ReadFile(filepath.Join(siteDir, filepath.FromSlash(Path(lang))))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		delete(c.files, lang)
		return Load(siteDir, lang) // reports the error
	}
	exists := err == nil
	if f, ok := c.files[lang]; ok && f.exists == exists && bytes.Equal(f.src, src) {
		return f.g, f.diags
	}
	g, diags := &Glossary{Lang: lang, File: Path(lang)}, diag.List(nil)
	if exists {
		g, diags = Parse(Path(lang), lang, src)
	}
	c.files[lang] = cachedFile{exists: exists, src: src, g: g, diags: diags}
	return g, diags
}

// Diags is g.Diags(orig, tr), from the last build when it asked for the
// same glossary and documents. The list returned is shared: append it,
// do not change it. It may be called from many goroutines at once.
func (c *Cache) Diags(g *Glossary, orig, tr *content.Doc) diag.List {
	if c == nil {
		return g.Diags(orig, tr)
	}
	k := findingsKey{g, orig, tr}
	c.mu.Lock()
	d, ok := c.cur[k]
	if !ok {
		if d, ok = c.old[k]; ok {
			c.cur[k] = d
		}
	}
	c.mu.Unlock()
	if ok {
		return d
	}
	d = g.Diags(orig, tr)
	c.mu.Lock()
	c.cur[k] = d
	c.mu.Unlock()
	return d
}
