package reconstruct

import (
	"regexp"
	"sort"
	"strings"
	"unicode"

	"jixiao"
)

// sense is what a cell says: the Kind and Field of the jixiao.Label it
// prints (Field "" for a block label; the Field of its first Label for a
// label printed for several fields, see sharedLabel), one of the kinds
// below for the cells that are no jixiao.Label, or content (the zero
// sense). It is the one representation of labels in this package: the
// builder and the OCR repairs both use it.
type sense struct {
	kind  jixiao.LabelKind
	field string
	// mark, period and part are the label's jixiao.Label Template,
	// Period and Part.
	mark   string
	period string
	part   int
}

// senseOf returns the sense of a jixiao.Label.
func senseOf(l jixiao.Label) sense {
	return sense{kind: l.Kind, field: l.Field, mark: l.Template, period: l.Period, part: l.Part}
}

// allLabels are the labels of the standard form, then those of the
// other layouts.
var allLabels = append(jixiao.Labels(), jixiao.LayoutLabels()...)

// The kinds of cells that are no jixiao.Label.
const (
	kindContent jixiao.LabelKind = 0  // a value, a name, a goal text
	kindUnit    jixiao.LabelKind = -1 // 单位：万元: a unit line, no value (see declaredUnit)
	kindTitle   jixiao.LabelKind = -2 // the title line
	kindLevel   jixiao.LabelKind = -3 // an indicator level name (level-1 or level-2)
	// kindForm is a label of the self-evaluation or the department form
	// (jixiao.SelfEvalLabels, jixiao.DeptLabels), in the OCR repair's
	// vocabulary only: their builders classify them.
	kindForm jixiao.LabelKind = -4
)

// content is the sense of a cell that is no label.
var content = sense{}

// is reports whether s is a label of kind k (for field, when given).
func (s sense) is(k jixiao.LabelKind, field ...string) bool {
	return s.kind == k && (len(field) == 0 || s.field == field[0])
}

// gridName says s is the 三级指标 column of the grid's header row.
func (s sense) gridName() bool { return s.is(jixiao.LabelGrid, jixiao.IndicatorName) }

// fieldLabels maps the labels of the form (jixiao.Labels), on key's
// folding, to what they say. Goal labels are found by their start
// (classify).
var fieldLabels = func() map[string]sense {
	m := map[string]sense{}
	for _, l := range allLabels {
		switch l.Kind {
		case jixiao.LabelHeader, jixiao.LabelAmount, jixiao.LabelBlock, jixiao.LabelGrid, jixiao.LabelExtra:
		default:
			continue
		}
		for _, t := range append([]string{l.Text}, l.Variants...) {
			if _, dup := m[key(t)]; !dup {
				m[key(t)] = senseOf(l)
			}
		}
	}
	return m
}()

// sharedFields maps an amount label printed for two fields (其他资金 under
// each total, 财政拨款 of other layouts), on key's folding, to those
// fields in the order the form prints them.
var sharedFields = func() map[string][]string {
	m := map[string][]string{}
	for _, l := range allLabels {
		if l.Kind == jixiao.LabelAmount {
			m[key(l.Text)] = append(m[key(l.Text)], l.Field)
		}
	}
	for k, fs := range m {
		if len(fs) < 2 {
			delete(m, k)
		}
	}
	return m
}()

// goalLabel is a goal label as classify looks it up.
type goalLabel struct {
	key      string // on key's folding
	standard bool   // the standard form's: found by its start
	sense    sense
}

// goalLabels are the goal labels of every layout, longest first.
var goalLabels = func() []goalLabel {
	var gs []goalLabel
	for _, l := range allLabels {
		if l.Kind != jixiao.LabelGoal {
			continue
		}
		for _, t := range append([]string{l.Text}, l.Variants...) {
			gs = append(gs, goalLabel{key(t), l.Template == "", senseOf(l)})
		}
	}
	sort.SliceStable(gs, func(i, j int) bool { return len(gs[i].key) > len(gs[j].key) })
	return gs
}()

// goalOf returns the sense of a goal label on key's folding k: the
// standard form's labels are found by their start (项目总目标(2023年-2023年)),
// the other layouts' when k is the label or the label and a bracketed tail
// (中期目标(2024年—2026年)).
func goalOf(k string) (sense, bool) {
	for _, g := range goalLabels {
		if rest, ok := strings.CutPrefix(k, g.key); ok && (g.standard || rest == "" || strings.HasPrefix(rest, "(")) {
			return g.sense, true
		}
	}
	return content, false
}

// unitSuffix matches a bracketed tail: 项目资金(元), 项目总目标(2023年-2023年).
var unitSuffix = regexp.MustCompile(`\([^()]*\)$`)

// maxLabelLen is longer than any label; longer cells are values.
const maxLabelLen = 40

// key folds a cell to the form labels are looked up in: no white space,
// half-width colon and brackets, no 其中: prefix, no trailing colon.
func key(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '\u3000':
		case r == '：':
			b.WriteByte(':')
		case r == '（':
			b.WriteByte('(')
		case r == '）':
			b.WriteByte(')')
		default:
			b.WriteRune(r)
		}
	}
	s = strings.TrimPrefix(b.String(), jixiao.Among+":")
	return strings.TrimSuffix(s, ":")
}

// classify says which label a cell is, or content for a value.
func classify(text string) sense {
	if len(text) > 3*maxLabelLen {
		return content // goal texts and long names: no label is this long
	}
	k := key(text)
	if f, ok := fieldLabels[k]; ok {
		return f
	}
	if m := unitTail.FindStringIndex(k); m != nil && m[0] > 0 {
		if f, ok := fieldLabels[k[:m[0]]]; ok && f.kind == jixiao.LabelAmount {
			return f // 项目资金总额(万元)
		}
	}
	if g, ok := goalOf(k); ok && len(k) <= 3*maxLabelLen {
		return g
	}
	switch {
	case unitLine.MatchString(k):
		return sense{kind: kindUnit}
	case strings.HasPrefix(k, jixiao.LabelFunds+"(") && unitSuffix.MatchString(k):
		return sense{kind: jixiao.LabelBlock}
	case strings.HasPrefix(k, "年度") && strings.HasSuffix(k, jixiao.LabelValueShort):
		return sense{kind: jixiao.LabelGrid, field: jixiao.IndicatorValue}
	}
	return content
}

var yearRE = regexp.MustCompile(`(\d{4})\s*年度`)

// titleYearRE is the year a title starts with: 2023年项目支出绩效目标申报表.
var titleYearRE = regexp.MustCompile(`^\s*(\d{4})\s*年`)
