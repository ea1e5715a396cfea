package web

import (
	"net/http"
	"net/url"
	"strconv"

	"jixiao/store"
)

const pageSize = 50

// listPage is the data of list.html.
type listPage struct {
	page
	Q      store.ListQuery
	Result store.ListResult
	Facets []facetGroup
	Sorts  []option
	Prev   string // URL of the previous page; "" on the first
	Next   string // URL of the next page; "" on the last
	From   int    // 1-based number of the first form shown
	To     int
}

// facetGroup is one facet: its values as links that toggle the filter.
type facetGroup struct {
	Title string
	Items []facetItem
}

type facetItem struct {
	Label  string
	Count  int
	URL    string
	Active bool
}

type option struct {
	Value, Label string
	Selected     bool
}

// listQuery reads the list's query parameters.
func listQuery(v url.Values) store.ListQuery {
	off, _ := strconv.Atoi(v.Get("offset"))
	return store.ListQuery{
		Text: v.Get("q"), Department: v.Get("department"), Nature: v.Get("nature"),
		Status: v.Get("status"), Flag: v.Get("flag"), Sort: v.Get("sort"),
		Offset: max(off, 0), Limit: pageSize,
	}
}

// values returns q as query parameters (empty ones left out).
func values(q store.ListQuery) url.Values {
	v := url.Values{}
	for k, s := range map[string]string{"q": q.Text, "department": q.Department, "nature": q.Nature,
		"status": q.Status, "flag": q.Flag, "sort": q.Sort} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if q.Offset > 0 {
		v.Set("offset", strconv.Itoa(q.Offset))
	}
	return v
}

func listURL(q store.ListQuery) string {
	if e := values(q).Encode(); e != "" {
		return "/?" + e
	}
	return "/"
}

func (s *Server) handleList(w http.ResponseWriter, r *http.Request) {
	q := listQuery(r.URL.Query())
	res, err := s.opt.DB.SearchForms(r.Context(), q)
	if err != nil {
		s.opt.Log.Printf("jixiao serve: list: %v", err)
		s.fail(w, r, http.StatusInternalServerError, "the list could not be read")
		return
	}
	p := listPage{page: s.page(r, "Forms"), Q: q, Result: res}
	group := func(title string, facets []store.Facet, cur string, set func(*store.ListQuery, string), label func(string) string) {
		g := facetGroup{Title: title}
		for _, f := range facets {
			value := f.Value
			if value == "" {
				value = "-"
			}
			nq := q
			nq.Offset = 0
			active := cur == value
			if active {
				set(&nq, "")
			} else {
				set(&nq, value)
			}
			g.Items = append(g.Items, facetItem{Label: label(f.Value), Count: f.Count, URL: listURL(nq), Active: active})
		}
		p.Facets = append(p.Facets, g)
	}
	orNone := func(v string) string {
		if v == "" {
			return "(none)"
		}
		return v
	}
	same := func(v string) string { return v }
	group("Status", res.Statuses, q.Status, func(q *store.ListQuery, v string) { q.Status = v }, same)
	group("Flags", res.FlagCodes, q.Flag, func(q *store.ListQuery, v string) { q.Flag = v }, same)
	group("Department", res.Departments, q.Department, func(q *store.ListQuery, v string) { q.Department = v }, orNone)
	group("Project nature", res.Natures, q.Nature, func(q *store.ListQuery, v string) { q.Nature = v }, orNone)
	for _, o := range []option{{"flags", "most flags first", false}, {"id", "form id", false},
		{"project", "project name", false}, {"department", "department", false}} {
		o.Selected = o.Value == q.Sort || (q.Sort == "" && o.Value == "flags")
		p.Sorts = append(p.Sorts, o)
	}
	if q.Offset > 0 {
		pq := q
		pq.Offset = max(q.Offset-pageSize, 0)
		p.Prev = listURL(pq)
	}
	if q.Offset+len(res.Forms) < res.Total {
		nq := q
		nq.Offset = q.Offset + pageSize
		p.Next = listURL(nq)
	}
	p.From, p.To = q.Offset+1, q.Offset+len(res.Forms)
	s.render(w, "list.html", p)
}

// handleNext redirects to the next form with open flags after form {id}
// (or the first, from /next).
func (s *Server) handleNext(w http.ResponseWriter, r *http.Request) {
	var id int64
	if v := r.PathValue("id"); v != "" {
		var err error
		if id, err = strconv.ParseInt(v, 10, 64); err != nil || id <= 0 {
			s.fail(w, r, http.StatusNotFound, "no such form")
			return
		}
	}
	next, ok, err := s.opt.DB.NextOpen(r.Context(), id)
	if err != nil {
		s.opt.Log.Printf("jixiao serve: next: %v", err)
		s.fail(w, r, http.StatusInternalServerError, "the next form could not be found")
		return
	}
	if !ok {
		http.Redirect(w, r, "/?status=unreviewed&done=1", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/forms/"+strconv.FormatInt(next, 10), http.StatusSeeOther)
}
