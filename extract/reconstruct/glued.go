package reconstruct

import (
	"unicode/utf8"

	"jixiao"
)

// A level label is a closed vocabulary and no indicator name starts with
// one, so a name cell that does holds a label glued to the name: the rule
// between the two cells was faint or broken on a scan, or a text export
// fused the cells. unglue cuts such cells into the label and the rest.

// levelNames are the printed level names, as runes, longest first.
var levelNames = func() [][]rune {
	var ns [][]rune
	for _, n := range jixiao.LevelNames() {
		ns = append(ns, []rune(n))
	}
	for i := 1; i < len(ns); i++ {
		for j := i; j > 0 && len(ns[j]) > len(ns[j-1]); j-- {
			ns[j], ns[j-1] = ns[j-1], ns[j]
		}
	}
	return ns
}()

// minRest is the fewest characters left after a glued label for the cut
// to be made: a name is never a single character.
const minRest = 2

// gluedLabel returns the length in bytes of the level label text starts
// with, 0 for none. An exact label is always taken; an OCR reading (fuzzy)
// may differ from the label by one substituted character, the 指标 that
// ends every level name aside.
func gluedLabel(text string, fuzzy bool) int {
	rs := []rune(text)
	for _, n := range levelNames {
		if len(rs) < len(n)+minRest {
			continue
		}
		diff := 0
		for i, r := range n {
			if rs[i] != r {
				diff++
			}
		}
		tail := string(rs[len(n)-2 : len(n)])
		if diff == 0 || (fuzzy && diff == 1 && tail == "指标" && len(n) >= 4) {
			return len(string(rs[:len(n)]))
		}
	}
	return 0
}

// unglue cuts the label off a content cell that starts with one, in a row
// of the grid that has no label of that level of its own. The cut cells
// share the glued cell's column and confidence.
func unglue(cells []cell) []cell {
	var has [3]bool
	for _, c := range cells {
		has[c.level] = true
	}
	var out []cell
	for _, c := range cells {
		for c.level == 0 && c.sense == content {
			n := gluedLabel(c.Text, c.Confidence > 0)
			if n == 0 {
				break
			}
			lv, canon := jixiao.Level(c.Text[:n])
			if lv == 0 {
				// a near-miss of a label: the nearest level name of the
				// same length decides
				lv, canon = nearestLevel(c.Text[:n])
			}
			if lv == 0 || has[lv] {
				break
			}
			has[lv] = true
			lab := c
			lab.Text, lab.level, lab.canon = c.Text[:n], lv, canon
			out = append(out, lab)
			c.Text = c.Text[n:]
			c.level, c.canon = jixiao.Level(c.Text)
			c.sense = classify(c.Text)
		}
		out = append(out, c)
	}
	return out
}

// nearestLevel returns the level of the one level name of text's length
// that differs from it in one character, the 指标 at the end aside; 0 when
// there is none or more than one.
func nearestLevel(text string) (int, string) {
	rs := []rune(text)
	found := ""
	for _, n := range levelNames {
		if len(n) != len(rs) {
			continue
		}
		diff := 0
		for i, r := range n {
			if rs[i] != r {
				diff++
			}
		}
		if diff == 1 {
			if found != "" {
				return 0, ""
			}
			found = string(n)
		}
	}
	if found == "" || utf8.RuneCountInString(found) < 4 {
		return 0, ""
	}
	return jixiao.Level(found)
}
