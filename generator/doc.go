// Package generator is dossier's engine; cmd/dossier only calls its
// command line (generator/cli). This comment is the design in one page.
//
// # The pipeline
//
// Data flows one way, and each stage takes the previous stage's result
// and never reaches back into the file system:
//
//		files ──content.Parse──▶ Docs ──site.Build──▶ graph ──render──▶ pages ──output──▶ public/
//		         (parallel)               (per language)      (parallel)
//
//	 1. Load (build.loadCached): walk content/, read each .md file and parse
//	    it into a content.Doc. A Doc depends only on its own bytes: front
//	    matter decoded into typed fields with positioned diagnostics, the
//	    body parsed once by the one goldmark instance (generator/markdown),
//	    which records blocks with stable anchors, wikilinks, inline
//	    citations and relative links. Docs are immutable after Parse.
//	 2. Languages (build.languages): each translation (name.zh.md) is merged
//	    into its original by content.Localize, giving the Docs of each
//	    language's site; untranslated pages fall back to the original.
//	 3. Graph (site.Build, once per language): index by kind and slug;
//	    resolve references (participants, speakers, about:, wikilinks,
//	    relative links); verify every citation against its source's text
//	    (generator/quote, with a cache of normalised blocks and matches);
//	    find entity mentions in source texts; place annotations on their
//	    passages; gather and sort backlinks. Templates read the graph; they
//	    never compute it.
//	 4. Render (render.Builder.Pages): Markdown bodies are rendered with the
//	    graph's decisions passed in as data (link targets, citation
//	    markers, mention links, highlights and notes), whose markup the
//	    site's hook templates write (templates/hooks/, render/hooks.go);
//	    then one view value
//	    per page, and the html/template templates of templates/ run over
//	    them in parallel, one set of template functions per language.
//	 5. Output (output.Write): minified files are written into a spare
//	    folder beside public/ by manifest (only changed files are written)
//	    and swapped in with one rename, so public/ is never half-written.
//
// Diagnostics (generator/diag) are collected by every stage and reported
// together, sorted, as file:line:col with a hint; any error stops the
// build before anything is written.
//
// # What is immutable across rebuilds, and why
//
// The preview server (generator/serve) keeps a build.Session: parsed Docs
// keyed by path (re-parsed only when the file changed), merged
// translations keyed by their pair of Docs, citation lookups keyed by the
// immutable block and document (site.Cache), rendered bodies and pages
// with the dependencies each recorded (render.Deps). Because Docs and
// their syntax trees never change after parsing, a rebuild can re-parse
// one file, rebuild the graphs (cheap), and re-render only the bodies and
// pages whose recorded dependencies changed (render.ChangedKeys); the
// tests compare every incremental result with a fresh build.
//
// # Where to add things
//
//   - A content kind: one content.Spec, in its own file (content/kind_*.go
//     for the built-in kinds, added to the registry list in spec.go; or a
//     content.Register call from another package), a template in
//     templates/ named by Spec.Template, and its interface strings in
//     content/i18n/ (nav.<Nav>, list.<kind>.title and .description,
//     count.<kind>, back.<Relation>). Everything that iterates over kinds
//     ranges over content.Specs(): decoding, translation, dossier new,
//     the navigation, home counts, index pages, backlinks, the feed,
//     JSON-LD, search and the translation report. A kind whose keys need
//     more than their declared type (a computed title, a cross-check)
//     gives Spec.Decode; one that needs a page view beyond Page.Fields
//     gets a case in render's docPage (see README, Adding a kind).
//   - A page that is not a document (an index, the timeline): a method of
//     render's indexes (indexes.go) with its template name in
//     render's siteTemplates and the template file.
//   - Markup inside rendered text (links, citation markers, mentions,
//     highlights, notes, headings): a hook template in templates/hooks/
//     and its value type in render/hooks.go; the values are worked out in
//     render.Builder.renderBody and the markdown renderer's options
//     (markdown.RenderOptions).
//   - A site file (feed, sitemap): build.Session.Build adds it to the
//     output files.
package generator
