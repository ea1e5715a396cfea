package reconstruct

import (
	"strings"

	"jixiao"
)

// sharedAmount is an amount read after a label printed for two fields
// (sharedFields), placed once the whole form is read.
type sharedAmount struct {
	fields []string
	v      *string
	conf   float64
	at     cell
}

// resolveShared places the amounts of labels printed for two fields: the
// first of a label's amounts goes to its first field, the second to its
// second, further ones are dropped. A label printed once goes to its
// first field, unless the form prints the annual total and not the
// total (项目资金总额, 中期资金总额): a form of one annual column, whose 其他资金
// and 财政拨款 are the annual ones.
func (b *builder) resolveShared() {
	annualOnly := !b.printed[jixiao.FieldFundsTotal] && b.printed[jixiao.FieldFundsAnnualTotal]
	count := map[string]int{}
	for _, a := range b.shared {
		count[a.fields[0]]++
	}
	seen := map[string]int{}
	for _, a := range b.shared {
		i := seen[a.fields[0]]
		seen[a.fields[0]]++
		if i >= len(a.fields) {
			continue
		}
		if count[a.fields[0]] == 1 && annualOnly {
			i = len(a.fields) - 1
		}
		path := a.fields[i]
		dst := amountField(&b.f, path)
		if dst == nil {
			continue
		}
		*dst = a.v
		if a.v != nil {
			b.lowConfidence(path, a.conf, *a.v)
			b.place(path, a.at)
		}
	}
}

// amountField returns the printed cell of the funds field at path, nil
// for a path that is not a funds amount.
func amountField(f *jixiao.Form, path string) **string {
	if raw, _ := f.FundsCell(path); raw != nil {
		return raw
	}
	return f.HeaderText(path)
}

// extra keeps the value of a header field with no field of its own under
// its label as printed (white space and a trailing colon aside); a label
// printed twice keeps its first value, a blank value is not kept.
func (b *builder) extra(printed string, v *string) {
	if v == nil {
		return
	}
	label := strings.TrimRight(strings.Join(strings.Fields(printed), ""), ":：")
	if b.f.HeaderExtra == nil {
		b.f.HeaderExtra = map[string]string{}
	}
	if _, dup := b.f.HeaderExtra[label]; !dup {
		b.f.HeaderExtra[label] = *v
	}
}
