package search

import (
	"strings"
	"sync"
)

// Cache keeps the terms of the units indexed by recent builds, keyed by
// the unit's content, so a unit seen before is not tokenised again (the
// build's Session owns one, as it owns the citation cache). Advance
// starts a build; entries the last build did not use go. A nil *Cache
// caches nothing.
type Cache struct {
	mu       sync.Mutex
	cur, old map[string]*unitStats
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{cur: map[string]*unitStats{}} }

// Advance starts a new build.
func (c *Cache) Advance() {
	c.mu.Lock()
	c.old, c.cur = c.cur, map[string]*unitStats{}
	c.mu.Unlock()
}

// terms returns the unit's terms, from the cache when it has them. The
// stats are shared and never changed after they are made.
func (c *Cache) terms(u Unit) *unitStats {
	if c == nil {
		return unitTerms(u)
	}
	key := u.Title + "\x00" + u.Date + "\x00" + strings.Join(u.Names, "\x01") + "\x00" + strings.Join(u.Also, "\x01") + "\x00" + u.Text
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
	c.cur[key] = st
	c.mu.Unlock()
	return st
}
