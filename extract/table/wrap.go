package table

import "strings"

// JoinWrapped joins the lines of one cell as a wrapped Chinese text is
// joined: without a separator, except a space after a line that ends in
// ASCII punctuation when the cell writes that punctuation with a following
// space elsewhere (", " in "维护, 完善"): the space at a line break is not
// printed, so only the cell's own habit can restore it. Empty lines are
// skipped; lines are used as given (trim them first).
func JoinWrapped(lines []string) string {
	spaced := map[byte]int{} // punctuation → (followed by a space) − (not)
	for _, t := range lines {
		for i := 0; i+1 < len(t); i++ {
			if c := t[i]; c == ',' || c == ';' || c == ':' || c == '.' {
				if t[i+1] == ' ' {
					spaced[c]++
				} else {
					spaced[c]--
				}
			}
		}
	}
	var b strings.Builder
	for _, t := range lines {
		if t == "" {
			continue
		}
		if b.Len() > 0 {
			if last := b.String()[b.Len()-1]; spaced[last] > 0 {
				b.WriteByte(' ')
			}
		}
		b.WriteString(t)
	}
	return b.String()
}
