package build

import (
	"bytes"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"path"
	"regexp"
	"strings"
	"sync"

	"github.com/dossier-ssg/dossier/generator/output"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
	"github.com/tdewolff/parse/v2/buffer"
)

// minifier minifies what a production build writes.
var minifier = func() *minify.M {
	m := minify.New()
	// Document and end tags are kept: the pages stay readable to any
	// parser, and the saving is small.
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$`), js.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	return m
}()

// mediaTypes maps the extensions minified to their media types.
var mediaTypes = map[string]string{
	".html": "text/html", ".css": "text/css", ".js": "application/javascript", ".mjs": "application/javascript",
	".svg": "image/svg+xml", ".json": "application/json", ".webmanifest": "application/manifest+json",
	".xml": "application/xml", ".jsonld": "application/ld+json",
}

// minifyFile minifies a file by its extension; other files, and files
// the minifier rejects, are returned as they are.
func minifyFile(name string, data []byte) []byte {
	return minifyInto(new(bytes.Buffer), name, data)
}

// minifyInto is minifyFile into buf, emptied first: it returns buf's
// bytes, or data itself. A build's pages are minified into buffers used
// again (minifyBuffers), rather than each into a new one.
func minifyInto(buf *bytes.Buffer, name string, data []byte) []byte {
	mt, ok := mediaTypes[path.Ext(name)]
	if !ok {
		return data
	}
	buf.Reset()
	buf.Grow(len(data))
	// buffer.Reader hands the minifier data itself, where another reader
	// would be read into a copy.
	if err := minifier.Minify(mt, buf, buffer.NewReader(data)); err != nil {
		return data
	}
	return buf.Bytes()
}

// minifyBuffers are the buffers a one-shot build minifies pages into.
var minifyBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Asset is a fingerprinted static file.
type Asset struct {
	URL       string // with the base path
	Integrity string // sha384-…, for integrity=""
}

// fingerprint renames stylesheets and scripts to name.<hash>.ext, so
// hosts can cache them forever, and returns how to refer to each by its
// original name.
func fingerprint(statics []output.File, basePath string, min bool) ([]output.File, map[string]Asset) {
	assets := map[string]Asset{}
	out := make([]output.File, 0, len(statics))
	for _, f := range statics {
		ext := path.Ext(f.Path)
		data := f.Data
		if min {
			data = minifyFile(f.Path, data)
		}
		if ext != ".css" && ext != ".js" {
			out = append(out, output.File{Path: f.Path, Data: data})
			continue
		}
		sum := sha256.Sum256(data)
		name := strings.TrimSuffix(f.Path, ext) + "." + hex.EncodeToString(sum[:])[:10] + ext
		sri := sha512.Sum384(data)
		assets[f.Path] = Asset{URL: strings.TrimSuffix(basePath, "/") + "/" + name, Integrity: "sha384-" + base64.StdEncoding.EncodeToString(sri[:])}
		out = append(out, output.File{Path: name, Data: data})
	}
	return out, assets
}

// robots is robots.txt: everything may be crawled; the sitemap is named.
func robots(sitemapURL string) []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + sitemapURL + "\n")
}
