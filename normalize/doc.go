// Package normalize turns a reconstructed form into its canonical record:
// amounts parsed, dates in ISO 8601, every indicator value given a typed
// target, and review flags added wherever a field is missing, does not parse
// or does not add up.
//
// Everything here is a pure function of its input: safe for concurrent use,
// and idempotent (normalizing a normalized form changes nothing).
package normalize
