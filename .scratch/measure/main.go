package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

func main() {
	base := os.Args[1]
	widths := []int{1440, 390}
	var pages []string
	shots, scheme := "", "light"
	at := 0.0
	for _, a := range os.Args[2:] {
		if strings.HasPrefix(a, "shots=") {
			shots = strings.TrimPrefix(a, "shots=")
			continue
		}
		if strings.HasPrefix(a, "at=") {
			at, _ = strconv.ParseFloat(strings.TrimPrefix(a, "at="), 64)
			continue
		}
		if strings.HasPrefix(a, "scheme=") {
			scheme = strings.TrimPrefix(a, "scheme=")
			continue
		}
		if strings.HasPrefix(a, "widths=") {
			widths = nil
			for _, w := range strings.Split(strings.TrimPrefix(a, "widths="), ",") {
				n, _ := strconv.Atoi(w)
				widths = append(widths, n)
			}
			continue
		}
		pages = append(pages, a)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath("chromium"), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.Flag("hide-scrollbars", true))
	actx, c1 := chromedp.NewExecAllocator(context.Background(), opts...)
	defer c1()
	ctx, c2 := chromedp.NewContext(actx)
	defer c2()
	chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
		return err
	}))
	for _, w := range widths {
		for _, p := range pages {
			err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(w), 900), chromedp.Navigate(base+p))
			if err != nil {
				fmt.Println(p, err)
				continue
			}
			h, _ := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.documentElement.scrollHeight`))
			sw, _ := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.documentElement.scrollWidth`))
			fmt.Printf("%d\t%s\theight %.0f\twidth %.0f\n", w, p, h, sw)
			if shots != "" {
				ch := 2400.0
				if h-at < ch {
					ch = h - at
				}
				buf, err := chromedp.Run(ctx, chromedp.Action[[]byte](func(ctx context.Context, t *chromedp.Target) ([]byte, error) {
					r, err := cdp.Call(ctx, t, page.CaptureScreenshot, page.CaptureScreenshotParams{CaptureBeyondViewport: ptr(true), Clip: &page.Viewport{X: 0, Y: at, Width: float64(w), Height: ch, Scale: 1}})
					if err != nil {
						return nil, err
					}
					return r.Data, nil
				}))
				if err != nil {
					fmt.Println(err)
				}
				name := strings.NewReplacer("/", "_").Replace(strings.Trim(p, "/"))
				if name == "" {
					name = "home"
				}
				os.WriteFile(shots+"/"+name+"-"+strconv.Itoa(w)+"-"+scheme+fmt.Sprintf("-%.0f", at)+".png", buf, 0o644)
			}
		}
	}
}

func ptr[T any](v T) *T { return &v }
