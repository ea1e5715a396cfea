package ocr

// LowConfidence is the OCR confidence (0..1) under which a reading is
// flagged low_confidence for review: header and funds fields, goals, and
// the level-2 label, name and value of each indicator.
const LowConfidence = 0.80
