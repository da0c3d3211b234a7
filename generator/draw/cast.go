package draw

import (
	"math"
	"sort"

	template "github.com/dossier-ssg/dossier/generator/internal/template/html"
)

// Node is one person or organisation of the cast.
type Node struct {
	ID, Label, URL string
	Class          string // person, org, musk, altman…
	Weight         int    // events taken part in
	Name           string // accessible name of its link
}

// Edge joins two nodes (indexes) that took part in Weight events together.
type Edge struct{ A, B, Weight int }

// Point is a laid-out node: its centre, its radius, and its label's box.
type Point struct {
	X, Y, R float64
	Ring    int
	Label   Rect
	Anchor  string
}

// Cast is the input of the cast map.
type Cast struct {
	ID, Title, Desc string
	Nodes           []Node
	Edges           []Edge
	Key             []KeyItem
	Note            string
	// Aspect is the rings' height over their width: below 1 for wide
	// screens, above 1 for phones. Zero means 0.62.
	Aspect float64
	Fit    string // see Timeline.Fit
}

const (
	csFont   = 12.0
	csLabelH = 24.0 // a label is its link's target: 24 px high (WCAG 2.2)
)

// Rings sorts nodes into rings by weight: the few most connected in the
// middle, then the next, then the rest. Ties go by ID so the same cast
// always gives the same rings.
func Rings(nodes []Node) [][]int {
	idx := make([]int, len(nodes))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		na, nb := nodes[idx[a]], nodes[idx[b]]
		if na.Weight != nb.Weight {
			return na.Weight > nb.Weight
		}
		return na.ID < nb.ID
	})
	sizes := []int{3, 9}
	var out [][]int
	for i := 0; i < len(idx); {
		n := len(idx) - i
		if len(out) < len(sizes) && sizes[len(out)] < n {
			n = sizes[len(out)]
		}
		out = append(out, idx[i:i+n])
		i += n
	}
	return out
}

// NodeRadius is the size of a node taking part in w events.
func NodeRadius(w int) float64 { return 3 + 1.6*math.Sqrt(float64(w)) }

// LayoutCast places the nodes on concentric ellipses, most connected in
// the middle; each ring is ordered by where its neighbours on inner
// rings sit, to keep the lines short. Labels sit outside their node,
// and rings are pushed apart until no label or node overlaps another.
// The result depends only on the input: no randomness, no clock.
func LayoutCast(nodes []Node, edges []Edge, aspect float64) []Point {
	rings := Rings(nodes)
	angle := ringAngles(nodes, rings, neighbours(len(nodes), edges))
	pts := make([]Point, len(nodes))
	for k, ring := range rings {
		for _, i := range ring {
			pts[i] = Point{R: NodeRadius(nodes[i].Weight), Ring: k}
		}
	}
	// Radii per ring; grow the crowded rings until nothing overlaps.
	rx := make([]float64, len(rings))
	for k := range rx {
		rx[k] = 50 + 90*float64(k)
		if k == 0 && len(rings[0]) == 1 {
			rx[k] = 0
		}
	}
	for iter := 0; iter < 200; iter++ {
		placeRings(pts, nodes, rings, angle, rx, aspect)
		crowded := overlapsByRing(pts, len(rings))
		if crowded < 0 {
			break
		}
		for k := crowded; k < len(rx); k++ {
			rx[k] *= 1.06
			if rx[k] == 0 {
				rx[k] = 40
			}
		}
	}
	return pts
}

// neighbour is a node joined to another by an edge of weight w.
type neighbour struct{ j, w int }

// neighbours lists each node's neighbours in the edges' order, never a
// map's: sums of floats taken in another order can differ in the last
// bit, and the layout must not.
func neighbours(n int, edges []Edge) [][]neighbour {
	adj := make([][]neighbour, n)
	for _, e := range edges {
		adj[e.A] = append(adj[e.A], neighbour{e.B, e.Weight})
		adj[e.B] = append(adj[e.B], neighbour{e.A, e.Weight})
	}
	return adj
}

// ringAngles spaces each ring's nodes evenly round its ellipse, ring by
// ring from the middle, each outer ring in the order of its nodes'
// placed neighbours and starting where the first one's neighbours are.
func ringAngles(nodes []Node, rings [][]int, adj [][]neighbour) []float64 {
	angle := make([]float64, len(nodes))
	placed := make([]bool, len(nodes))
	for k, ring := range rings {
		order := append([]int(nil), ring...)
		pref := map[int]float64{}
		for _, i := range order {
			pref[i] = preferredAngle(adj[i], angle, placed)
		}
		if k > 0 {
			sort.SliceStable(order, func(a, b int) bool {
				pa, pb := pref[order[a]], pref[order[b]]
				if pa != pb {
					return pa < pb
				}
				return nodes[order[a]].ID < nodes[order[b]].ID
			})
		}
		start := -math.Pi / 2
		if k > 0 && pref[order[0]] < 10 {
			start = pref[order[0]] - math.Pi/2
		}
		for n, i := range order {
			angle[i] = start + 2*math.Pi*float64(n)/float64(len(order))
			if k == 0 && len(order) == 1 {
				angle[i] = -math.Pi / 2
			}
			placed[i] = true
		}
	}
	return angle
}

// preferredAngle is the circular mean of a node's placed neighbours'
// angles, by weight, turned a quarter so that it counts from the top;
// 10 (after every angle) when none is placed.
func preferredAngle(adj []neighbour, angle []float64, placed []bool) float64 {
	sx, sy := 0.0, 0.0
	for _, n := range adj {
		if placed[n.j] {
			sx += float64(n.w) * math.Cos(angle[n.j])
			sy += float64(n.w) * math.Sin(angle[n.j])
		}
	}
	if sx == 0 && sy == 0 {
		return 10
	}
	return math.Mod(math.Atan2(sy, sx)+2.5*math.Pi, 2*math.Pi)
}

// placeRings puts each node on its ring's ellipse (radius rx[k] across,
// rx[k]*aspect up) at its angle, with its label's box outside it: to the
// right or left on the sides, above or below at the top and bottom.
func placeRings(pts []Point, nodes []Node, rings [][]int, angle, rx []float64, aspect float64) {
	for k, ring := range rings {
		for _, i := range ring {
			p := &pts[i]
			c, s := math.Cos(angle[i]), math.Sin(angle[i])
			p.X, p.Y = rx[k]*c, rx[k]*aspect*s
			w := TextWidth(nodes[i].Label, csFont)
			switch {
			case c > 0.35:
				p.Anchor = "start"
				p.Label = Rect{p.X + p.R + 3, p.Y - csLabelH/2, p.X + p.R + 3 + w, p.Y + csLabelH/2}
			case c < -0.35:
				p.Anchor = "end"
				p.Label = Rect{p.X - p.R - 3 - w, p.Y - csLabelH/2, p.X - p.R - 3, p.Y + csLabelH/2}
			case s < 0:
				p.Anchor = "middle"
				p.Label = Rect{p.X - w/2, p.Y - p.R - csLabelH + 4, p.X + w/2, p.Y - p.R + 4}
			default:
				p.Anchor = "middle"
				p.Label = Rect{p.X - w/2, p.Y + p.R - 4, p.X + w/2, p.Y + p.R - 4 + csLabelH}
			}
		}
	}
}

// overlapsByRing returns the innermost ring with a node or label that
// overlaps another's, or -1: the least, over the pairs that overlap, of
// the outer ring of the two. Only points whose boxes (around node and
// label) come within boxPad of each other can overlap, and those share
// a cell of a grid the boxes go into (boxGrid). The points go in ring by
// ring, inner first, each compared with those already in its cells: the
// first overlap found is the answer, and the outer rings are not looked
// at. All pairs were compared at first, up to 200 times per layout (a
// cast of thousands spent seconds here); then those a sweep left to
// right found meeting across x, which on a 50,000-page site's crowded
// rings was still a second.
func overlapsByRing(pts []Point, rings int) int {
	boxes := make([]box, len(pts))
	for i, p := range pts {
		boxes[i] = box{math.Min(p.X-p.R, p.Label.X0), math.Max(p.X+p.R, p.Label.X1), math.Min(p.Y-p.R, p.Label.Y0), math.Max(p.Y+p.R, p.Label.Y1), i}
	}
	// near says whether two boxes come within boxPad of each other:
	// apart, their points cannot overlap.
	near := func(ba, bb box) bool {
		return !(bb.x0-boxPad >= ba.x1 || ba.x0-boxPad >= bb.x1 || bb.y0-boxPad >= ba.y1 || ba.y0-boxPad >= bb.y1)
	}
	if g, ok := newBoxGrid(boxes); ok {
		order := make([]int, len(boxes))
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(a, b int) bool { return pts[order[a]].Ring < pts[order[b]].Ring })
		for _, i := range order {
			found := false
			g.each(boxes[i], func(j int) bool {
				found = near(boxes[i], boxes[j]) && pointsOverlap(pts[i], pts[j])
				return !found
			})
			if found {
				return pts[i].Ring // the others so far are on rings no further out
			}
			g.add(boxes[i], i)
		}
		return -1
	}
	// Coordinates the grid cannot hold (not finite): the sweep.
	worst := -1
	sort.Slice(boxes, func(a, b int) bool { return boxes[a].x0 < boxes[b].x0 })
	for bi, ba := range boxes {
		for _, bb := range boxes[bi+1:] {
			if bb.x0-boxPad >= ba.x1 {
				break // this and every later box start right of a
			}
			if !near(ba, bb) {
				continue
			}
			a, b := pts[ba.i], pts[bb.i]
			if k := max(a.Ring, b.Ring); (worst < 0 || k < worst) && pointsOverlap(a, b) {
				worst = k
			}
		}
	}
	return worst
}

// box is the box around a point's node and label.
type box struct {
	x0, x1, y0, y1 float64
	i              int
}

// boxPad is the widest of pointsOverlap's margins.
const boxPad = 2

// boxGrid holds boxes, each grown by boxPad to the right and below, in
// every cell of a grid it covers: two boxes within boxPad of each other
// share a cell. A cell is about the boxes' mean size.
type boxGrid struct {
	cw, ch float64
	cells  map[[2]int][]int
}

// newBoxGrid makes an empty grid for boxes; it gives up (false) on
// coordinates that are not finite, boxes inside out, or boxes that
// would fill too many cells.
func newBoxGrid(boxes []box) (*boxGrid, bool) {
	var w, h float64
	for _, b := range boxes {
		for _, v := range []float64{b.x0, b.x1, b.y0, b.y1} {
			if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1<<40 {
				return nil, false
			}
		}
		if b.x1 < b.x0 || b.y1 < b.y0 {
			return nil, false
		}
		w += b.x1 - b.x0 + boxPad
		h += b.y1 - b.y0 + boxPad
	}
	n := math.Max(float64(len(boxes)), 1)
	g := &boxGrid{cw: math.Max(w/n, 1), ch: math.Max(h/n, 1), cells: map[[2]int][]int{}}
	room := 64 * len(boxes) // cells filled, at most
	for _, b := range boxes {
		x0, x1, y0, y1 := g.span(b)
		if room -= (x1 - x0 + 1) * (y1 - y0 + 1); room < 0 {
			return nil, false
		}
	}
	return g, true
}

// span is the range of cells a box covers.
func (g *boxGrid) span(b box) (x0, x1, y0, y1 int) {
	return int(math.Floor(b.x0 / g.cw)), int(math.Floor((b.x1 + boxPad) / g.cw)), int(math.Floor(b.y0 / g.ch)), int(math.Floor((b.y1 + boxPad) / g.ch))
}

func (g *boxGrid) add(b box, i int) {
	x0, x1, y0, y1 := g.span(b)
	for x := x0; x <= x1; x++ {
		for y := y0; y <= y1; y++ {
			g.cells[[2]int{x, y}] = append(g.cells[[2]int{x, y}], i)
		}
	}
}

// each calls f with every box in a cell b covers (a box in several, more
// than once) until f returns false.
func (g *boxGrid) each(b box, f func(int) bool) {
	x0, x1, y0, y1 := g.span(b)
	for x := x0; x <= x1; x++ {
		for y := y0; y <= y1; y++ {
			for _, j := range g.cells[[2]int{x, y}] {
				if !f(j) {
					return
				}
			}
		}
	}
}

// pointsOverlap says whether two points' nodes or labels overlap, with
// a margin of 2 between like and 1 between node and label.
func pointsOverlap(a, b Point) bool {
	an := Rect{a.X - a.R, a.Y - a.R, a.X + a.R, a.Y + a.R}
	bn := Rect{b.X - b.R, b.Y - b.R, b.X + b.R, b.Y + b.R}
	return a.Label.Overlaps(b.Label, 2) || a.Label.Overlaps(bn, 1) || an.Overlaps(b.Label, 1) || an.Overlaps(bn, 2)
}

// DrawCast lays out and writes the cast map.
func DrawCast(in Cast) template.HTML {
	if len(in.Nodes) == 0 {
		return ""
	}
	aspect := in.Aspect
	if aspect == 0 {
		aspect = 0.62 // rings wider than tall: labels are wide
	}
	pts := LayoutCast(in.Nodes, in.Edges, aspect)
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range pts {
		minX = math.Min(minX, math.Min(p.X-p.R, p.Label.X0))
		maxX = math.Max(maxX, math.Max(p.X+p.R, p.Label.X1))
		minY = math.Min(minY, math.Min(p.Y-p.R, p.Label.Y0))
		maxY = math.Max(maxY, math.Max(p.Y+p.R, p.Label.Y1))
	}
	pad := 8.0
	dx, dy := pad-minX, pad-minY
	W, H := maxX-minX+2*pad, maxY-minY+2*pad
	pic := picture{ID: in.ID, Title: in.Title, Desc: in.Desc, W: num(W), H: num(H), Key: in.Key, Note: in.Note, Kind: "cast", Fit: in.Fit}
	edges := append([]Edge(nil), in.Edges...)
	sort.SliceStable(edges, func(a, b int) bool { return edges[a].Weight < edges[b].Weight })
	for _, e := range edges {
		a, b := pts[e.A], pts[e.B]
		cls := "edge w1"
		switch {
		case e.Weight >= 8:
			cls = "edge w3"
		case e.Weight >= 3:
			cls = "edge w2"
		}
		pic.Lines = append(pic.Lines, shape{Kind: "line", X: num(a.X + dx), Y: num(a.Y + dy), X2: num(b.X + dx), Y2: num(b.Y + dy), Class: cls})
	}
	for i, n := range in.Nodes {
		p := pts[i]
		m := mark{URL: n.URL, Label: n.Name, Class: "k-" + n.Class}
		m.Shapes = []shape{
			{Kind: "bar", Class: "hit", X: num(p.Label.X0 + dx), Y: num(p.Label.Y0 + dy), W: num(p.Label.X1 - p.Label.X0), H: num(p.Label.Y1 - p.Label.Y0)},
			{Kind: "dot", X: num(p.X + dx), Y: num(p.Y + dy), R: num(p.R)},
		}
		tx := p.Label.X0
		switch p.Anchor {
		case "middle":
			tx = (p.Label.X0 + p.Label.X1) / 2
		case "end":
			tx = p.Label.X1
		}
		m.Texts = []text{{X: num(tx + dx), Y: num((p.Label.Y0+p.Label.Y1)/2 + dy + 4), Anchor: p.Anchor, Class: "label", Text: n.Label}}
		if p.Ring == 0 {
			m.Texts[0].Class = "label main"
		}
		pic.Marks = append(pic.Marks, m)
	}
	return execute("picture", pic)
}
