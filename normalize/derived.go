package normalize

import "jixiao"

// derived are the flag codes that Form derives from the record itself: it
// raises each of them through validator.flag, and only those (a test holds
// the two together).
var derived = map[string]bool{
	jixiao.FlagFieldMissing: true, jixiao.FlagNameTruncated: true, jixiao.FlagDateUnparsed: true,
	jixiao.FlagDateOrder: true, jixiao.FlagAmountMissing: true, jixiao.FlagAmountUnparsed: true,
	jixiao.FlagFundsMismatch: true, jixiao.FlagFundsUnitUnknown: true, jixiao.FlagNoIndicators: true,
	jixiao.FlagNameMissing: true, jixiao.FlagValueMissing: true, jixiao.FlagLevelMissing: true,
	jixiao.FlagLevelSuspect: true, jixiao.FlagUnparsedValue: true, jixiao.FlagPercentOver100: true,
	jixiao.FlagNoSatisfaction: true, jixiao.FlagScoreSumMismatch: true, jixiao.FlagScoreOverWeight: true,
	jixiao.FlagWeightTotal: true, jixiao.FlagScoreVsActual: true,
}

// Derived reports whether Form derives flags of this code from the record
// itself, so that a changed record (a reviewer's correction) gets them
// anew: drop them, change the record, and call Form again. Flags of other
// codes (the reader's: low_confidence, …) are not Form's to re-derive.
func Derived(code string) bool { return derived[code] }
