package grid

// DisjointSets is a union-find structure over the integers 0..n-1, with
// path halving. Not safe for concurrent use.
type DisjointSets []int

// NewDisjointSets returns n singleton sets.
func NewDisjointSets(n int) DisjointSets {
	d := make(DisjointSets, n)
	for i := range d {
		d[i] = i
	}
	return d
}

// Find returns the representative of i's set.
func (d DisjointSets) Find(i int) int {
	for d[i] != i {
		d[i] = d[d[i]]
		i = d[i]
	}
	return i
}

// Union merges the sets of a and b.
func (d DisjointSets) Union(a, b int) { d[d.Find(a)] = d.Find(b) }
