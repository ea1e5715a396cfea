// Package reconstruct turns the table of one form into a form record: it
// finds the header, the funds block, the two goal texts and the indicator
// grid, and resolves each indicator's level-1 and level-2.
//
// Cells are classified by what they say, not by their column: real sources
// print labels in the wrong column, put continuation names in the first
// column, or drop cells. The rules:
//
//   - Header and funds labels take the next non-empty cell of their row as
//     their value, unless that cell is itself a label (then the value is
//     absent).
//   - The row holding 项目总目标 and 年度总体目标 gives each goal a column; a
//     text cell below belongs to the goal whose column is nearest at or left
//     of it.
//   - After the grid's header row (一级指标 … 三级指标), each row's cells are a
//     level-1 label, a level-2 label, the section label 绩效指标, or content.
//     Labels set the levels for this row and the rows below; a level-2 label
//     decides the level-1. The last content cell is the value, the cells
//     before it the name; a row with one content cell has a name and no value.
//
// Forms of the whole family are read (template.go): the template and form
// type come from the title and the labels, and builderOf is where a
// template with a builder of its own plugs in. Target forms of every
// layout share the rules above, with the labels of the other layouts
// (jixiao.LayoutLabels: header synonyms, header fields kept in
// HeaderExtra, 中期资金总额, 财政拨款 under each total, goal labels beside
// their text). A grid whose header row prints more than the standard
// columns is read by its columns (layout.go): split values joined, their
// parts, direction, standard, note and weight kept, and the 88号 form's
// medium-term and annual grids told apart (mof88.go). Text exports drop
// blank cells, so cells are matched to columns by what they say
// (split.go); a medium-term indicator printed without an annual one
// beside it is read as annual.
//
// A self-evaluation form (IsSelfEval: 项目支出绩效自评表 …) is read by
// SelfEval instead, by the rules in selfeval.go.
//
// Form returns strings as printed; parsing amounts, dates and values, and
// flagging what does not validate, is the normalizer's job. It never fails:
// whatever it cannot place is left empty or flagged.
package reconstruct
