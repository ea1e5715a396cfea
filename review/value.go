package review

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/normalize"
)

// ErrBadValue means a correction's value does not fit its field: a number
// (points, an amount, a rate) that is not one, or a period or direction
// that is none of its values. Errors wrapping it are tested with
// errors.Is; they are *ValueError.
var ErrBadValue = errors.New("value does not fit the field")

// ValueError is the error of a value that does not fit its field. It
// wraps ErrBadValue.
type ValueError struct {
	Value string // as entered
	Want  string // what the field takes, in words: "a number of points", "an amount in 元" …
}

func (e *ValueError) Error() string { return fmt.Sprintf("%q is not %s", e.Value, e.Want) }

func (e *ValueError) Unwrap() error { return ErrBadValue }

// readPoints reads a corrected weight or score: a decimal number of
// points, not negative, "分" (points) after it allowed.
func readPoints(v string) (float64, error) {
	return readNumber(v, "分", "a number of points")
}

// readRate reads a corrected execution rate: a percentage number, not
// negative, "%" after it allowed (86 and 86% are 86).
func readRate(v string) (float64, error) {
	return readNumber(strings.ReplaceAll(v, "％", "%"), "%", "a percentage")
}

// readNumber reads a decimal number, not negative, suffix after it
// allowed; else a *ValueError saying it is not want.
func readNumber(v, suffix, want string) (float64, error) {
	t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), suffix))
	n, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(n) || math.IsInf(n, 0) || n < 0 {
		return 0, &ValueError{Value: v, Want: want}
	}
	return n, nil
}

// readYuan reads a corrected amount of a budget block, stored in 元: a
// number as normalize.Yuan reads a funds cell (thousands separators,
// full-width digits; 元, 万元 or 万 after it, converted), not negative.
func readYuan(v string) (float64, error) {
	n, _, ok := normalize.Yuan(v, jixiao.FundsYuan)
	if !ok || n < 0 {
		return 0, &ValueError{Value: v, Want: "an amount in " + jixiao.FundsYuan}
	}
	return n, nil
}

// checkPrinted refuses an amount entered as printed (a funds cell, a
// task's or budget line's amount) that normalize.Yuan does not read in the
// form's unit: the form would flag it amount_unparsed.
func checkPrinted(unit string) func(string) error {
	return func(v string) error {
		if _, _, ok := normalize.Yuan(v, unit); !ok {
			return &ValueError{Value: v, Want: "an amount"}
		}
		return nil
	}
}

// checkOneOf refuses a value (trimmed) that is none of values.
func checkOneOf(values ...string) func(string) error {
	return func(v string) error {
		for _, w := range values {
			if strings.TrimSpace(v) == w {
				return nil
			}
		}
		return &ValueError{Value: v, Want: strings.Join(values, " or ")}
	}
}

// formatNumber is a number as a reviewer sees and corrects it: its
// shortest decimal form.
func formatNumber(n float64) string { return strconv.FormatFloat(n, 'f', -1, 64) }
