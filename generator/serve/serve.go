// Package serve is dossier's preview server: it builds the site in
// memory, serves it, watches the site's files, rebuilds what changed and
// tells open pages over Server-Sent Events, so that a changed page
// reloads (keeping its scroll position), a changed stylesheet is swapped
// in place, and a broken build shows its errors over the page while the
// last good site stays served.
package serve

import (
	"bytes"
	"context"
	"crypto/rand"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dossier-ssg/dossier/generator/build"
	"github.com/dossier-ssg/dossier/generator/diag"
	"github.com/fsnotify/fsnotify"
)

//go:embed live.js
var liveJS []byte

// Options configure a server.
type Options struct {
	SiteDir    string
	Addr       string   // listen address, default 127.0.0.1:1313
	AllowHosts []string // extra Host names accepted (DNS-rebinding guard)
	Log        io.Writer
	// Quiet and Max tune the event batcher (defaults 10 ms and 250 ms).
	Quiet, Max time.Duration
	// Clock is the batcher's clock (default: the real one); tests pass a
	// manual clock to decide exactly when a burst ends.
	Clock Clock
}

// Server is a running preview.
type Server struct {
	opts    Options
	ln      net.Listener
	srv     *http.Server
	session *build.Session
	id      string // changes when the server restarts

	mu     sync.RWMutex
	files  map[string][]byte // the last good site, by slash path
	errs   []errView         // the current build errors, if any
	builds int               // the site's version: good builds that changed something

	clientsMu sync.Mutex
	clients   map[chan event]bool

	reset   atomic.Bool // events were lost: the next build starts afresh
	buildMu sync.Mutex
	watcher *fsnotify.Watcher
	batcher *Batcher
	done    chan struct{}
	// Built receives one value per finished build, for tests.
	Built chan BuildInfo
}

// BuildInfo describes one rebuild.
type BuildInfo struct {
	Duration time.Duration
	Pages    []string // URL paths of pages whose output changed
	CSS      []string // URL paths of changed stylesheets
	Rendered int      // pages whose templates ran
	Errors   int
	Changed  []string // the paths of the batch that caused it (nil: the first build)
}

type errView struct {
	Where string `json:"where"`
	Msg   string `json:"msg"`
	Hint  string `json:"hint,omitempty"`
}

type event struct {
	name string
	data []byte
}

// New builds the site and starts listening; Serve then serves it.
func New(opts Options) (*Server, error) {
	if opts.Addr == "" {
		opts.Addr = "127.0.0.1:1313"
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.Quiet == 0 {
		opts.Quiet = 10 * time.Millisecond
	}
	if opts.Max == 0 {
		opts.Max = 250 * time.Millisecond
	}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return nil, err
	}
	idb := make([]byte, 6)
	rand.Read(idb)
	s := &Server{opts: opts, ln: ln, id: hex.EncodeToString(idb), files: map[string][]byte{}, clients: map[chan event]bool{}, done: make(chan struct{}), Built: make(chan BuildInfo, 64)}
	// The site is built for the address it is served at, so links work.
	s.session = build.NewSession(build.Options{SiteDir: opts.SiteDir, BaseURL: "http://" + s.Addr() + "/", NoMinify: true, NoFingerprint: true})
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	// Watch first, so that nothing saved during the first build is missed.
	if err := s.watch(); err != nil {
		ln.Close()
		return nil, err
	}
	s.rebuild(true, nil)
	return s, nil
}

// Addr is the address the server listens on.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// URL is the server's home page.
func (s *Server) URL() string { return "http://" + s.Addr() + "/" }

// Serve serves until ctx is done, then shuts down cleanly.
func (s *Server) Serve(ctx context.Context) error {
	errc := make(chan error, 1)
	go func() { errc <- s.srv.Serve(s.ln) }()
	select {
	case err := <-errc:
		s.stop()
		return err
	case <-ctx.Done():
	}
	s.stop()
	sctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	err := s.srv.Shutdown(sctx)
	if errors.Is(err, context.DeadlineExceeded) {
		err = s.srv.Close()
	}
	return err
}

func (s *Server) stop() {
	select {
	case <-s.done:
		return
	default:
	}
	close(s.done)
	s.watcher.Close()
	s.clientsMu.Lock()
	for c := range s.clients {
		close(c)
		delete(s.clients, c)
	}
	s.clientsMu.Unlock()
}

// watch watches content/, templates/ and static/ (every folder in them,
// including folders created later) and the site config.
func (s *Server) watch() error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	s.watcher = w
	// The site folder itself, not recursively: to see content/, templates/
	// or static/ created (or re-created) later.
	if err := w.Add(s.opts.SiteDir); err != nil {
		return err
	}
	for _, dir := range watchedDirs {
		s.addTree(filepath.Join(s.opts.SiteDir, dir))
	}
	s.batcher = NewBatcher(s.opts.Quiet, s.opts.Max, s.opts.Clock)
	go s.events()
	go func() {
		for batch := range s.batcher.Batches() {
			s.logf("changed: %s", summarize(batch))
			s.rebuild(false, batch)
		}
	}()
	return nil
}

func (s *Server) addTree(root string) {
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			rel, _ := filepath.Rel(s.opts.SiteDir, p)
			if p != root && Ignored(rel) {
				return filepath.SkipDir
			}
			if err := s.watcher.Add(p); err != nil {
				s.logf("cannot watch %s: %v", p, err)
			}
		}
		return nil
	})
}

func (s *Server) events() {
	defer s.batcher.Close()
	for {
		select {
		case ev, ok := <-s.watcher.Events:
			if !ok {
				return
			}
			rel, err := filepath.Rel(s.opts.SiteDir, ev.Name)
			if err != nil || Ignored(rel) || !inWatched(rel) {
				continue // public/, the spare, anything else beside the site
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					// A new folder: watch it. Not from this goroutine:
					// some fsnotify backends answer Add only while their
					// events are being read. The rebuild reads the disk,
					// so files put in the folder before the watch count.
					go s.addTree(ev.Name)
				}
			}
			s.batcher.Add(rel)
		case err, ok := <-s.watcher.Errors:
			if !ok {
				return
			}
			// An overflow or a watch error: events were lost, so rebuild
			// everything from what is on disk.
			s.logf("watcher: %v; rebuilding everything", err)
			s.reset.Store(true)
			s.batcher.Add("*")
		}
	}
}

// watchedDirs are the site's folders that are watched.
var watchedDirs = []string{"content", "templates", "static"}

func inWatched(rel string) bool {
	top := strings.SplitN(filepath.ToSlash(rel), "/", 2)[0]
	for _, d := range watchedDirs {
		if top == d {
			return true
		}
	}
	return false
}

func summarize(paths []string) string {
	sort.Strings(paths)
	if len(paths) > 3 {
		return strings.Join(paths[:3], ", ") + fmt.Sprintf(" and %d more", len(paths)-3)
	}
	return strings.Join(paths, ", ")
}

func (s *Server) logf(format string, args ...any) {
	fmt.Fprintf(s.opts.Log, time.Now().Format("15:04:05")+" "+format+"\n", args...)
}

// rebuild builds the site from disk and, if it built, swaps it in and
// tells the pages what changed; if not, keeps the last good site and
// shows the errors.
func (s *Server) rebuild(first bool, changed []string) {
	s.buildMu.Lock() // one build at a time: the session is not shared
	defer s.buildMu.Unlock()
	s.session.Forget(changed)
	start := time.Now()
	if s.reset.Swap(false) {
		s.session = build.NewSession(s.session.Opts)
	}
	res, err := s.session.Build()
	info := BuildInfo{Duration: time.Since(start), Changed: changed}
	var be *diag.BuildError
	switch {
	case errors.As(err, &be):
		errs := be.Diags.Errors()
		fmt.Fprint(s.opts.Log, errs.String())
		s.logf("build failed: %d error(s); still serving the last good site", len(errs))
		info.Errors = s.showErrors(errViews(errs))
	case err != nil:
		s.logf("build failed: %v", err)
		info.Errors = s.showErrors([]errView{{Where: s.opts.SiteDir, Msg: err.Error()}})
	default:
		if w := res.Diags.Warnings(); len(w) > 0 {
			fmt.Fprint(s.opts.Log, w.String())
		}
		hadErrs := s.swapIn(res, &info)
		if first {
			s.logf("built %d pages in %d ms", res.Pages, res.Duration.Milliseconds())
		} else {
			s.logf("rebuilt in %d ms: %d page(s) re-rendered, %d changed, %d stylesheet(s) changed", info.Duration.Milliseconds(), info.Rendered, len(info.Pages), len(info.CSS))
		}
		s.notify(info, hadErrs)
	}
	select {
	case s.Built <- info:
	default:
	}
}

// errViews are the errors as the overlay shows them.
func errViews(errs diag.List) []errView {
	var views []errView
	for _, d := range errs {
		where := d.File
		if d.Line > 0 {
			where += ":" + strconv.Itoa(d.Line)
			if d.Col > 0 {
				where += ":" + strconv.Itoa(d.Col)
			}
		}
		views = append(views, errView{Where: where, Msg: d.Msg, Hint: d.Hint})
	}
	return views
}

// showErrors keeps the last good site served and shows the errors on
// every open page; it returns their number.
func (s *Server) showErrors(views []errView) int {
	s.mu.Lock()
	s.errs = views
	s.mu.Unlock()
	data, _ := json.Marshal(views)
	s.broadcast(event{"errors", data})
	return len(views)
}

// swapIn serves a good build's files from now on and fills in what
// changed; it reports whether errors were being shown.
func (s *Server) swapIn(res *build.Result, info *BuildInfo) (hadErrs bool) {
	next := make(map[string][]byte, len(res.Files))
	for _, f := range res.Files {
		next[f.Path] = f.Data
	}
	s.mu.Lock()
	old := s.files
	hadErrs = len(s.errs) > 0
	s.files, s.errs = next, nil
	s.mu.Unlock()
	info.Pages, info.CSS = diffFiles(old, next)
	if len(info.Pages)+len(info.CSS) > 0 {
		s.mu.Lock()
		s.builds++ // the version of the site pages are stamped with
		s.mu.Unlock()
	}
	info.Rendered = len(res.Rendered)
	return hadErrs
}

// notify tells open pages what changed: pages reload, stylesheets swap.
func (s *Server) notify(info BuildInfo, hadErrs bool) {
	data, _ := json.Marshal(map[string]any{"pages": info.Pages, "css": info.CSS})
	if hadErrs {
		s.broadcast(event{"ok", []byte("{}")})
	}
	if len(info.Pages)+len(info.CSS) > 0 || hadErrs {
		s.broadcast(event{"change", data})
	}
}

// diffFiles compares two builds' files: the URL paths of pages (and other
// files) whose bytes changed, added or deleted, and of changed
// stylesheets, each sorted. Both lists are non-nil, for the JSON sent to
// pages.
func diffFiles(old, next map[string][]byte) (pages, css []string) {
	pages, css = []string{}, []string{}
	for p, data := range next {
		if prev, ok := old[p]; ok && bytes.Equal(prev, data) {
			continue
		}
		switch {
		case strings.HasSuffix(p, ".html"):
			pages = append(pages, urlPath(p))
		case strings.HasSuffix(p, ".css"):
			css = append(css, "/"+p)
		case strings.HasSuffix(p, ".json"):
			// Data (the search index, previews): no page shows it as it is.
		default:
			pages = append(pages, "/"+p)
		}
	}
	for p := range old {
		if _, ok := next[p]; !ok && strings.HasSuffix(p, ".html") {
			pages = append(pages, urlPath(p)) // deleted: show the 404
		}
	}
	sort.Strings(pages)
	sort.Strings(css)
	return pages, css
}

// urlPath turns an output file into the URL path a browser shows.
func urlPath(p string) string {
	if p == "index.html" {
		return "/"
	}
	if strings.HasSuffix(p, "/index.html") {
		return "/" + strings.TrimSuffix(p, "index.html")
	}
	return "/" + p
}

func (s *Server) broadcast(e event) {
	s.clientsMu.Lock()
	defer s.clientsMu.Unlock()
	for c := range s.clients {
		select {
		case c <- e:
		default: // a stuck client misses this one; it reconnects
		}
	}
}

// ServeHTTP serves the site from memory.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-cache")
	if !s.hostAllowed(r.Host) {
		host, _, err := net.SplitHostPort(r.Host)
		if err != nil {
			host = r.Host
		}
		http.Error(w, fmt.Sprintf("Blocked request: the Host %q is not allowed. To allow it, run dossier serve --allow-host %s", r.Host, host), http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case "/__dossier/events":
		s.serveEvents(w, r)
		return
	case "/__dossier/live.js":
		h.Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write(liveJS)
		return
	}
	name, ok := cleanPath(r.URL.Path)
	if !ok {
		s.notFound(w, r)
		return
	}
	s.mu.RLock()
	data, found := s.files[name]
	_, isDir := s.files[strings.TrimSuffix(name, "/")+"/index.html"]
	s.mu.RUnlock()
	switch {
	case found && !strings.HasSuffix(name, "/") && name != "":
	case name == "" || strings.HasSuffix(name, "/"):
		s.mu.RLock()
		data, found = s.files[name+"index.html"]
		s.mu.RUnlock()
	case isDir:
		// A folder without its slash: go to the canonical URL, built from
		// the cleaned name ("//x" must not become a link to host x).
		http.Redirect(w, r, "/"+name+"/", http.StatusMovedPermanently)
		return
	}
	if !found {
		s.notFound(w, r)
		return
	}
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	s.write(w, r, name, data, http.StatusOK)
}

// cleanPath maps a URL path to a file of the site, or reports false for
// anything that tries to leave it: "..", backslashes, NUL, or encoded
// separators that decode to any of those.
func cleanPath(p string) (string, bool) {
	if strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || seg == "." {
			return "", false
		}
	}
	c := path.Clean("/" + p)
	if strings.HasSuffix(p, "/") && c != "/" {
		c += "/"
	}
	return strings.TrimPrefix(c, "/"), true
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	name := "404.html"
	s.mu.RLock()
	// The 404 page in the language of the path asked for.
	if i := strings.IndexByte(strings.TrimPrefix(r.URL.Path, "/"), '/'); i > 0 {
		if _, ok := s.files[r.URL.Path[1:i+1]+"/404.html"]; ok {
			name = r.URL.Path[1:i+1] + "/404.html"
		}
	}
	data, ok := s.files[name]
	s.mu.RUnlock()
	if !ok {
		data = []byte("<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Not found</title></head><body><h1>Not found</h1></body></html>")
	}
	s.write(w, r, name, data, http.StatusNotFound)
}

func (s *Server) write(w http.ResponseWriter, r *http.Request, name string, data []byte, code int) {
	ct := mime.TypeByExtension(path.Ext(name))
	switch path.Ext(name) {
	case ".html":
		ct = "text/html; charset=utf-8"
		s.mu.RLock()
		build := s.builds
		s.mu.RUnlock()
		data = inject(data, build)
	case ".css":
		ct = "text/css; charset=utf-8"
	case ".js", ".mjs":
		ct = "text/javascript; charset=utf-8"
	case ".xml":
		ct = "application/xml; charset=utf-8"
	case ".json":
		ct = "application/json"
	case ".svg":
		ct = "image/svg+xml"
	case ".txt":
		ct = "text/plain; charset=utf-8"
	case ".webmanifest":
		ct = "application/manifest+json"
	}
	if ct == "" {
		ct = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(code)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// inject adds the live-reload script to a page, in serve mode only. The
// build number lets the script see a rebuild that happened between this
// response and its connection to the event stream.
func inject(page []byte, build int) []byte {
	tag := []byte(`<script src="/__dossier/live.js" data-build="` + strconv.Itoa(build) + `" defer></script>`)
	if i := bytes.Index(page, []byte("</head>")); i >= 0 {
		out := make([]byte, 0, len(page)+len(tag))
		out = append(out, page[:i]...)
		out = append(out, tag...)
		return append(out, page[i:]...)
	}
	return append(append([]byte(nil), page...), tag...)
}

func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	c := make(chan event, 64)
	s.clientsMu.Lock()
	select {
	case <-s.done:
		s.clientsMu.Unlock()
		return
	default:
	}
	s.clients[c] = true
	s.clientsMu.Unlock()
	defer func() {
		s.clientsMu.Lock()
		if s.clients[c] {
			delete(s.clients, c)
		}
		s.clientsMu.Unlock()
	}()
	s.mu.RLock()
	hello, _ := json.Marshal(map[string]any{"server": s.id, "errors": s.errs, "build": s.builds})
	s.mu.RUnlock()
	fmt.Fprintf(w, "retry: 500\nevent: hello\ndata: %s\n\n", hello)
	fl.Flush()
	tick := time.NewTicker(15 * time.Second)
	defer tick.Stop()
	for {
		select {
		case e, ok := <-c:
			if !ok {
				return
			}
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, e.data)
			fl.Flush()
		case <-tick.C:
			fmt.Fprint(w, ": keep-alive\n\n")
			fl.Flush()
		case <-r.Context().Done():
			return
		}
	}
}

// hostAllowed guards against DNS rebinding (as Vite does since
// CVE-2025-24010): a page on another site must not be able to read this
// one by pointing its own name at 127.0.0.1. IP addresses, localhost and
// the names given with --allow-host are accepted.
func (s *Server) hostAllowed(hostport string) bool {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		host = hostport
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "" {
		return false
	}
	if net.ParseIP(strings.Trim(host, "[]")) != nil {
		return true
	}
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	for _, a := range s.opts.AllowHosts {
		a = strings.ToLower(a)
		if a == host || strings.HasPrefix(a, ".") && strings.HasSuffix(host, a) {
			return true
		}
	}
	return false
}
