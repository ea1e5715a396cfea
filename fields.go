package jixiao

// HeaderText returns the header field of f at path (FieldProjectName …
// FieldEndDate), nil for any other path.
func (f *Form) HeaderText(path string) **string {
	switch path {
	case FieldProjectName:
		return &f.ProjectName
	case FieldProjectNature:
		return &f.ProjectNature
	case FieldProjectCategory:
		return &f.ProjectCategory
	case FieldDepartment:
		return &f.Department
	case FieldImplementingUnit:
		return &f.ImplementingUnit
	case FieldStartDate:
		return &f.StartDate
	case FieldEndDate:
		return &f.EndDate
	}
	return nil
}

// FundsCell returns the funds cell of f at path (FieldFundsTotal …
// FieldFundsAnnualOther) as printed (FundsRaw) and its amount (Funds); nil
// and nil for any other path.
func (f *Form) FundsCell(path string) (raw **string, amount **float64) {
	switch path {
	case FieldFundsTotal:
		return &f.FundsRaw.Total, &f.Funds.Total
	case FieldFundsAnnualTotal:
		return &f.FundsRaw.AnnualTotal, &f.Funds.AnnualTotal
	case FieldFundsFiscal:
		return &f.FundsRaw.Fiscal, &f.Funds.Fiscal
	case FieldFundsAppropriation:
		return &f.FundsRaw.Appropriation, &f.Funds.Appropriation
	case FieldFundsCarryover:
		return &f.FundsRaw.Carryover, &f.Funds.Carryover
	case FieldFundsOther:
		return &f.FundsRaw.Other, &f.Funds.Other
	case FieldFundsAnnualOther:
		return &f.FundsRaw.AnnualOther, &f.Funds.AnnualOther
	}
	return nil, nil
}
