package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
)

// Repairing a broken cross-reference table.
//
// The library finds objects through the xref table named by the last
// startxref and refuses a file whose table is missing, unreadable, too
// short for its objects (a trailer /Size smaller than the objects in use,
// as pdfunite writes) or whose offsets point elsewhere (bytes inserted or
// removed after the table was written). Such a file usually still holds
// every object intact. repairXref rebuilds the table the way mature
// readers do: it scans the bytes for "N G obj" headers (skipping stream
// data), takes the last definition of each object, finds the document's
// catalog and info dictionaries and encryption in the trailers (or in any
// dictionary naming them), and appends a fresh table and trailer to a copy
// of the file. Objects stored inside object streams (PDF 1.5 compressed
// cross-references) are not recovered: a classic table cannot point into
// them.

var (
	objHeaderRE = regexp.MustCompile(`(?:^|[\x00\t\n\f\r ])(\d{1,10})[\x00\t\n\f\r ]+(\d{1,5})[\x00\t\n\f\r ]+obj\b`)
	streamRE    = regexp.MustCompile(`\bstream(?:\r\n|\n|\r)`)
	endobjRE    = regexp.MustCompile(`\bendobj\b`)
	refRE       = func(key string) *regexp.Regexp {
		return regexp.MustCompile(`/` + key + `[\x00\t\n\f\r ]*(\d{1,10})[\x00\t\n\f\r ]+(\d{1,5})[\x00\t\n\f\r ]+R\b`)
	}
	rootRE    = refRE("Root")
	infoRE    = refRE("Info")
	encryptRE = refRE("Encrypt")
	idRE      = regexp.MustCompile(`/ID[\x00\t\n\f\r ]*\[`)
	catalogRE = regexp.MustCompile(`/Type[\x00\t\n\f\r ]*/Catalog\b`)
)

// maxRepairObjects caps the objects a rebuilt table lists (and so its
// size): a larger object number, or one above a quarter of the file's
// length (plus 1,024), is taken for garbage.
const maxRepairObjects = 1 << 22

// repairXref returns a copy of data with a rebuilt cross-reference table,
// or false when no object or no document catalog is found. Bytes before
// the %PDF- header are dropped (offsets count from the header), and a PDF
// 2.0 header is written as 1.7, which the library accepts.
func repairXref(data []byte) ([]byte, bool) {
	if i := bytes.Index(data[:min(len(data), 1024)], []byte("%PDF-")); i > 0 {
		data = data[i:]
	} else if i < 0 {
		return nil, false
	}
	type def struct {
		gen int
		off int
	}
	objs := map[int]def{}
	var catalog *[2]int
	// Each object's body runs to its endobj or the next header; headers
	// inside stream data (up to the next endstream) are not objects.
	headers := objHeaderRE.FindAllSubmatchIndex(data, -1)
	var endstreams []int
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte("endstream"))
		if j < 0 {
			break
		}
		endstreams = append(endstreams, i+j)
		i += j + len("endstream")
	}
	skipUntil := 0
	for i, m := range headers {
		if m[2] < skipUntil {
			continue
		}
		num, _ := strconv.Atoi(string(data[m[2]:m[3]])) // decimal, even with leading zeros
		gen, _ := strconv.Atoi(string(data[m[4]:m[5]]))
		if num > 0 && num < min(maxRepairObjects, len(data)/4+1024) {
			objs[num] = def{gen: gen, off: m[2]}
		}
		bodyEnd := len(data)
		if i+1 < len(headers) {
			bodyEnd = headers[i+1][2]
		}
		body := data[m[1]:bodyEnd]
		if e := endobjRE.FindIndex(body); e != nil {
			body = body[:e[0]]
		}
		if st := streamRE.FindIndex(body); st != nil {
			body = body[:st[0]]
			if k := sort.SearchInts(endstreams, m[1]+st[1]); k < len(endstreams) {
				skipUntil = endstreams[k]
			}
		}
		if catalog == nil && num > 0 && catalogRE.Match(body) {
			catalog = &[2]int{num, gen}
		}
	}
	if len(objs) == 0 {
		return nil, false
	}
	// Trailer entries: from the last trailer (or xref stream) naming a
	// root, else from the first dictionary of /Type /Catalog.
	var trailer bytes.Buffer
	ref := func(re *regexp.Regexp, key string) bool {
		ms := re.FindAllSubmatch(data, -1)
		if len(ms) == 0 {
			return false
		}
		m := ms[len(ms)-1]
		fmt.Fprintf(&trailer, " /%s %s %s R", key, m[1], m[2])
		return true
	}
	if !ref(rootRE, "Root") {
		if catalog == nil {
			return nil, false
		}
		fmt.Fprintf(&trailer, " /Root %d %d R", catalog[0], catalog[1])
	}
	ref(infoRE, "Info")
	ref(encryptRE, "Encrypt")
	if ms := idRE.FindAllIndex(data, -1); len(ms) > 0 {
		if id := stringArray(data[ms[len(ms)-1][1]-1:]); id != nil {
			fmt.Fprintf(&trailer, " /ID %s", id)
		}
	}

	nums := make([]int, 0, len(objs))
	for n := range objs {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	size := nums[len(nums)-1] + 1
	out := make([]byte, 0, len(data)+20*size+256)
	out = append(out, data...)
	if c := out[len(out)-1]; c != '\n' && c != '\r' {
		out = append(out, '\n')
	}
	if bytes.HasPrefix(out, []byte("%PDF-2.")) {
		out[5], out[7] = '1', '7'
	}
	xref := len(out)
	out = fmt.Appendf(out, "xref\n0 %d\n0000000000 65535 f\r\n", size)
	for n := 1; n < size; n++ {
		if d, ok := objs[n]; ok {
			out = fmt.Appendf(out, "%010d %05d n\r\n", d.off, d.gen)
		} else {
			out = append(out, "0000000000 65535 f\r\n"...)
		}
	}
	out = fmt.Appendf(out, "trailer\n<< /Size %d%s >>\nstartxref\n%d\n%%%%EOF\n", size, trailer.Bytes(), xref)
	return out, true
}

// stringArray returns the array of strings that b starts with ("[" up to
// its "]"), or nil when b does not hold one whole: the file identifier
// (/ID) is two strings of arbitrary bytes, which may hold brackets and
// parentheses.
func stringArray(b []byte) []byte {
	const maxLen = 1024
	if len(b) == 0 || b[0] != '[' {
		return nil
	}
	for i := 1; i < len(b) && i < maxLen; i++ {
		switch b[i] {
		case ']':
			return b[:i+1]
		case '(': // literal string: balanced parentheses, backslash escapes
			depth := 1
			for i++; i < len(b) && depth > 0; i++ {
				switch b[i] {
				case '\\':
					i++
				case '(':
					depth++
				case ')':
					depth--
				}
			}
			if depth > 0 {
				return nil
			}
			i--
		case '<': // hex string
			j := bytes.IndexByte(b[i:], '>')
			if j < 0 {
				return nil
			}
			i += j
		case ' ', '\t', '\r', '\n', '\f', 0:
		default:
			return nil
		}
	}
	return nil
}
