package pdf

import (
	"errors"
	"fmt"
	"reflect"

	lpdf "github.com/ledongthuc/pdf"

	"jixiao"
)

// Limits of the page-tree guard. Real documents nest their page tree a few
// levels deep (pdfium refuses more than 64 levels, poppler more than a few
// hundred); the node cap bounds the work of the walk itself.
const (
	// MaxTreeDepth is the deepest page tree (and /Parent chain) read.
	MaxTreeDepth = 256
	// maxTreeNodes is the most page-tree nodes (pages included) visited.
	maxTreeNodes = 4 * MaxPages
)

// ErrPageTree is wrapped by the errors of checkPageTree: a page tree that
// the library would walk forever or for too long.
var ErrPageTree = errors.New("unusable page tree")

// checkPageTree inspects the page tree of r before anything walks it, with
// an explicit stack and a visited set, and refuses what would hang
// github.com/ledongthuc/pdf, whose Page and inherited-attribute look-ups
// follow /Kids and /Parent without either (an endless loop cannot be
// recovered, and would stop the whole batch):
//   - a /Kids entry leading back to a node already visited (a cycle);
//   - a /Parent chain from a page that loops instead of ending at the root;
//   - a tree or /Parent chain deeper than MaxTreeDepth, or more than
//     maxTreeNodes nodes;
//   - a page content stream whose /Length is not a number (for instance an
//     indirect reference to the stream itself): the library would read it as
//     empty and the page would pass for a scan.
//
// It returns the pages in document order, found in this one walk (the
// library's Page(i) walks the tree from the root for each page), and an
// error for more than MaxPages pages.
//
// Objects are told apart by their object number, which the library keeps
// unexported; objectID reads it by reflection. Were that to fail (a library
// change), the depth and node caps still bound the walk.
func checkPageTree(r *lpdf.Reader) ([]lpdf.Page, error) {
	type item struct {
		v     lpdf.Value
		depth int
	}
	root := r.Trailer().Key("Root").Key("Pages")
	visited := map[uint64]bool{}   // inner nodes
	chainEnds := map[uint64]bool{} // nodes whose /Parent chain is known to end
	stack := []item{{root, 1}}
	nodes := 0
	var pages []lpdf.Page
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if nodes++; nodes > maxTreeNodes {
			return nil, &jixiao.Error{Op: "extract", Kind: jixiao.ErrLimitExceeded,
				Err: fmt.Errorf("%w: more than %d nodes", ErrPageTree, maxTreeNodes)}
		}
		if it.depth > MaxTreeDepth {
			return nil, fmt.Errorf("%w: nested deeper than %d levels", ErrPageTree, MaxTreeDepth)
		}
		switch it.v.Key("Type").Name() {
		case "Pages":
			id := objectID(it.v)
			if id != 0 {
				if visited[id] {
					return nil, fmt.Errorf("%w: a /Kids entry leads back to object %d (a cycle)", ErrPageTree, id>>16)
				}
				visited[id] = true
			}
			kids := it.v.Key("Kids")
			// Pushed in reverse so that pages are visited in order.
			for i := kids.Len() - 1; i >= 0; i-- {
				kid := kids.Index(i)
				if id != 0 && objectID(kid) == id && kid.Key("Type").Name() == "Pages" {
					return nil, fmt.Errorf("%w: /Pages object %d lists itself (or a direct /Pages dictionary) among its /Kids", ErrPageTree, id>>16)
				}
				stack = append(stack, item{kid, it.depth + 1})
			}
		case "Page":
			pages = append(pages, lpdf.Page{V: it.v})
			n := len(pages)
			if n > MaxPages {
				return nil, &jixiao.Error{Op: "extract", Kind: jixiao.ErrLimitExceeded,
					Err: fmt.Errorf("more than %d pages", MaxPages)}
			}
			if err := checkParentChain(it.v, chainEnds); err != nil {
				return nil, fmt.Errorf("page %d: %w", n, err)
			}
			if err := checkContentLength(it.v.Key("Contents")); err != nil {
				return nil, fmt.Errorf("page %d: %w", n, err)
			}
		}
	}
	return pages, nil
}

// checkParentChain follows the /Parent links from page up to the root and
// fails when they loop or go deeper than MaxTreeDepth. Nodes whose chain is
// known to end are kept in ends, so that checking every page costs about
// as much as the tree has nodes.
func checkParentChain(page lpdf.Value, ends map[uint64]bool) error {
	// Resolving a node reads all of it (the library keeps no cache): a
	// parent known to end is recognised by its reference, unresolved.
	if id := refOf(page, "Parent"); id != 0 && ends[id] {
		return nil
	}
	seen := map[uint64]bool{}
	var walked []uint64
	v := page.Key("Parent")
	for steps := 0; !v.IsNull(); steps++ {
		if steps > MaxTreeDepth {
			return fmt.Errorf("%w: /Parent chain longer than %d links", ErrPageTree, MaxTreeDepth)
		}
		id := objectID(v)
		if id != 0 {
			if ends[id] {
				break
			}
			if seen[id] {
				return fmt.Errorf("%w: the /Parent chain loops at object %d", ErrPageTree, id>>16)
			}
			seen[id] = true
			walked = append(walked, id)
		}
		v = v.Key("Parent")
	}
	for _, id := range walked {
		ends[id] = true
	}
	return nil
}

// checkContentLength fails when a content stream (or one of an array of
// them) has a /Length that is not a number.
func checkContentLength(contents lpdf.Value) error {
	check := func(s lpdf.Value) error {
		if s.Kind() != lpdf.Stream {
			return nil
		}
		if l := s.Key("Length"); l.Kind() != lpdf.Integer {
			return fmt.Errorf("malformed content stream: /Length is %s, not a number", kindName(l))
		}
		return nil
	}
	if contents.Kind() == lpdf.Array {
		for i := range contents.Len() {
			if err := check(contents.Index(i)); err != nil {
				return err
			}
		}
		return nil
	}
	return check(contents)
}

func kindName(v lpdf.Value) string {
	switch v.Kind() {
	case lpdf.Null:
		return "missing"
	case lpdf.Stream:
		return "a stream"
	case lpdf.Dict:
		return "a dictionary"
	case lpdf.Array:
		return "an array"
	}
	return "of kind " + fmt.Sprint(v.Kind())
}

// objectID returns the object number and generation of the indirect object
// v was read from (number<<16 | generation), or 0 when unknown. The library
// does not export it; it is read by reflection from Value's unexported
// "ptr" field (an objptr{id uint32; gen uint16}). A direct object inside
// another reports the number of the object that holds it.
func objectID(v lpdf.Value) uint64 {
	p := reflect.ValueOf(v).FieldByName("ptr")
	if !p.IsValid() || p.Kind() != reflect.Struct {
		return 0
	}
	id, gen := p.FieldByName("id"), p.FieldByName("gen")
	if !id.IsValid() || !gen.IsValid() || !id.CanUint() || !gen.CanUint() {
		return 0
	}
	return id.Uint()<<16 | gen.Uint()
}

// refOf returns the object number and generation (as objectID) of the
// indirect reference that dictionary v holds at key, without resolving it,
// or 0 when the entry is missing, direct or not readable. The library does
// not export it; it is read by reflection from Value's unexported "data"
// field (a dict: map[name]object, the reference an objptr).
func refOf(v lpdf.Value, key string) uint64 {
	d := reflect.ValueOf(v).FieldByName("data")
	if !d.IsValid() || d.Kind() != reflect.Interface || d.IsNil() {
		return 0
	}
	d = d.Elem()
	if d.Kind() != reflect.Map || d.Type().Key().Kind() != reflect.String {
		return 0
	}
	x := d.MapIndex(reflect.ValueOf(key).Convert(d.Type().Key()))
	if !x.IsValid() || x.Kind() != reflect.Interface || x.IsNil() {
		return 0
	}
	x = x.Elem()
	if x.Kind() != reflect.Struct || x.Type().Name() != "objptr" {
		return 0
	}
	id, gen := x.FieldByName("id"), x.FieldByName("gen")
	if !id.IsValid() || !gen.IsValid() || !id.CanUint() || !gen.CanUint() {
		return 0
	}
	return id.Uint()<<16 | gen.Uint()
}
