package pdf

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Limits of the content-stream interpreter. A page of a declaration form
// needs a few hundred kilobytes of content, a few thousand glyphs and
// ruling lines, operators of at most 33 operands (poppler's limit) and
// strings of a line of text; the limits are far above that and bound what
// a page may cost, whatever its stream inflates to.
const (
	// MaxContentBytes is the most content-stream bytes (after decoding,
	// all of a page's streams together) read for one page.
	MaxContentBytes = 64 << 20
	// maxOperands is the most operands pending before an operator.
	maxOperands = 256
	// maxOperandBytes bounds the operands of one operator together: the
	// bytes of their strings and names plus 16 for each value, arrays and
	// dictionaries included.
	maxOperandBytes = 1 << 20
	// maxStringBytes is the longest string or name read.
	maxStringBytes = 1 << 16
	// maxNesting is the deepest nesting of arrays and dictionaries.
	maxNesting = 32
	// maxSaveDepth is the deepest q (save graphics state) nesting.
	maxSaveDepth = 128
	// maxGlyphs is the most glyphs shown on one page.
	maxGlyphs = 1 << 17
	// maxSegments is the most path segments (a rectangle is four) drawn on
	// one page, stroked, filled or discarded.
	maxSegments = 1 << 18
)

// errLimit is wrapped by the errors of a content stream past one of the
// limits above.
var errLimit = errors.New("content stream past a limit")

// operandKind is the type of a content-stream operand.
type operandKind uint8

const (
	opNull operandKind = iota
	opNumber
	opName
	opString
	opArray
	opDict // its entries are in arr: key (a name), value, key, value, …
	opBool
)

// operand is a value of a content stream. Its accessors return the zero
// value for an operand of another kind, as the library's Value does.
type operand struct {
	kind operandKind
	num  float64
	s    string    // name (without the slash) or string bytes
	arr  []operand // array elements, dictionary keys and values
}

func (o operand) Float64() float64 {
	if o.kind == opNumber {
		return o.num
	}
	return 0
}

func (o operand) Name() string {
	if o.kind == opName {
		return o.s
	}
	return ""
}

func (o operand) RawString() string {
	if o.kind == opString {
		return o.s
	}
	return ""
}

func (o operand) Len() int {
	if o.kind == opArray {
		return len(o.arr)
	}
	return 0
}

func (o operand) Index(i int) operand {
	if o.kind == opArray && i >= 0 && i < len(o.arr) {
		return o.arr[i]
	}
	return operand{}
}

// lexer reads the objects and operators of a content stream. A read error
// of the stream (a corrupt compressed stream, say) ends it like its end:
// what was read before is kept, as other readers do. A limit passed sets
// err and ends it too.
type lexer struct {
	r      *bufio.Reader
	err    error
	budget int    // of maxOperandBytes left for the pending operands
	tok    []byte // the last run of regular characters, reused
}

func newLexer(r io.Reader) *lexer {
	return &lexer{r: bufio.NewReaderSize(r, 32<<10), budget: maxOperandBytes}
}

func (l *lexer) fail(format string, args ...any) {
	if l.err == nil {
		l.err = fmt.Errorf("%w: "+format, append([]any{errLimit}, args...)...)
	}
}

// byte returns the next byte, false at the end (or after an error).
func (l *lexer) byte() (byte, bool) {
	if l.err != nil {
		return 0, false
	}
	c, err := l.r.ReadByte()
	if err != nil {
		var le limitError
		if errors.As(err, &le) {
			l.err = err
		}
		return 0, false
	}
	return c, true
}

func (l *lexer) unread() { _ = l.r.UnreadByte() }

func isSpace(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// spend takes n from the operand budget, failing when it runs out.
func (l *lexer) spend(n int) bool {
	if l.budget -= n; l.budget < 0 {
		l.fail("operands of more than %d bytes", maxOperandBytes)
		return false
	}
	return true
}

// skipSpace skips white space and comments.
func (l *lexer) skipSpace() {
	for {
		c, ok := l.byte()
		if !ok {
			return
		}
		switch {
		case isSpace(c):
		case c == '%':
			for {
				c, ok := l.byte()
				if !ok || c == '\n' || c == '\r' {
					break
				}
			}
		default:
			l.unread()
			return
		}
	}
}

// regular reads a run of regular characters (a number, a keyword, a name)
// into l.tok.
func (l *lexer) regular() ([]byte, bool) {
	b := l.tok[:0]
	defer func() { l.tok = b }()
	for {
		c, ok := l.byte()
		if !ok {
			break
		}
		if isSpace(c) || isDelim(c) {
			l.unread()
			break
		}
		if len(b) >= maxStringBytes {
			l.fail("a token longer than %d bytes", maxStringBytes)
			return nil, false
		}
		b = append(b, c)
	}
	return b, l.err == nil
}

// next reads the next operand, or an operator (op != ""); ok is false at
// the end of the stream, or after a limit passed (l.err).
func (l *lexer) next(depth int) (v operand, op string, ok bool) {
	l.skipSpace()
	c, ok := l.byte()
	if !ok {
		return operand{}, "", false
	}
	if depth > maxNesting {
		l.fail("arrays or dictionaries nested deeper than %d", maxNesting)
		return operand{}, "", false
	}
	if !l.spend(16) {
		return operand{}, "", false
	}
	switch c {
	case '(':
		s, ok := l.literal()
		return operand{kind: opString, s: s}, "", ok
	case '<':
		c2, ok := l.byte()
		if !ok {
			return operand{}, "", false
		}
		if c2 == '<' {
			d, ok := l.collect(depth, ">>")
			d.kind = opDict
			return d, "", ok
		}
		l.unread()
		s, ok := l.hex()
		return operand{kind: opString, s: s}, "", ok
	case '[':
		a, ok := l.collect(depth, "]")
		return a, "", ok
	case '/':
		b, ok := l.regular()
		if !l.spend(len(b)) {
			return operand{}, "", false
		}
		return operand{kind: opName, s: unescapeName(intern(b))}, "", ok
	case ']', '>', ')', '{', '}':
		if c == '>' {
			if c2, ok := l.byte(); ok && c2 != '>' {
				l.unread()
			}
			return operand{}, ">>", true
		}
		return operand{}, string(c), true
	}
	l.unread()
	b, ok := l.regular()
	if !ok {
		return operand{}, "", false
	}
	if c == '+' || c == '-' || c == '.' || c >= '0' && c <= '9' {
		return operand{kind: opNumber, num: parseNumber(b)}, "", true
	}
	switch s := intern(b); s {
	case "true", "false":
		v := operand{kind: opBool}
		if s == "true" {
			v.num = 1
		}
		return v, "", true
	case "null":
		return operand{}, "", true
	default:
		return operand{}, s, true
	}
}

// parseNumber reads an integer or real; malformed numbers ("--5", "5-"
// and the like) read as 0, as the library reads them.
func parseNumber(b []byte) float64 {
	neg, i := false, 0
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg, i = b[0] == '-', 1
	}
	// Up to 15 digits, the mantissa and the power of ten are exact, and
	// so their quotient is correctly rounded, as strconv's.
	var mant int64
	digits, frac := 0, 0
	for ; i < len(b) && b[i] >= '0' && b[i] <= '9' && digits < 15; i++ {
		mant = mant*10 + int64(b[i]-'0')
		digits++
	}
	if i < len(b) && b[i] == '.' {
		for i++; i < len(b) && b[i] >= '0' && b[i] <= '9' && digits < 15; i++ {
			mant = mant*10 + int64(b[i]-'0')
			digits++
			frac++
		}
	}
	if i < len(b) {
		// Long or odd: leave it to strconv.
		f, err := strconv.ParseFloat(string(b), 64)
		if err != nil {
			return 0
		}
		return f
	}
	x := float64(mant) / pow10[frac]
	if neg {
		x = -x
	}
	return x
}

var pow10 = [16]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// interned are the operators and names a content stream repeats, so that
// reading them allocates nothing.
var interned = func() map[string]string {
	m := map[string]string{}
	for _, s := range strings.Fields(`b B b* B* BDC BI BMC BT BX c cm CS cs d d0 d1 Do DP EI EMC ET EX
		f F f* G g gs h i ID j J K k l m M MP n q Q re RG rg ri s S SC sc SCN scn sh T* Tc Td TD
		Tf Tj TJ TL Tm Tr Ts Tw Tz v w W W* y ' " true false null
		F1 F2 F3 F4 F5 F6 F7 F8 F9 GS1 GS2 Im1 Im2 Span P Artifact DeviceGray DeviceRGB DeviceCMYK`) {
		m[s] = s
	}
	return m
}()

func intern(b []byte) string {
	if s, ok := interned[string(b)]; ok {
		return s
	}
	return string(b)
}

// collect reads array elements or dictionary entries up to end ("]" or
// ">>").
func (l *lexer) collect(depth int, end string) (operand, bool) {
	a := operand{kind: opArray}
	for {
		v, op, ok := l.next(depth + 1)
		if !ok {
			return a, false
		}
		switch op {
		case "":
			a.arr = append(a.arr, v)
		case end:
			return a, true
		default:
			// An operator inside an array: malformed; keep it as null.
			a.arr = append(a.arr, operand{})
		}
	}
}

// literal reads a literal string after its "(".
func (l *lexer) literal() (string, bool) {
	var b []byte
	depth := 1
	add := func(c byte) bool {
		if len(b) >= maxStringBytes {
			l.fail("a string longer than %d bytes", maxStringBytes)
			return false
		}
		b = append(b, c)
		return true
	}
	for {
		c, ok := l.byte()
		if !ok {
			return string(b), l.err == nil
		}
		switch c {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return string(b), l.spend(len(b))
			}
		case '\\':
			c, ok = l.byte()
			if !ok {
				return string(b), l.err == nil
			}
			switch c {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r': // a line continuation
				if c2, ok := l.byte(); ok && c2 != '\n' {
					l.unread()
				}
				continue
			case '\n':
				continue
			default:
				if c >= '0' && c <= '7' {
					x := int(c - '0')
					for range 2 {
						d, ok := l.byte()
						if !ok {
							break
						}
						if d < '0' || d > '7' {
							l.unread()
							break
						}
						x = x*8 + int(d-'0')
					}
					c = byte(x)
				}
			}
		}
		if !add(c) {
			return "", false
		}
	}
}

// hex reads a hexadecimal string after its "<".
func (l *lexer) hex() (string, bool) {
	var b []byte
	var hi byte
	half := false
	for {
		c, ok := l.byte()
		if !ok || c == '>' {
			break
		}
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			continue // white space, or garbage skipped
		}
		if !half {
			hi, half = d, true
			continue
		}
		if len(b) >= maxStringBytes {
			l.fail("a string longer than %d bytes", maxStringBytes)
			return "", false
		}
		b = append(b, hi<<4|d)
		half = false
	}
	if half {
		b = append(b, hi<<4)
	}
	return string(b), l.err == nil && l.spend(len(b))
}

// unescapeName decodes the #xx escapes of a name.
func unescapeName(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '#' {
			goto decode
		}
	}
	return s
decode:
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '#' && i+2 < len(s) {
			if x, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				b = append(b, byte(x))
				i += 2
				continue
			}
		}
		b = append(b, s[i])
	}
	return string(b)
}

// skipInlineImage skips the data of an inline image, after its ID
// operator, up to and including its EI operator (EI between white space,
// or at the end).
func (l *lexer) skipInlineImage() {
	if c, ok := l.byte(); ok && !isSpace(c) {
		l.unread()
	}
	prev := [3]byte{' ', 0, 0} // the last bytes read, prev[2] the latest
	for {
		c, ok := l.byte()
		if !ok {
			return
		}
		if prev[1] == 'E' && prev[2] == 'I' && isSpace(prev[0]) && (isSpace(c) || isDelim(c)) {
			l.unread()
			return
		}
		prev = [3]byte{prev[1], prev[2], c}
	}
}

// interpret runs do for each operator of the content read from r, with
// its operands. It stops at the first error do returns, and returns it, or
// the limit passed.
func interpret(r io.Reader, do func(args []operand, op string) error) error {
	l := newLexer(r)
	var args []operand
	for {
		v, op, ok := l.next(0)
		if !ok {
			return l.err
		}
		if op == "" {
			if len(args) >= maxOperands {
				l.fail("more than %d operands before an operator", maxOperands)
				return l.err
			}
			args = append(args, v)
			continue
		}
		switch op {
		case "BI":
			// Inline image: its dictionary up to ID, then binary data.
			for {
				_, op, ok := l.next(0)
				if !ok {
					return l.err
				}
				if op == "ID" {
					break
				}
			}
			l.skipInlineImage()
		default:
			if err := do(args, op); err != nil {
				return err
			}
		}
		args = args[:0]
		l.budget = maxOperandBytes
	}
}

// limitError is the error of a reader past its limit.
type limitError struct{ limit int64 }

func (e limitError) Error() string {
	return fmt.Sprintf("more than %d bytes of content (decoded)", e.limit)
}

func (e limitError) Unwrap() error { return errLimit }

// cappedReader reads from r and fails with limitError past n bytes.
type cappedReader struct {
	r    io.Reader
	n    int64 // bytes left
	full int64
}

func (c *cappedReader) Read(p []byte) (int, error) {
	if c.n <= 0 {
		// Past the limit only when there is more to read.
		var one [1]byte
		if k, _ := c.r.Read(one[:]); k > 0 {
			return 0, limitError{c.full}
		}
		return 0, io.EOF
	}
	if int64(len(p)) > c.n {
		p = p[:c.n]
	}
	k, err := c.r.Read(p)
	c.n -= int64(k)
	return k, err
}
