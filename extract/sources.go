package extract

import (
	"bytes"
	"errors"

	"jixiao"
	"jixiao/extract/html"
	"jixiao/extract/reconstruct"
	"jixiao/extract/sheet"
	"jixiao/extract/sniff"
	"jixiao/extract/table"
)

// readSheet reads the forms of a web page's tables or of a spreadsheet:
// their rows go through the same splitting and reconstruction as a text
// export's lines. It returns the text encoding of an HTML page.
func readSheet(kind sniff.Kind, data []byte) ([]jixiao.Form, string, error) {
	var forms []jixiao.Form
	split := table.NewSplitter(func(t table.Table) error {
		forms = append(forms, reconstruct.Form(t))
		return nil
	})
	var (
		enc string
		err error
	)
	switch kind {
	case sniff.HTML:
		head := data[:min(len(data), sniff.HeadSize)]
		r, e, derr := sniff.DecodeText(head, bytes.NewReader(data))
		if derr != nil {
			return nil, "", &jixiao.Error{Op: "extract", Kind: jixiao.ErrUnsupported, Err: derr}
		}
		enc = e
		err = html.Rows(r, split.Add)
	case sniff.XLSX:
		err = sheet.XLSX(data, split.Add)
	case sniff.ODS:
		err = sheet.ODS(data, split.Add)
	case sniff.FODS:
		err = sheet.FODS(bytes.NewReader(data), split.Add)
	}
	if err == nil {
		err = split.Close()
	}
	if err != nil {
		kind := jixiao.ErrMalformed
		if errors.Is(err, html.ErrTooManyCells) || errors.Is(err, sheet.ErrTooLarge) {
			kind = jixiao.ErrLimitExceeded
		}
		return nil, enc, &jixiao.Error{Op: "extract", Kind: kind, Err: err}
	}
	return forms, enc, nil
}

// dropEmpty returns forms without those that hold no header field, no
// funds, no goal and no indicator: a title, or a 项目名称 label, with
// nothing read under it (an HTML page's <title>, a heading repeated on a
// continuation page) is not a form.
func dropEmpty(forms []jixiao.Form) []jixiao.Form {
	out := forms[:0]
	for _, f := range forms {
		if !emptyForm(f) {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func emptyForm(f jixiao.Form) bool {
	if len(f.Indicators) > 0 {
		return false
	}
	for _, p := range []*string{f.ProjectName, f.ProjectNature, f.ProjectCategory, f.Department,
		f.ImplementingUnit, f.StartDate, f.EndDate, f.Goals.Overall, f.Goals.Annual,
		f.FundsRaw.Total, f.FundsRaw.AnnualTotal, f.FundsRaw.Fiscal, f.FundsRaw.Appropriation,
		f.FundsRaw.Carryover, f.FundsRaw.Other, f.FundsRaw.AnnualOther} {
		if p != nil {
			return false
		}
	}
	return true
}
