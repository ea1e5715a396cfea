package main

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// figures are the measures of one run.
type figures struct {
	wall, cpu float64 // seconds
	rss       float64 // MiB
}

// median returns the run of median wall time: the middle one of an odd
// number of runs, the lower of the two middle ones of an even number (as
// "sort -n | the line (N+1)/2" picks it), or the zero figures of no runs.
// Its CPU time and peak RSS are that run's, not medians of their own.
func median(runs []figures) figures {
	if len(runs) == 0 {
		return figures{}
	}
	s := slices.Clone(runs)
	slices.SortStableFunc(s, func(a, b figures) int {
		switch {
		case a.wall < b.wall:
			return -1
		case a.wall > b.wall:
			return 1
		}
		return 0
	})
	return s[(len(s)-1)/2]
}

// defaultReport is what benchtime prints without -print: each command's
// median run, then the ratios of the first command's to each other's (+Inf
// or NaN when a figure is 0).
func defaultReport(cmds []command, meds map[string]figures, runs int) string {
	var b strings.Builder
	for _, c := range cmds {
		m := meds[c.name]
		fmt.Fprintf(&b, "%s: median %.2f s wall, CPU %.2f s, peak RSS %.1f MiB (%d run%s)\n", c.name, m.wall, m.cpu, m.rss, runs, plural(runs))
	}
	first := meds[cmds[0].name]
	for _, c := range cmds[1:] {
		m := meds[c.name]
		fmt.Fprintf(&b, "%s/%s: %.2fx wall, %.2fx CPU\n", cmds[0].name, c.name, first.wall/m.wall, first.cpu/m.cpu)
	}
	return b.String()
}

// A line is a parsed -print line: text and fields, in order.
type line []piece

// A piece is literal text or, when expr is set, a field.
type piece struct {
	text string
	expr []operand // operands, combined left to right by ops
	ops  []byte    // '*' or '/', one fewer than operands
	verb string    // a printf verb, with its %
}

// An operand is a number, n, or a figure of a command's median run.
type operand struct {
	num   float64
	n     bool
	name  string // the command's, for a figure
	field string // wall, cpu or rss
}

var specRE = regexp.MustCompile(`^[-+# 0]*[0-9]*(\.[0-9]+)?[dfeEgG]$`)

// parseLine parses a -print line whose fields may name the commands in
// names. It returns an error for an unmatched brace, an empty field, an
// operand it does not know or a SPEC that is no printf verb for a number.
func parseLine(s string, names map[string]bool) (line, error) {
	var l line
	var text strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case (c == '{' || c == '}') && i+1 < len(s) && s[i+1] == c:
			text.WriteByte(c)
			i++
		case c == '}':
			return nil, fmt.Errorf("unmatched } at byte %d", i+1)
		case c == '{':
			end := strings.IndexByte(s[i:], '}')
			if end < 0 {
				return nil, fmt.Errorf("unmatched { at byte %d", i+1)
			}
			p, err := parseField(s[i+1:i+end], names)
			if err != nil {
				return nil, fmt.Errorf("{%s}: %w", s[i+1:i+end], err)
			}
			if text.Len() > 0 {
				l = append(l, piece{text: text.String()})
				text.Reset()
			}
			l = append(l, p)
			i += end
		default:
			text.WriteByte(c)
		}
	}
	if text.Len() > 0 {
		l = append(l, piece{text: text.String()})
	}
	return l, nil
}

// parseField parses what is between the braces of a field: EXPR or
// EXPR:SPEC.
func parseField(s string, names map[string]bool) (piece, error) {
	expr, spec, hasSpec := strings.Cut(s, ":")
	p := piece{verb: "%g"}
	if hasSpec {
		if !specRE.MatchString(spec) {
			return piece{}, fmt.Errorf("%q is no printf verb for a number (.2f, 5d …)", spec)
		}
		p.verb = "%" + spec
	}
	start := 0
	for i := 0; i <= len(expr); i++ {
		if i < len(expr) && expr[i] != '*' && expr[i] != '/' {
			continue
		}
		o, err := parseOperand(strings.TrimSpace(expr[start:i]), names)
		if err != nil {
			return piece{}, err
		}
		p.expr = append(p.expr, o)
		if i < len(expr) {
			p.ops = append(p.ops, expr[i])
		}
		start = i + 1
	}
	return p, nil
}

func parseOperand(s string, names map[string]bool) (operand, error) {
	if s == "" {
		return operand{}, errors.New("an operand is missing")
	}
	if s == "n" {
		return operand{n: true}, nil
	}
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		return operand{num: v}, nil
	}
	name, field, ok := strings.Cut(s, ".")
	if !ok {
		return operand{}, fmt.Errorf("%q is neither n, a number nor NAME.wall, NAME.cpu or NAME.rss", s)
	}
	if !names[name] {
		return operand{}, fmt.Errorf("%q: no command is named %s", s, name)
	}
	switch field {
	case "wall", "cpu", "rss":
	default:
		return operand{}, fmt.Errorf("%q: a command's figures are wall, cpu and rss", s)
	}
	return operand{name: name, field: field}, nil
}

// format returns the line with its fields filled in from n and the median
// runs.
func (l line) format(n float64, meds map[string]figures) string {
	var b strings.Builder
	for _, p := range l {
		if p.expr == nil {
			b.WriteString(p.text)
			continue
		}
		v := p.expr[0].value(n, meds)
		for i, op := range p.ops {
			w := p.expr[i+1].value(n, meds)
			if op == '*' {
				v *= w
			} else {
				v /= w
			}
		}
		if strings.HasSuffix(p.verb, "d") {
			fmt.Fprintf(&b, p.verb, int64(v))
		} else {
			fmt.Fprintf(&b, p.verb, v)
		}
	}
	return b.String()
}

func (o operand) value(n float64, meds map[string]figures) float64 {
	switch {
	case o.n:
		return n
	case o.name == "":
		return o.num
	}
	m := meds[o.name]
	switch o.field {
	case "wall":
		return m.wall
	case "cpu":
		return m.cpu
	}
	return m.rss
}

// plural returns "s" unless n is 1.
func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
