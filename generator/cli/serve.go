package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strings"
	"syscall"

	"github.com/dossier-ssg/dossier/generator/internal/gcpace"
	"github.com/dossier-ssg/dossier/generator/serve"
)

// hostList collects repeated --allow-host flags.
type hostList []string

func (h *hostList) String() string     { return strings.Join(*h, ",") }
func (h *hostList) Set(v string) error { *h = append(*h, v); return nil }

func runServe(args []string, stdout, stderr io.Writer) int {
	gcpace.Start()
	fs := newFlags("serve", "serve [-s SITE] [--addr 127.0.0.1:1313] [--open] [--allow-host NAME]", stderr)
	siteDir := fs.String("s", ".", "`SITE` is the site folder")
	addr := fs.String("addr", "127.0.0.1:1313", "the `address` to listen on; it stays on this machine unless you give another interface, e.g. 0.0.0.0:1313")
	open := fs.Bool("open", false, "open the site in the browser")
	var hosts hostList
	fs.Var(&hosts, "allow-host", "also accept requests for this host `name` (repeatable; .example.org allows its subdomains)")
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	if err := needSite(*siteDir); err != nil {
		fmt.Fprintf(stderr, "dossier serve: %v\n", err)
		return 1
	}
	srv, err := serve.New(serve.Options{SiteDir: *siteDir, Addr: *addr, AllowHosts: hosts, Log: stderr})
	if err != nil {
		fmt.Fprintf(stderr, "dossier serve: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "serving %s at %s (Ctrl-C to stop)\n", *siteDir, srv.URL())
	if *open {
		openBrowser(srv.URL())
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := srv.Serve(ctx); err != nil {
		fmt.Fprintf(stderr, "dossier serve: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, "stopped")
	return 0
}

func openBrowser(url string) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err == nil {
		go cmd.Wait()
	}
}
