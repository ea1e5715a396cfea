package main

import (
	"context"
	"image"
	"math/rand/v2"
	"reflect"
	"testing"
)

// The late classes' cells come after all the others: without them the
// grid's cells hold the forms they held with them, so adding the turned
// class changed no other cell of the corpus.
func TestLateCellsKeepOthers(t *testing.T) {
	forms := []int{2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38, 40, 42, 44}
	full := cells(splitMeasure, forms, 8, nil, nil)
	saved := classes
	defer func() { classes = saved }()
	var early []class
	for _, c := range classes {
		if !c.late {
			early = append(early, c)
		}
	}
	if len(early) == len(classes) {
		t.Fatal("no late class")
	}
	classes = early
	without := cells(splitMeasure, forms, 8, nil, nil)
	if !reflect.DeepEqual(without, full[:len(without)]) {
		t.Error("the cells of the other classes changed with the late classes")
	}
	for _, c := range full[len(without):] {
		if !c.class.late {
			t.Errorf("cell %s/%s after the late classes' start", c.face.name, c.class.name)
		}
	}
}

// A turned page is the scan200 page turned by turn_deg, a quarter turn, in
// its pixels; over many pages every turn is drawn.
func TestTurnedFront(t *testing.T) {
	cl, ok := classNamed("turned")
	if !ok {
		t.Fatal("no turned class")
	}
	g := image.NewGray(image.Rect(0, 0, 40, 60))
	for i := range g.Pix {
		g.Pix[i] = 255
	}
	seen := map[int]bool{}
	for seed := range uint64(40) {
		out, err := cl.front(context.Background(), pageIn{r: rand.New(rand.NewPCG(seed, 7)), dpi: 200, gray: g})
		if err != nil {
			t.Fatal(err)
		}
		deg := out.params["turn_deg"]
		seen[deg] = true
		w, h := 40, 60
		if deg == 90 || deg == 270 {
			w, h = 60, 40
		}
		if b := out.img.Bounds(); b != image.Rect(0, 0, w, h) {
			t.Errorf("turn %d°: page %v, want %dx%d", deg, b, w, h)
		}
	}
	if len(seen) != 3 || !seen[90] || !seen[180] || !seen[270] {
		t.Errorf("turns drawn: %v, want 90, 180 and 270", seen)
	}
}
