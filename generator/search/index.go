// Package search builds a full-text index of a dossier, in every
// language, down to the paragraph: typed units in (a source's paragraph,
// an event, a person, a claim …), static index files out, fetched by a
// small script on demand.
//
// The index is split in two kinds of file. Term shards hold the postings
// (document, score) of the tokens whose first characters hash to the
// shard, so a query fetches one shard per word, and all tokens sharing a
// word's first two letters sit in one shard: prefix matching while
// typing needs no other file. Document chunks hold what a result shows
// (title, link, text for the snippet) for a run of consecutive
// documents. A small manifest names them all; every other name carries
// a hash of its content, so hosts may cache it forever.
//
// Scores are computed at build time (BM25 with names and titles weighted
// above text) and stored as integers; a query adds them up and rewards
// documents that match every word. Query (Go) and search.js implement
// the same ranking; tests hold them to it.
package search

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/dossier-ssg/dossier/generator/internal/parallel"
)

// Type is what kind of thing a unit is; results are grouped by it.
type Type string

// The unit types, in the order result groups are shown when they tie.
const (
	TypePerson       Type = "person"
	TypeOrganization Type = "organization"
	TypeEvent        Type = "event"
	TypeClaim        Type = "claim"
	TypeQuote        Type = "quote"
	TypeAnnotation   Type = "annotation"
	TypeParagraph    Type = "paragraph"
	TypePage         Type = "page"
)

// Unit is one thing a reader can find.
type Unit struct {
	Type  Type
	Title string
	URL   string   // with the base path, and the paragraph anchor for passages
	Text  string   // plain text
	Names []string // name and aliases: weigh most
	// Also are other words for what the title says, weighed as the title
	// and never shown: in a translation, the original names of the
	// people and organisations its title names.
	Also   []string
	Date   string // as shown
	Source string // the source's short name, for passages, quotes and notes
	Lang   string // BCP 47 tag of Text, when not the page's
}

// File is an index file, its path relative to the index folder.
type File struct {
	Path string
	Data []byte
}

// Weights of a token's occurrences by field, and BM25's constants.
const (
	weightTitle = 3
	// nameBoost is added to the BM25 score of a token found in a name or
	// alias: names do not saturate as repeated words do.
	nameBoost = 1.0
	// titleBoost is the same for a token of the title: a title says what
	// the whole unit is about.
	titleBoost = 2.0
	// leadBoost is added for a token in the first leadRunes characters
	// of a longer text: as in news writing, what it is about comes first.
	leadBoost = 0.5
	leadRunes = 200
	// NameHit is the score of a whole-name match: above any sum of word
	// scores, so the entity a query names comes first.
	NameHit    = 1 << 24
	weightText = 1
	bm25K1     = 1.2
	bm25B      = 0.3
	// snippetChars bounds the text kept for a snippet: a paragraph is
	// kept whole below it, longer bodies are cut (their start is the
	// best summary).
	snippetChars = 700
	// shardBytes and chunkBytes are the target sizes of a term shard and
	// a document chunk: small enough that a query of a few words fetches
	// a few tens of kilobytes, large enough not to need hundreds of files.
	shardBytes = 6000
	chunkBytes = 4000
)

// Manifest is index.json: everything the script needs to find the rest.
type Manifest struct {
	Version int      `json:"v"`
	Docs    int      `json:"docs"`
	Shards  []string `json:"shards"` // file of each shard, by number
	Chunks  []string `json:"chunks"` // file of each document chunk
	Starts  []int    `json:"starts"` // first document of each chunk
	Types   []Type   `json:"types"`  // the order groups are shown in when they tie
	// Previews names the file of link previews, when the site has one.
	Previews string `json:"previews,omitempty"`
}

// ShardOf is the shard a token lives in: a hash of its first two letters
// (of a word) or first character (of ideographs), so that every token a
// prefix of two or more letters can match sits in one shard.
func ShardOf(token string, n int) int {
	key := token
	k := 0
	for i := range token {
		lim := 2
		r, _ := utf8.DecodeRuneInString(token)
		if isHan(r) {
			lim = 1
		}
		if k == lim {
			key = token[:i]
			break
		}
		k++
	}
	// FNV-1a, inline: the hash/fnv interface allocates, and this runs for
	// every token of the index.
	h := uint32(2166136261)
	for i := 0; i < len(key); i++ {
		h ^= uint32(key[i])
		h *= 16777619
	}
	return int(h % uint32(n))
}

// posting is one document's score for a token: a build holds one for
// every distinct term of every unit, so 8 bytes rather than 16 (a site
// of 2^31 units would not fit in memory long before).
type posting struct {
	doc   int32
	score int32
}

// Index is a built index in memory: what Build writes, and what Query
// reads in tests and the benchmark.
type Index struct {
	Units    []Unit
	Postings map[string][]posting
	NShards  int
}

// New builds the index of the units, in the order given (ties rank the
// earlier unit first).
func New(units []Unit) *Index { return NewCached(units, nil) }

// unitChunk is how many units' terms are counted at once (in parallel)
// before they are numbered: only a chunk's termStats are held at a time
// (unless a cache keeps them).
const unitChunk = 512

// counted is what the index keeps of a unit's term (termStat) until it
// scores it: its number, its weighted frequency and where it is.
type counted struct {
	id    int32
	f     int32
	where uint8 // inName, inTitle, inLead
}

const (
	inName = 1 << iota
	inTitle
	inLead
)

// NewCached is New reusing the terms of units a cache has seen: the
// English passages a Chinese site shows, and in the preview server every
// unit that did not change. c may be nil.
func NewCached(units []Unit, c *Cache) *Index { return newIndex(units, c, false) }

// newIndex is NewCached; with trim, each unit's text is cut to its
// snippet (all the index's files show of it) once its terms are
// counted: units are the index's to change, and a caller that does not
// hold them lets the texts go as they are read.
func newIndex(units []Unit, c *Cache, trim bool) *Index {
	ix := &Index{Units: units, Postings: map[string][]posting{}}
	// Terms get numbers, so the rest runs on slices; each unit's terms
	// are counted a chunk at a time, in parallel (tokenising is most of
	// the work), and kept by number.
	ids := map[string]int{}
	var toks []string
	var df []int
	names := map[string]map[int]bool{}
	terms := make([][]counted, len(units))
	lens := make([]int, len(units)) // title and text tokens
	total := 0
	stats := make([]*unitStats, min(unitChunk, len(units)))
	for lo := 0; lo < len(units); lo += unitChunk {
		hi := min(lo+unitChunk, len(units))
		parallel.For(hi-lo, func(k int) { stats[k] = c.terms(units[lo+k]) })
		for i := lo; i < hi; i++ {
			u, st := units[i], stats[i-lo]
			stats[i-lo] = nil
			for _, n := range u.Names {
				if k := NameKey(n); k != "" && !names[k][i] {
					if names[k] == nil {
						names[k] = map[int]bool{}
					}
					names[k][i] = true
					ix.Postings[k] = append(ix.Postings[k], posting{int32(i), NameHit})
				}
			}
			if trim && len(u.Text) > snippetChars {
				// A copy: the snippet would hold the whole text.
				units[i].Text = strings.Clone(snippetText(u.Text))
			}
			total += st.n
			lens[i] = st.n
			cs := make([]counted, len(st.terms))
			for k, ts := range st.terms {
				id, ok := ids[ts.tok]
				if !ok {
					id = len(toks)
					// A copy: a term is a slice of its unit's text, and
					// would hold all of it for as long as the index.
					tok := strings.Clone(ts.tok)
					ids[tok] = id
					toks = append(toks, tok)
					df = append(df, 0)
				}
				df[id]++
				cs[k] = counted{id: int32(id), f: ts.f}
				if ts.name {
					cs[k].where |= inName
				}
				if ts.title {
					cs[k].where |= inTitle
				}
				if ts.lead {
					cs[k].where |= inLead
				}
			}
			terms[i] = cs
		}
	}
	avg := 1.0
	if len(units) > 0 && total > 0 {
		avg = float64(total) / float64(len(units))
	}
	n := float64(len(units))
	idf := make([]float64, len(toks))
	for id, d := range df {
		idf[id] = math.Log(1 + (n-float64(d)+0.5)/(float64(d)+0.5))
	}
	posts := make([][]posting, len(toks))
	for id, d := range df {
		posts[id] = make([]posting, 0, d)
	}
	for i, cs := range terms {
		norm := bm25K1 * (1 - bm25B + bm25B*float64(lens[i])/avg)
		for _, ts := range cs {
			id := ts.id
			f, w := float64(ts.f), idf[id]
			s := w * f * (bm25K1 + 1) / (f + norm)
			if ts.where&inName != 0 {
				s += w * nameBoost
			}
			if ts.where&inTitle != 0 {
				s += w * titleBoost
			} else if ts.where&inLead != 0 {
				s += w * leadBoost
			}
			q := int(math.Round(s * 100))
			if q < 1 {
				q = 1
			}
			posts[id] = append(posts[id], posting{int32(i), int32(q)})
		}
		terms[i] = nil // scored: let go as the postings grow
	}
	for id, t := range toks {
		ix.Postings[t] = posts[id]
	}
	size := 0
	for t, ps := range ix.Postings {
		size += len(t) + 6 + 8*len(ps)
	}
	ix.NShards = max(1, (size+shardBytes-1)/shardBytes)
	return ix
}

// termStat is what one unit says of one term: its weighted frequency,
// and whether it is in a name, the title (or date) or the lead.
type termStat struct {
	tok               string
	f                 int32 // 24 bytes in all: a build holds one per distinct term of every unit
	name, title, lead bool
}

// unitStats are a unit's terms and its length (title and text tokens).
type unitStats struct {
	terms []termStat
	n     int
}

// unitTerms counts a unit's terms.
func unitTerms(u Unit) *unitStats {
	us := &unitStats{}
	// The terms are counted in a map and a list used again for unit
	// after unit (termScratch), and the unit keeps a copy of the list.
	sc := termScratches.Get().(*termScratch)
	at, terms := sc.at, sc.terms[:0]
	defer func() {
		clear(terms) // hold no unit's strings
		sc.terms = terms[:0]
		if len(at) <= maxScratchTerms {
			clear(at)
			termScratches.Put(sc)
		}
	}()
	get := func(t string) *termStat {
		k, ok := at[t]
		if !ok {
			k = len(terms)
			at[t] = k
			terms = append(terms, termStat{tok: t})
		}
		return &terms[k]
	}
	for _, name := range u.Names {
		eachToken(name, func(t string, _ int) { get(t).name = true })
	}
	// An event's date names it as its title does.
	for _, field := range append([]string{u.Title, u.Date}, u.Also...) {
		eachToken(field, func(t string, _ int) {
			s := get(t)
			s.f += weightTitle
			s.title = true
			us.n++
		})
	}
	long := utf8.RuneCountInString(u.Text) > leadRunes // a short text is all lead
	eachToken(u.Text, func(t string, start int) {
		s := get(t)
		s.f += weightText
		if long && start < leadRunes {
			s.lead = true
		}
		us.n++
	})
	// Kept until the index is built, and in the preview server from
	// build to build: the list made to size.
	if len(terms) > 0 {
		us.terms = slices.Clone(terms)
	}
	return us
}

// termScratch is a map and a list unitTerms counts a unit's terms in.
type termScratch struct {
	at    map[string]int
	terms []termStat
}

// termScratches are the scratches unitTerms uses again; one that held
// more than maxScratchTerms terms is let go rather than kept, as
// clearing a map costs what it can hold, and most units are paragraphs
// of some 30 distinct terms.
var termScratches = sync.Pool{New: func() any { return &termScratch{at: make(map[string]int, 64)} }}

const maxScratchTerms = 512

// Build indexes the units and returns the index files: index.json, the
// term shards, the document chunks and, if there are any, the previews.
// With a cache, an index of the same units and previews as one the last
// build made is that index's files (in the preview server, an edit in
// one language leaves the other's index as it was).
func Build(units []Unit, previews map[string]Preview, c *Cache) []File {
	if files, ok := c.built(units, previews); ok {
		return files
	}
	files := NewCached(units, c).files(previews)
	c.keep(builtIndex{units, previews, files})
	return files
}

// Write is Build handing each file to put as soon as it is made, rather
// than all at the end, put being called from several goroutines at once
// and the manifest last: a one-shot build writes its index as it goes.
// With a cache that keeps nothing more (nil or frozen), the units are
// let go as they are read: the last language of a one-shot build held
// its pages' whole text (31 MB of 10,000 posts) and the index's files
// (42 MB) to the end. The units are Write's to change: its caller
// must not use them again. It returns put's first error.
func Write(units []Unit, previews map[string]Preview, c *Cache, put func(File) error) error {
	if files, ok := c.built(units, previews); ok || c.keeps() {
		if !ok {
			files = Build(units, previews, c)
		}
		errs := make([]error, len(files))
		parallel.For(len(files), func(i int) { errs[i] = put(files[i]) })
		for _, err := range errs {
			if err != nil {
				return err
			}
		}
		return nil
	}
	return newIndex(units, c, true).write(previews, func(_ filePart, _ int, f File) error { return put(f) })
}

// Files writes the index.
func (ix *Index) Files() []File { return ix.files(nil) }

// filePart is which part of the index a file is, in the order files
// lists them.
type filePart int

const (
	shardPart filePart = iota
	chunkPart
	previewPart
	manifestPart
)

// files is the index's files in order: the term shards by number, the
// document chunks by number, the previews, and last the manifest.
func (ix *Index) files(previews map[string]Preview) []File {
	type made struct {
		part filePart
		i    int
		f    File
	}
	var (
		mu  sync.Mutex
		all []made
	)
	ix.write(previews, func(part filePart, i int, f File) error {
		mu.Lock()
		all = append(all, made{part, i, f})
		mu.Unlock()
		return nil
	})
	slices.SortFunc(all, func(a, b made) int { return cmp.Or(cmp.Compare(a.part, b.part), cmp.Compare(a.i, b.i)) })
	files := make([]File, len(all))
	for k, m := range all {
		files[k] = m.f
	}
	return files
}

// write makes the index in three parts, handing each file to put as it
// is made (from several goroutines at once): the term shards, the
// document chunks, the previews, and last the manifest that names
// them. It returns put's first error.
func (ix *Index) write(previews map[string]Preview, put func(filePart, int, File) error) error {
	var (
		mu    sync.Mutex
		first error
	)
	give := func(part filePart, i int, f File) {
		if err := put(part, i, f); err != nil {
			mu.Lock()
			if first == nil {
				first = err
			}
			mu.Unlock()
		}
	}
	m := Manifest{Version: 1, Docs: len(ix.Units), Types: []Type{TypePerson, TypeOrganization, TypeEvent, TypeClaim, TypeQuote, TypeAnnotation, TypeParagraph, TypePage}}
	m.Shards = ix.shardFiles(func(i int, f File) { give(shardPart, i, f) })
	m.Chunks, m.Starts = ix.chunkFiles(func(i int, f File) { give(chunkPart, i, f) })
	if len(previews) > 0 {
		p := previewFile(previews)
		m.Previews = p.Path
		give(previewPart, 0, p)
	}
	give(manifestPart, 0, File{Path: "index.json", Data: marshal(m)})
	return first
}

// contentName names a file by its content, so that a browser may keep
// it as long as it likes: prefix.<hash>.json.
func contentName(prefix string, data []byte) string {
	sum := sha256.Sum256(data)
	return prefix + "." + hex.EncodeToString(sum[:])[:10] + ".json"
}

// shardFiles makes the term shards in parallel, handing each to put with
// its number, and returns their paths by number.
func (ix *Index) shardFiles(put func(int, File)) []string {
	shards := make([][]string, ix.NShards)
	for t := range ix.Postings {
		k := ShardOf(t, ix.NShards)
		shards[k] = append(shards[k], t)
	}
	paths := make([]string, len(shards))
	parallel.For(len(shards), func(i int) {
		toks := shards[i]
		sort.Strings(toks)
		data := shardJSON(toks, ix.Postings)
		paths[i] = contentName(fmt.Sprintf("t%d", i), data)
		put(i, File{Path: paths[i], Data: data})
	})
	return paths
}

// shardJSON is one shard: {"token": [doc, score, doc-delta, score, ...]},
// tokens sorted, written by hand (encoding/json's reflection was a third
// of the index time).
func shardJSON(toks []string, postings map[string][]posting) []byte {
	est := 2
	for _, t := range toks {
		est += len(t) + 6 + 10*len(postings[t])
	}
	data := make([]byte, 0, est)
	data = append(data, '{')
	for k, t := range toks {
		if k > 0 {
			data = append(data, ',')
		}
		data = appendString(data, t)
		data = append(data, ':', '[')
		prev := int32(0)
		for j, p := range postings[t] {
			if j > 0 {
				data = append(data, ',')
			}
			data = strconv.AppendInt(data, int64(p.doc-prev), 10)
			data = append(data, ',')
			data = strconv.AppendInt(data, int64(p.score), 10)
			prev = p.doc
		}
		data = append(data, ']')
	}
	return append(data, '}')
}

// chunkFiles makes the document chunks, each about chunkBytes long, in
// parallel, handing each to put with its number; it returns their paths
// and the first document of each.
func (ix *Index) chunkFiles(put func(int, File)) (paths []string, starts []int) {
	// Where each chunk ends is found in order, then the chunks' JSON and
	// names are made in parallel; each unit's row is made as it is
	// written (a list of the rows was 14 MB on 10,000 posts).
	var sizes []int
	first, size := 0, 0
	for i, u := range ix.Units {
		for _, s := range chunkRow(u) {
			size += len(s) + 3
		}
		if size >= chunkBytes || i == len(ix.Units)-1 {
			starts, sizes = append(starts, first), append(sizes, size)
			first, size = i+1, 0
		}
	}
	paths = make([]string, len(starts))
	parallel.For(len(paths), func(k int) {
		end := len(ix.Units)
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		data := chunkJSON(ix.Units[starts[k]:end], sizes[k])
		paths[k] = contentName(fmt.Sprintf("d%d", k), data)
		put(k, File{Path: paths[k], Data: data})
	})
	return paths, starts
}

// chunkRow is what a chunk holds of a unit: type, title, url, snippet,
// source, date, lang.
func chunkRow(u Unit) [7]string {
	return [7]string{string(u.Type), u.Title, u.URL, snippetText(u.Text), u.Source, u.Date, u.Lang}
}

// chunkJSON is one chunk, the units' rows (chunkRow) as [[type, title,
// url, text, source, date, lang], ...], about size bytes long.
func chunkJSON(units []Unit, size int) []byte {
	data := make([]byte, 0, size+64)
	data = append(data, '[')
	for k, u := range units {
		if k > 0 {
			data = append(data, ',')
		}
		data = append(data, '[')
		for j, f := range chunkRow(u) {
			if j > 0 {
				data = append(data, ',')
			}
			data = appendString(data, f)
		}
		data = append(data, ']')
	}
	return append(data, ']')
}

// snippetText is the text kept for a unit's snippet.
func snippetText(s string) string {
	if len(s) <= snippetChars {
		return s
	}
	cut := snippetChars
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

// appendString appends s as a JSON string.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, fmt.Sprintf(`\u%04x`, c)...)
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

// marshal writes JSON without HTML escaping (the files are data, and
// smaller without \u003c), keys sorted, no trailing newline.
func marshal(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err) // only strings, ints and slices of them: cannot fail
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}
