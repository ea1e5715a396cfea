package jixiao

// Flag codes. Stored in the database and the export; the list only grows.
const (
	FlagValueMissing     = "value_missing"     // an indicator without a value
	FlagNameMissing      = "name_missing"      // an indicator value without a name
	FlagLevelMissing     = "level_missing"     // an indicator whose level-1 or level-2 is unknown
	FlagLevelSuspect     = "level_suspect"     // an indicator that does not fit the level printed for it
	FlagAmountMissing    = "amount_missing"    // a blank cell in the funds block
	FlagAmountUnparsed   = "amount_unparsed"   // a funds cell that is not a number
	FlagFundsMismatch    = "funds_mismatch"    // the funds block does not add up
	FlagFieldMissing     = "field_missing"     // a header field or goal text is absent
	FlagDateUnparsed     = "date_unparsed"     // a date that is not a calendar date
	FlagNameTruncated    = "name_truncated"    // a project name cut off (unbalanced bracket)
	FlagExtraCells       = "extra_cells"       // an indicator row with more cells than name and value
	FlagNoIndicators     = "no_indicators"     // a form whose grid holds no indicator
	FlagUnparsedValue    = "unparsed_value"    // a value the normalizer could not type
	FlagPercentOver100   = "percent_over_100"  // a percentage target above 100
	FlagDateOrder        = "date_order"        // the end date is before the start date
	FlagNoSatisfaction   = "no_satisfaction"   // a form without any 满意度指标
	FlagLowConfidence    = "low_confidence"    // OCR was unsure
	FlagTitleMissing     = "title_missing"     // a form found without its title line
	FlagTextGarbled      = "text_garbled"      // a PDF page whose text layer does not decode
	FlagUnrecognizedCell = "unrecognized_cell" // a cell outside the grid that was not understood
	FlagPageUnread       = "page_unread"       // a scan's page next to the form could not be read
	FlagBytesReplaced    = "bytes_replaced"    // a text line with bytes that do not decode, read as U+FFFD
	FlagLineSkipped      = "line_skipped"      // a text line too long to be a table row, skipped
)

// LowConfidence is the certainty (0 to 1) under which a reading should be
// reviewed: a field read from such a cell is flagged FlagLowConfidence.
const LowConfidence = 0.80

// FlagFundsUnitUnknown marks a funds block whose unit (元 or 万元) is not
// clear from the form: see normalize for when it is raised. Kept apart from
// the list above only so that its alignment does not change.
const FlagFundsUnitUnknown = "funds_unit_unknown"

// The flags of a self-evaluation form's scores, raised for review; the
// printed scores are never rewritten.
const (
	FlagScoreSumMismatch = "score_sum_mismatch" // indicator and budget scores do not add up to the total score
	FlagScoreOverWeight  = "score_over_weight"  // a score above its weight
	FlagWeightTotal      = "weight_total"       // the weights do not add up to 100
	FlagScoreVsActual    = "score_vs_actual"    // a met target that lost points, or a missed one scored full marks (10号 rule)
	// FlagColumnsAmbiguous marks a row of a text export that dropped its
	// blank cells whose cells fit the grid's columns two ways (a bare
	// number that is an actual beside a blank deviation, or a blank
	// actual beside a deviation written 0): the likelier reading is kept.
	FlagColumnsAmbiguous = "columns_ambiguous"
)
