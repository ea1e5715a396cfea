package web

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"time"

	"jixiao"
)

// funcs are the template functions.
var funcs = template.FuncMap{
	"deref": deref,
	"time":  func(t time.Time) string { return t.Local().Format("2006-01-02 15:04") },
	"pct":   func(x float64) string { return strconv.FormatFloat(x*100, 'f', 0, 64) + "%" },
	"join":  strings.Join,
	"add":   func(a, b int) int { return a + b },
	"flagCodes": func(fl []jixiao.Flag) []string {
		var out []string
		for _, f := range fl {
			out = append(out, f.Code)
		}
		return out
	},
	"flagTitle": func(fl []jixiao.Flag) string {
		var out []string
		for _, f := range fl {
			out = append(out, f.Code+": "+f.Message)
		}
		return strings.Join(out, "\n")
	},
}

// targetSummary says a typed target in a few words: "≥ 95 %", "80–100 人",
// "by 2023-12-31", "1 per 2 day".
func targetSummary(t jixiao.Target) string {
	num := func(p *float64) string {
		if p == nil {
			return "?"
		}
		return strconv.FormatFloat(*p, 'f', -1, 64)
	}
	unit := ""
	if t.Unit != nil && *t.Unit != "" {
		unit = " " + *t.Unit
	}
	ops := map[string]string{"=": "=", ">=": "≥", ">": ">", "<=": "≤", "<": "<", "~": "≈"}
	var s string
	switch t.Kind {
	case jixiao.TargetQuantity, jixiao.TargetDuration:
		s = ops[t.Op] + " " + num(t.Value) + unit
	case jixiao.TargetRange:
		s = num(t.Min) + "–" + num(t.Max) + unit
	case jixiao.TargetQualitative:
		s = t.Label
	case jixiao.TargetTrend:
		s = t.Direction
		if t.Basis != "" {
			s += " (" + t.Basis + ")"
		}
	case jixiao.TargetDeadline:
		s = "by " + t.By
	case jixiao.TargetWindow:
		s = t.From + " – " + t.To
	case jixiao.TargetFrequency:
		s = fmt.Sprintf("%d per %d %s", t.Times, t.Every, t.Per)
	default:
		return "text (not understood)"
	}
	if t.Label != "" && t.Kind != jixiao.TargetQualitative {
		s += " · " + t.Label
	}
	return string(t.Kind) + ": " + strings.TrimSpace(s)
}
