package render

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// sheetName is the one sheet of the spreadsheets written.
const sheetName = "绩效目标申报表"

// XLSX writes the forms as an Office Open XML workbook laid out as FODS
// lays them out: one sheet, forms one below the other with an empty row
// between them, merged cells merged, every cell a string. Output is
// deterministic: the parts are stored in name order with a fixed time.
func XLSX(forms []Form) ([]byte, error) {
	x := excelize.NewFile()
	defer x.Close()
	if err := x.SetSheetName("Sheet1", sheetName); err != nil {
		return nil, err
	}
	n := maxCols(forms)
	for j, w := range spread(Layouts["a"].Widths, n) {
		col, _ := excelize.ColumnNumberToName(j + 1)
		if err := x.SetColWidth(sheetName, col, col, w/2.2); err != nil {
			return nil, err
		}
	}
	grid, err := x.NewStyle(&excelize.Style{
		Border:    []excelize.Border{{Type: "left", Style: 1}, {Type: "right", Style: 1}, {Type: "top", Style: 1}, {Type: "bottom", Style: 1}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"},
	})
	if err != nil {
		return nil, err
	}
	centred, err := x.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	if err != nil {
		return nil, err
	}
	name := func(col, row int) string {
		s, _ := excelize.CoordinatesToCellName(col+1, row)
		return s
	}
	r := 1 // the sheet's next row
	wide := func(text string) error {
		if err := x.SetCellStr(sheetName, name(0, r), text); err != nil {
			return err
		}
		if err := x.MergeCell(sheetName, name(0, r), name(n-1, r)); err != nil {
			return err
		}
		if err := x.SetCellStyle(sheetName, name(0, r), name(n-1, r), centred); err != nil {
			return err
		}
		r++
		return nil
	}
	for k, f := range forms {
		if k > 0 {
			r++
		}
		if err := wide(f.title); err != nil {
			return nil, err
		}
		if err := wide(f.year); err != nil {
			return nil, err
		}
		if err := x.SetCellStyle(sheetName, name(0, r), name(f.ncols()-1, r+len(f.rows)-1), grid); err != nil {
			return nil, err
		}
		for i, row := range f.rows {
			for _, c := range row.cells {
				if err := x.SetCellStr(sheetName, name(c.col, r+i), c.text); err != nil {
					return nil, err
				}
				if c.colSpan > 1 || c.rowSpan > 1 {
					if err := x.MergeCell(sheetName, name(c.col, r+i), name(c.col+c.colSpan-1, r+i+c.rowSpan-1)); err != nil {
						return nil, err
					}
				}
			}
		}
		r += len(f.rows)
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		return nil, err
	}
	return sortedZip(buf.Bytes(), "")
}

// ODS writes the forms as a zipped OpenDocument spreadsheet holding what
// FODS writes: content.xml (the sheet and its automatic styles) and
// styles.xml (the default style, page layout and master page), the
// mimetype first and stored, as ODF requires. Output is deterministic.
func ODS(forms []Form) ([]byte, error) {
	flat := string(FODS(forms))
	part := func(from, to string) string {
		i := strings.Index(flat, from)
		j := strings.Index(flat[max(i, 0):], to)
		if i < 0 || j < 0 {
			panic(fmt.Sprintf("render: FODS lacks %s…%s", from, to))
		}
		return flat[i : i+j+len(to)]
	}
	root := part("<office:document ", ">")
	ns := strings.TrimSuffix(strings.TrimPrefix(root, "<office:document"), ">")
	ns = strings.Replace(ns, ` office:mimetype="application/vnd.oasis.opendocument.spreadsheet"`, "", 1)
	fonts := part("<office:font-face-decls>", "</office:font-face-decls>")
	auto := part("<office:automatic-styles>", "</office:automatic-styles>")
	layout := part(`<style:page-layout `, "</style:page-layout>")
	auto = strings.Replace(auto, layout, "", 1)
	head := "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	content := head + "<office:document-content" + ns + ">\n" + fonts + "\n" + auto + "\n" +
		part("<office:body>", "</office:body>") + "\n</office:document-content>\n"
	styles := head + "<office:document-styles" + ns + ">\n" + fonts + "\n" +
		part("<office:styles>", "</office:styles>") + "\n<office:automatic-styles>" + layout + "</office:automatic-styles>\n" +
		part("<office:master-styles>", "</office:master-styles>") + "\n</office:document-styles>\n"
	manifest := head + `<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
`
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range []struct{ name, data string }{
		{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
		{"META-INF/manifest.xml", manifest},
		{"content.xml", content},
		{"styles.xml", styles},
	} {
		if err := addEntry(zw, e.name, []byte(e.data)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// zipTime is the modification time of every entry written; dosDate is
// its MS-DOS form.
var zipTime = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

const dosDate = (2024-1980)<<9 | 1<<5 | 1

// addEntry adds a file to zw: the mimetype stored, others deflated.
func addEntry(zw *zip.Writer, name string, data []byte) error {
	h := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: zipTime}
	if name == "mimetype" {
		// Stored, and without the extra field a Modified time adds, so
		// that the mimetype is at byte 38, where readers look for it.
		h = &zip.FileHeader{Name: name, Method: zip.Store}
		h.ModifiedDate, h.ModifiedTime = dosDate, 0 //nolint:staticcheck // no extra field
	}
	w, err := zw.CreateHeader(h)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// sortedZip rewrites a zip archive with its entries in name order (first
// an entry named first, if not ""), each with the same time.
func sortedZip(data []byte, first string) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	files := append([]*zip.File(nil), zr.File...)
	sort.Slice(files, func(i, j int) bool {
		if (files[i].Name == first) != (files[j].Name == first) {
			return files[i].Name == first
		}
		return files[i].Name < files[j].Name
	})
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		if err := addEntry(zw, f.Name, b); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
