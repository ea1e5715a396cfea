package jixiao

// TargetKind classifies an indicator value.
type TargetKind string

// The target kinds. The list only grows.
const (
	TargetQuantity    TargetKind = "quantity"    // a number with a comparator and a unit: ≥90%, 356份
	TargetRange       TargetKind = "range"       // 80-100人
	TargetQualitative TargetKind = "qualitative" // a word from a closed vocabulary: 合格, 健全, 及时
	TargetTrend       TargetKind = "trend"       // a direction: 提升, 同比下降
	TargetDeadline    TargetKind = "deadline"    // a date to finish by: 12月底前
	TargetWindow      TargetKind = "window"      // a span of dates: 9-10月
	TargetDuration    TargetKind = "duration"    // a time bound: 24小时内
	TargetFrequency   TargetKind = "frequency"   // how often: 每月1次, 两天一次
	TargetText        TargetKind = "text"        // not understood (or no value): see the raw value
)

// Target is the typed reading of an indicator value. Kind says which of the
// other fields are meaningful; fields that do not apply are omitted from
// JSON. The printed value always stays beside it (Indicator.Value).
//
//	quantity:    Op, Value, Unit ("" when none printed)
//	range:       Min, Max, Unit
//	qualitative: Label, Detail
//	trend:       Direction, Basis
//	deadline:    By
//	window:      From, To
//	duration:    Op, Value, Unit (hour, day, week, month, year)
//	frequency:   Times, Every, Per (day, week, month, year)
//
// Any kind may carry Label (a qualitative word printed with a measurable
// detail, as in 及时(24小时以内)) and Detail (printed text the kind does not
// capture).
type Target struct {
	Kind      TargetKind `json:"kind"`
	Op        string     `json:"op,omitempty"`    // "=", ">=", ">", "<=", "<", "~"
	Value     *float64   `json:"value,omitempty"` // magnitude applied: 1000万页 → 10000000
	Min       *float64   `json:"min,omitempty"`
	Max       *float64   `json:"max,omitempty"`
	Unit      *string    `json:"unit,omitempty"` // as printed for quantities; canonical for durations
	By        string     `json:"by,omitempty"`   // ISO date
	From      string     `json:"from,omitempty"` // ISO date
	To        string     `json:"to,omitempty"`   // ISO date
	Times     int        `json:"times,omitempty"`
	Every     int        `json:"every,omitempty"`
	Per       string     `json:"per,omitempty"`
	Direction string     `json:"direction,omitempty"` // "increase", "decrease", "stable"
	Basis     string     `json:"basis,omitempty"`     // "yoy" for 同比 / 较上年
	Label     string     `json:"label,omitempty"`     // the canonical qualitative word
	Detail    string     `json:"detail,omitempty"`
}
