package normalize

import (
	"fmt"
	"regexp"
	"strconv"
	"time"

	"golang.org/x/text/width"
)

var dateRE = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$|^(\d{4})(\d{2})(\d{2})$`)

// Date parses a calendar date as forms print it (2023-01-01, 2023/1/1,
// 2023.1.1, 2023年1月1日, 20230101) and returns it as ISO 8601. It reports
// false for anything else, including impossible dates such as 2023-02-30.
func Date(s string) (string, bool) {
	m := dateRE.FindStringSubmatch(width.Narrow.String(s))
	if m == nil {
		return "", false
	}
	y, mo, d := m[1], m[2], m[3]
	if y == "" {
		y, mo, d = m[4], m[5], m[6]
	}
	yy, _ := strconv.Atoi(y)
	mm, _ := strconv.Atoi(mo)
	dd, _ := strconv.Atoi(d)
	t := time.Date(yy, time.Month(mm), dd, 0, 0, 0, 0, time.UTC)
	if t.Year() != yy || int(t.Month()) != mm || t.Day() != dd {
		return "", false
	}
	return fmt.Sprintf("%04d-%02d-%02d", yy, mm, dd), true
}

func isoDate(y, m, d int) string { return fmt.Sprintf("%04d-%02d-%02d", y, m, d) }

// monthEnd returns the last day of month m of year y.
func monthEnd(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// yearOr returns the printed year, or the form's year when none is printed.
func yearOr(printed string, year int) int {
	if printed != "" {
		return atoi(printed)
	}
	return year
}
