// Package jixiao holds the domain of jixiao, which every stage passes
// along and no stage owns: the source a form came from, the form record
// (header, funds, goals, indicators) with its typed targets and geometry,
// the review flags, a reviewer's corrections and sign-offs (Correction,
// Review), and the error type with its kinds.
//
// It also holds the form's vocabulary, each piece spelled once: the title,
// the labels the form prints with the fields they introduce (Labels), the
// indicator tree of level-1 and level-2 names with their printed variants
// (Level, LevelNames), and the paths that name the record's fields in
// flags, geometry and corrections (the Field constants, IndicatorField).
// Other packages take these from here and keep no list of their own; a
// test fails for a copy. The vocabulary is that of one form, the standard
// 财政项目支出绩效目标申报表 (财预〔2015〕88号) with the variants of it met
// so far: the labels of another layout are not known.
//
// The package imports nothing else of jixiao, and extract, normalize,
// store and review import it. Its values are plain data, safe to copy; its
// functions are pure and safe for concurrent use. The lists of flag codes,
// error kinds, source kinds, target kinds, page units and review statuses
// only grow: their values are stored and exported.
package jixiao
