package search

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Result is one ranked document.
type Result struct {
	Doc   int // index into Units
	Score int
}

// Query ranks the documents for a query the way search.js does: for each
// term, a document scores twice its stored score for the exact token, or
// its score for a token the term's prefix begins (the best of those); a
// document's total is the sum over terms times the square of the number
// of terms it matches, so documents with every word come first; a
// document the whole query names (NameKey) gains NameHit and comes
// before all others. Ties go to the earlier document.
func (ix *Index) Query(q string) []Result {
	terms := QueryTerms(q)
	sum := map[int]int{}
	matched := map[int]int{}
	for _, t := range terms {
		best := map[int]int{}
		take := func(ps []posting, w int) {
			for _, p := range ps {
				if s := w * int(p.score); s > best[int(p.doc)] {
					best[int(p.doc)] = s
				}
			}
		}
		take(ix.Postings[t.Token], 2)
		if t.Prefix != "" {
			for tok, ps := range ix.Postings {
				if tok != t.Token && strings.HasPrefix(tok, t.Prefix) {
					take(ps, 1)
				}
			}
		}
		for d, s := range best {
			sum[d] += s
			matched[d]++
		}
	}
	named := map[int]bool{}
	if len(terms) > 0 {
		for _, p := range ix.Postings[NameKey(q)] {
			named[int(p.doc)] = true
		}
	}
	out := make([]Result, 0, len(sum))
	for d, s := range sum {
		r := Result{Doc: d, Score: s * matched[d] * matched[d]}
		if named[d] {
			r.Score += NameHit
		}
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Doc < out[j].Doc
	})
	return out
}

// Load reads an index back from its files (the round trip of Files).
// Units come back with the text their snippets keep.
func Load(files []File) (*Index, error) {
	byPath := map[string][]byte{}
	for _, f := range files {
		byPath[f.Path] = f.Data
	}
	var m Manifest
	if err := json.Unmarshal(byPath["index.json"], &m); err != nil {
		return nil, fmt.Errorf("failed to read index.json: %w", err)
	}
	ix := &Index{Postings: map[string][]posting{}, NShards: len(m.Shards)}
	for i, name := range m.Shards {
		var s map[string][]int
		if err := json.Unmarshal(byPath[name], &s); err != nil {
			return nil, fmt.Errorf("failed to read shard %s: %w", name, err)
		}
		for tok, flat := range s {
			if ShardOf(tok, len(m.Shards)) != i {
				return nil, fmt.Errorf("token %q is in shard %d, want %d", tok, i, ShardOf(tok, len(m.Shards)))
			}
			doc := 0
			for k := 0; k+1 < len(flat); k += 2 {
				doc += flat[k]
				ix.Postings[tok] = append(ix.Postings[tok], posting{int32(doc), int32(flat[k+1])})
			}
		}
	}
	for i, name := range m.Chunks {
		var rows [][]string
		if err := json.Unmarshal(byPath[name], &rows); err != nil {
			return nil, fmt.Errorf("failed to read chunk %s: %w", name, err)
		}
		if len(ix.Units) != m.Starts[i] {
			return nil, fmt.Errorf("chunk %s starts at %d, want %d", name, m.Starts[i], len(ix.Units))
		}
		for _, r := range rows {
			if len(r) != 7 {
				return nil, fmt.Errorf("chunk %s: a row of %d fields", name, len(r))
			}
			ix.Units = append(ix.Units, Unit{Type: Type(r[0]), Title: r[1], URL: r[2], Text: r[3], Source: r[4], Date: r[5], Lang: r[6]})
		}
	}
	if len(ix.Units) != m.Docs {
		return nil, fmt.Errorf("%d documents, the manifest says %d", len(ix.Units), m.Docs)
	}
	return ix, nil
}

// Fetched lists the files the script fetches to answer a query and show
// its first n results: the manifest, one shard per distinct term shard,
// and the chunks holding those results.
func (ix *Index) Fetched(files []File, q string, n int) []string {
	var m Manifest
	for _, f := range files {
		if f.Path == "index.json" {
			json.Unmarshal(f.Data, &m)
		}
	}
	need := []string{"index.json"}
	seen := map[string]bool{"index.json": true}
	add := func(name string) {
		if !seen[name] {
			seen[name] = true
			need = append(need, name)
		}
	}
	for _, t := range QueryTerms(q) {
		add(m.Shards[ShardOf(t.Token, len(m.Shards))])
		if t.Prefix != "" {
			add(m.Shards[ShardOf(t.Prefix, len(m.Shards))])
		}
	}
	if k := NameKey(q); k != "" && len(QueryTerms(q)) > 0 {
		add(m.Shards[ShardOf(k, len(m.Shards))])
	}
	rs := ix.Query(q)
	if len(rs) > n {
		rs = rs[:n]
	}
	for _, r := range rs {
		c := sort.Search(len(m.Starts), func(i int) bool { return m.Starts[i] > r.Doc }) - 1
		add(m.Chunks[c])
	}
	return need
}
