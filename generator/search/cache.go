package search

import (
	"maps"
	"slices"
	"strings"
	"sync"
)

// Cache keeps the terms of the units indexed by recent builds, keyed by
// the unit's content, so a unit seen before is not tokenised again (the
// build's Session owns one, as it owns the citation cache). Advance
// starts a build; entries the last build did not use go. A nil *Cache
// caches nothing.
type Cache struct {
	mu          sync.Mutex
	cur, old    map[termsKey]*unitStats
	idx, oldIdx []builtIndex // the indexes made: one per language
	frozen      bool         // reads, but keeps nothing new (Freeze)
}

// builtIndex is an index's input and its files, which are never changed
// once made.
type builtIndex struct {
	units    []Unit
	previews map[string]Preview
	files    []File
}

// termsKey is what a unit's terms are made of. The text is a field of
// its own, not joined to the rest: it is most of a unit's bytes, and a
// key made by joining copied them all, every unit of every build.
type termsKey struct {
	title, date, names, also, text string
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{cur: map[termsKey]*unitStats{}} }

// Freeze makes the cache keep nothing more this build: what it has is
// still used. A one-shot build freezes it before its last language's
// index, whose terms no later index reads: kept, they would all be held
// at once (they are let go a chunk at a time otherwise). Advance thaws
// it.
func (c *Cache) Freeze() {
	c.mu.Lock()
	c.frozen = true
	c.mu.Unlock()
}

// Advance starts a new build.
func (c *Cache) Advance() {
	c.mu.Lock()
	c.old, c.cur = c.cur, map[termsKey]*unitStats{}
	c.oldIdx, c.idx = c.idx, nil
	c.frozen = false
	c.mu.Unlock()
}

// built returns the files of an index the last build or this one made
// from the same units and previews.
func (c *Cache) built(units []Unit, previews map[string]Preview) ([]File, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, b := range c.idx {
		if sameIndex(b, units, previews) {
			return b.files, true
		}
	}
	for _, b := range c.oldIdx {
		if sameIndex(b, units, previews) {
			c.idx = append(c.idx, b)
			return b.files, true
		}
	}
	return nil, false
}

// keeps reports whether keep keeps what it is given: the cache is not
// nil, nor frozen.
func (c *Cache) keeps() bool {
	if c == nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return !c.frozen
}

// keep records an index this build made.
func (c *Cache) keep(b builtIndex) {
	if c != nil {
		c.mu.Lock()
		if !c.frozen {
			c.idx = append(c.idx, b)
		}
		c.mu.Unlock()
	}
}

func sameIndex(b builtIndex, units []Unit, previews map[string]Preview) bool {
	return maps.Equal(b.previews, previews) && slices.EqualFunc(b.units, units, sameUnit)
}

func sameUnit(a, b Unit) bool {
	return a.Type == b.Type && a.Title == b.Title && a.URL == b.URL && a.Text == b.Text && a.Date == b.Date &&
		a.Source == b.Source && a.Lang == b.Lang && slices.Equal(a.Names, b.Names) && slices.Equal(a.Also, b.Also)
}

// join is a list of strings as one, told apart from another list; ""
// for none, as most units have.
func join(l []string) string {
	switch len(l) {
	case 0:
		return ""
	case 1:
		return "\x01" + l[0]
	}
	return "\x01" + strings.Join(l, "\x01")
}

// terms returns the unit's terms, from the cache when it has them. The
// stats are shared and never changed after they are made.
func (c *Cache) terms(u Unit) *unitStats {
	if c == nil {
		return unitTerms(u)
	}
	key := termsKey{u.Title, u.Date, join(u.Names), join(u.Also), u.Text}
	c.mu.Lock()
	st := c.cur[key]
	if st == nil {
		if st = c.old[key]; st != nil {
			c.cur[key] = st
		}
	}
	c.mu.Unlock()
	if st != nil {
		return st
	}
	st = unitTerms(u)
	c.mu.Lock()
	if !c.frozen {
		c.cur[key] = st
	}
	c.mu.Unlock()
	return st
}
