package normalize

import (
	"sync"

	"jixiao"
)

// targetCache memoizes Value. Forms repeat the same few values (≥90%, 100%,
// 及时, 健全) thousands of times over, and reading one costs a few regular
// expressions. Safe for concurrent use; it forgets everything when full, so
// it stays small.
var targetCache = struct {
	sync.Mutex
	m map[targetKey]jixiao.Target
}{m: map[targetKey]jixiao.Target{}}

type targetKey struct {
	value string
	year  int
}

// targetCacheMax bounds the cache (distinct values of a batch).
const targetCacheMax = 1 << 16

// cachedValue returns Value(s, year), from the cache when it can. The
// result shares no memory with the cache.
func cachedValue(s string, year int) jixiao.Target {
	k := targetKey{s, year}
	targetCache.Lock()
	t, ok := targetCache.m[k]
	targetCache.Unlock()
	if !ok {
		t = Value(s, year)
		targetCache.Lock()
		if len(targetCache.m) >= targetCacheMax {
			targetCache.m = map[targetKey]jixiao.Target{}
		}
		targetCache.m[k] = t
		targetCache.Unlock()
	}
	return cloneTarget(t)
}

// cloneTarget copies t with fresh pointers, so that a caller may change its
// target without changing anyone else's.
func cloneTarget(t jixiao.Target) jixiao.Target {
	for _, p := range []**float64{&t.Value, &t.Min, &t.Max} {
		if *p != nil {
			v := **p
			*p = &v
		}
	}
	if t.Unit != nil {
		u := *t.Unit
		t.Unit = &u
	}
	return t
}
