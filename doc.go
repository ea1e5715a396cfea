// Package jixiao holds the domain types every stage of jixiao passes along:
// the source a form came from, the form record itself (header, funds, goals,
// indicators), typed targets, review flags and the error type.
//
// It also knows the vocabulary of the indicator tree (一级/二级指标), since
// that vocabulary is part of the form, not of any one stage.
//
// The package imports nothing else of jixiao. Its values are plain data: safe
// to copy, safe to share read-only between goroutines.
package jixiao
