package search

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"sync"
)

//go:embed search.js
var scriptSrc []byte

var script = sync.OnceValues(func() ([]byte, string) {
	folds := map[string]string{}
	for base, list := range foldTable {
		for _, r := range list {
			folds[string(r)] = base
		}
	}
	stops := map[string]int{}
	for w := range stopWords {
		stops[w] = 1
	}
	s := bytes.Replace(scriptSrc, []byte("/*FOLD*/{}"), marshal(folds), 1)
	s = bytes.Replace(s, []byte("/*STOP*/{}"), marshal(stops), 1)
	sum := sha256.Sum256(s)
	return s, "search." + hex.EncodeToString(sum[:])[:10] + ".js"
})

// Script is the search and preview script, with the tokeniser's tables
// written in.
func Script() []byte { s, _ := script(); return s }

// ScriptName is the script's file name, fingerprinted.
func ScriptName() string { _, n := script(); return n }

// Preview is the card shown when hovering a link: a title, a short meta
// line (a date, a source), one line of text, and its language when it
// is not the page's.
type Preview struct {
	Kind  string `json:"k"` // person, organization, event, claim, passage
	Title string `json:"t"`
	Meta  string `json:"m,omitempty"`
	Line  string `json:"l,omitempty"`
	Lang  string `json:"lang,omitempty"`
}

// previewFile writes the previews, keyed by link address.
func previewFile(ps map[string]Preview) File {
	data := marshal(ps) // map keys sorted: the same previews, the same bytes
	return File{Path: contentName("previews", data), Data: data}
}
