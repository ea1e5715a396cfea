package normalize

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// punctuation maps the punctuation NFKC leaves alone to ASCII.
var punctuation = strings.NewReplacer("、", ",", "。", ".", "“", `"`, "”", `"`, "‘", "'", "’", "'", "《", "<", "》", ">", "【", "[", "】", "]", "—", "-", "–", "-", "·", ".")

// NameNorm folds an indicator name for search and grouping: NFKC (full-width
// letters, digits and brackets become ASCII), Chinese punctuation unified to
// ASCII, Latin letters in lower case, white space removed. Names that differ
// only in such ways fold to the same string.
func NameNorm(s string) string {
	s = punctuation.Replace(norm.NFKC.String(s))
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return unicode.ToLower(r)
	}, s)
}
