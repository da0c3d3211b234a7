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
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math"
	"unicode/utf8"
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
	Type   Type
	Title  string
	URL    string   // with the base path, and the paragraph anchor for passages
	Text   string   // plain text
	Names  []string // name and aliases: weigh most
	Date   string   // as shown
	Source string   // the source's short name, for passages, quotes and notes
	Lang   string   // BCP 47 tag of Text, when not the page's
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
	shardBytes = 12000
	chunkBytes = 8000
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
	h := fnv.New32a()
	h.Write([]byte(key))
	return int(h.Sum32() % uint32(n))
}

// posting is one document's score for a token.
type posting struct {
	doc   int
	score int
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
func New(units []Unit) *Index {
	ix := &Index{Units: units, Postings: map[string][]posting{}}
	tfs := make([]map[string]int, len(units))
	inName := make([]map[string]bool, len(units))
	inTitle := make([]map[string]bool, len(units))
	inLead := make([]map[string]bool, len(units))
	for i := range inName {
		inName[i], inTitle[i], inLead[i] = map[string]bool{}, map[string]bool{}, map[string]bool{}
	}
	names := map[string]map[int]bool{}
	lens := make([]int, len(units))
	df := map[string]int{}
	total := 0
	for i, u := range units {
		tf := map[string]int{}
		for _, n := range u.Names {
			for _, t := range Tokens(n) {
				tf[t] += 0 // present even if only in a name
				inName[i][t] = true
			}
			if k := NameKey(n); k != "" && !names[k][i] {
				if names[k] == nil {
					names[k] = map[int]bool{}
				}
				names[k][i] = true
				ix.Postings[k] = append(ix.Postings[k], posting{i, NameHit})
			}
		}
		tt := Tokens(u.Title)
		for _, t := range tt {
			tf[t] += weightTitle
			inTitle[i][t] = true
		}
		bt := Tokens(u.Text)
		for _, t := range bt {
			tf[t] += weightText
		}
		if r := []rune(u.Text); len(r) > leadRunes {
			for _, t := range Tokens(string(r[:leadRunes])) {
				inLead[i][t] = true
			}
		}
		// An event's date names it as its title does.
		for _, t := range Tokens(u.Date) {
			tf[t] += weightTitle
			inTitle[i][t] = true
		}
		tfs[i] = tf
		lens[i] = len(tt) + len(bt)
		total += lens[i]
		for t := range tf {
			df[t]++
		}
	}
	avg := 1.0
	if len(units) > 0 && total > 0 {
		avg = float64(total) / float64(len(units))
	}
	n := float64(len(units))
	for i, tf := range tfs {
		norm := bm25K1 * (1 - bm25B + bm25B*float64(lens[i])/avg)
		for t, f := range tf {
			idf := math.Log(1 + (n-float64(df[t])+0.5)/(float64(df[t])+0.5))
			s := idf * float64(f) * (bm25K1 + 1) / (float64(f) + norm)
			if inName[i][t] {
				s += idf * nameBoost
			}
			if inTitle[i][t] {
				s += idf * titleBoost
			} else if inLead[i][t] {
				s += idf * leadBoost
			}
			q := int(math.Round(s * 100))
			if q < 1 {
				q = 1
			}
			ix.Postings[t] = append(ix.Postings[t], posting{i, q})
		}
	}
	size := 0
	for t, ps := range ix.Postings {
		size += len(t) + 6 + 8*len(ps)
	}
	ix.NShards = max(1, (size+shardBytes-1)/shardBytes)
	return ix
}

// Build indexes the units and returns the index files: index.json, the
// term shards, the document chunks and, if there are any, the previews.
func Build(units []Unit, previews map[string]Preview) []File {
	return New(units).files(previews)
}

// Files writes the index.
func (ix *Index) Files() []File { return ix.files(nil) }

func (ix *Index) files(previews map[string]Preview) []File {
	var files []File
	name := func(prefix string, data []byte) string {
		sum := sha256.Sum256(data)
		return prefix + "." + hex.EncodeToString(sum[:])[:10] + ".json"
	}
	m := Manifest{Version: 1, Docs: len(ix.Units), Types: []Type{TypePerson, TypeOrganization, TypeEvent, TypeClaim, TypeQuote, TypeAnnotation, TypeParagraph, TypePage}}

	// Term shards: {"token": [doc, score, doc-delta, score, ...]}.
	shards := make([]map[string][]int, ix.NShards)
	for i := range shards {
		shards[i] = map[string][]int{}
	}
	for t, ps := range ix.Postings {
		flat := make([]int, 0, 2*len(ps))
		prev := 0
		for _, p := range ps {
			flat = append(flat, p.doc-prev, p.score)
			prev = p.doc
		}
		shards[ShardOf(t, ix.NShards)][t] = flat
	}
	for i, s := range shards {
		data := marshal(s)
		n := name(fmt.Sprintf("t%d", i), data)
		m.Shards = append(m.Shards, n)
		files = append(files, File{Path: n, Data: data})
	}

	// Document chunks: [[type, title, url, text, source, date, lang], ...].
	var chunk [][]string
	first, size := 0, 0
	flush := func(next int) {
		if len(chunk) == 0 {
			return
		}
		data := marshal(chunk)
		n := name(fmt.Sprintf("d%d", len(m.Chunks)), data)
		m.Chunks = append(m.Chunks, n)
		m.Starts = append(m.Starts, first)
		files = append(files, File{Path: n, Data: data})
		chunk, first, size = nil, next, 0
	}
	for i, u := range ix.Units {
		row := []string{string(u.Type), u.Title, u.URL, snippetText(u.Text), u.Source, u.Date, u.Lang}
		chunk = append(chunk, row)
		for _, s := range row {
			size += len(s) + 3
		}
		if size >= chunkBytes {
			flush(i + 1)
		}
	}
	flush(len(ix.Units))
	if len(previews) > 0 {
		p := previewFile(previews)
		m.Previews = p.Path
		files = append(files, p)
	}
	files = append(files, File{Path: "index.json", Data: marshal(m)})
	return files
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
