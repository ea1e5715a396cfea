package main

import (
	"fmt"
	"strconv"
	"strings"
)

// byteSize is a flag value holding a number of bytes, written as a number
// with an optional K, M or G (powers of 1024, "iB" or "B" after it
// allowed): 512M, 1.5G, 2GiB, 1048576.
type byteSize int64

func (s *byteSize) String() string {
	n := int64(*s)
	for _, u := range []struct {
		unit string
		size int64
	}{{"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}} {
		if n >= u.size && n%u.size == 0 {
			return fmt.Sprintf("%d%s", n/u.size, u.unit)
		}
	}
	return strconv.FormatInt(n, 10)
}

func (s *byteSize) Set(v string) error {
	t := strings.ToUpper(strings.TrimSpace(v))
	t = strings.TrimSuffix(strings.TrimSuffix(t, "B"), "I")
	mult := 1.0
	if t != "" {
		switch t[len(t)-1] {
		case 'K':
			mult = 1 << 10
		case 'M':
			mult = 1 << 20
		case 'G':
			mult = 1 << 30
		}
		if mult != 1 {
			t = t[:len(t)-1]
		}
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(t), 64)
	if err != nil || f < 0 || f*mult > 1<<62 {
		return fmt.Errorf("not a size: %q (write e.g. 800M or 1.5G)", v)
	}
	*s = byteSize(f * mult)
	return nil
}

// sizeFlag defines a byteSize flag with a default of def bytes.
func sizeFlag(f *flags, name string, def int64, usage string) *int64 {
	s := byteSize(def)
	f.Var(&s, name, usage)
	return (*int64)(&s)
}
