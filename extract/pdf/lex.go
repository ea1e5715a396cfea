package pdf

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
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
	maxGlyphs = 1 << 18
	// maxSegments is the most path segments (a rectangle is four) drawn on
	// one page, stroked, filled or discarded.
	maxSegments = 1 << 20
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
	budget int // of maxOperandBytes left for the pending operands
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

// regular reads a run of regular characters (a number, a keyword, a name).
func (l *lexer) regular() (string, bool) {
	var b []byte
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
			return "", false
		}
		b = append(b, c)
	}
	return string(b), l.err == nil
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
		s, ok := l.regular()
		if !l.spend(len(s)) {
			return operand{}, "", false
		}
		return operand{kind: opName, s: unescapeName(s)}, "", ok
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
	s, ok := l.regular()
	if !ok {
		return operand{}, "", false
	}
	switch s {
	case "true", "false":
		b := operand{kind: opBool}
		if s == "true" {
			b.num = 1
		}
		return b, "", true
	case "null":
		return operand{}, "", true
	}
	if c == '+' || c == '-' || c == '.' || c >= '0' && c <= '9' {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			f = 0 // "--5", "5-" and the like: read as 0, as the library does
		}
		return operand{kind: opNumber, num: f}, "", true
	}
	return operand{}, s, true
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
