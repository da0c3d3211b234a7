// Package browsertest drives headless Chromium from tests (chromedp), and
// finds the other tools the quality gates run: the Nu Html Checker, axe-core
// and nginx.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
)

// Chromium finds the browser: $CHROME, or Debian's chromium.
func Chromium(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("CHROME"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("this test needs Chromium: apt-get install chromium (.ci/run does), or set CHROME")
	return ""
}

// Browser starts a headless Chromium and returns a tab, closed at the end
// of the test; extra options are added to the defaults (a flag, say).
func Browser(t testing.TB, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(Chromium(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 900),
	)
	opts = append(opts, extra...)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	if _, err := chromedp.Run(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}

// Until evaluates a JavaScript condition until it is true, or fails.
func Until(t testing.TB, ctx context.Context, what, js string) {
	t.Helper()
	deadline := time.Now().Add(8 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText.slice(0, 300) : ""`))
			t.Fatalf("%s: %s never became true (err %v); page: %q", what, js, err, text)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// Eval evaluates JavaScript and returns its value.
func Eval[T any](t testing.TB, ctx context.Context, js string, opts ...chromedp.EvaluateOption) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, opts...))
	if err != nil {
		t.Fatalf("%.80s: %v", js, err)
	}
	return v
}

// Tool finds a file a quality gate needs: from the environment variable,
// else from .ci/tools (where make test and .ci/run install it).
func Tool(t testing.TB, env, rel string) string {
	t.Helper()
	if p := os.Getenv(env); p != "" {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	p := filepath.Join(sitetest.RepoRoot(t), ".ci", "tools", "node_modules", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("this test needs %s: run make tools (npm install --prefix .ci/tools vnu-jar axe-core), or set %s", rel, env)
	}
	return p
}
