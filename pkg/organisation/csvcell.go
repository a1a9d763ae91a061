package organisation

import "strings"

// formulaStart holds the characters that make a spreadsheet read a cell
// as a formula (OWASP "CSV injection"): a name such as =HYPERLINK(…)
// typed into the directory must stay text when an export is opened in
// Excel or LibreOffice.
const formulaStart = "=+-@\t\r"

// ExportCell neutralises a value for a CSV export: one that a spreadsheet
// would run as a formula gets a leading apostrophe, which spreadsheets
// hide and treat as "this is text". A phone number such as +49 89 … is
// neutralised too; the import removes the apostrophe again (importCell),
// so an export imports back unchanged. A value that already starts with
// an apostrophe before such a character gets a second one, so that the
// round trip holds for every value.
func ExportCell(v string) string {
	if v == "" {
		return v
	}
	if strings.ContainsRune(formulaStart, rune(v[0])) || (v[0] == '\'' && len(v) > 1 && strings.ContainsRune(formulaStart+"'", rune(v[1]))) {
		return "'" + v
	}
	return v
}

// importCell undoes ExportCell. An apostrophe before anything else, as in
// 't Hooft, is the value's own.
func importCell(v string) string {
	if len(v) > 1 && v[0] == '\'' && strings.ContainsRune(formulaStart+"'", rune(v[1])) {
		return v[1:]
	}
	return v
}
