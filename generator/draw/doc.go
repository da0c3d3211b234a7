// Package draw lays out and writes the dossier's pictures as inline SVG:
// the timeline, the contested figures, the cast and the sources'
// coverage. Layout is pure functions of their input (scales, ticks,
// packing of labels into rows, a ring layout of the cast), so the same
// content always gives the same bytes; markup is written by svgWriter,
// every value escaped as html/template escapes it (the template it
// replaced, testdata/svg.html, is the test's reference). Colours
// are CSS classes, so the stylesheet decides them for screen, dark mode
// and print; text takes the page's fonts and lang.
package draw
