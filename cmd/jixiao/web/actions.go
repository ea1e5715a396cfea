package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"jixiao"
	"jixiao/review"
	"jixiao/store"
)

// correctionReply is the JSON answer to a correction: the field as it is
// now, for the page to update in place.
type correctionReply struct {
	Field      string   `json:"field"`
	Value      string   `json:"value"`     // as shown now
	Original   *string  `json:"original"`  // the machine's reading
	Corrected  bool     `json:"corrected"` // the field differs from the machine's reading's field history
	Changed    bool     `json:"changed"`   // a correction was stored
	Target     string   `json:"target,omitempty"`
	TargetKind string   `json:"target_kind,omitempty"`
	FieldFlags []string `json:"field_flags"` // codes of the flags on the field now
	RowFlags   []string `json:"row_flags"`   // codes of the flags on its indicator row now
	// Fields and Rows are the codes of the flags on every field, and on
	// every indicator row (by the row's value field), now: a correction
	// derives the form's flags again, and one may resolve or raise a flag
	// on another field (a score that mends the total).
	Fields map[string][]string `json:"fields"`
	Rows   map[string][]string `json:"rows"`
	Flags  int                 `json:"flags"` // flags on the whole form now
	Error  string              `json:"error,omitempty"`
}

// handleCorrect stores a correction (form fields field, value and base, the
// value the reviewer saw) and answers with JSON; 409 when the field changed
// meanwhile.
func (s *Server) handleCorrect(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		replyJSON(w, http.StatusNotFound, correctionReply{Error: "no such form"})
		return
	}
	reviewer := s.reviewer(r)
	if reviewer == "" {
		replyJSON(w, http.StatusForbidden, correctionReply{Error: "no reviewer name: reload the page"})
		return
	}
	field := r.PostFormValue("field")
	e := review.Edit{FormID: id, Field: field, Value: r.PostFormValue("value"), Reviewer: reviewer}
	if _, ok := r.PostForm["base"]; ok {
		base := r.PostFormValue("base")
		e.Base = &base
	}
	_, changed, err := review.Correct(r.Context(), s.opt.DB, e)
	status := http.StatusOK
	reply := correctionReply{Field: field, Changed: changed}
	var bad *review.ValueError
	switch {
	case errors.Is(err, store.ErrNotFound):
		replyJSON(w, http.StatusNotFound, correctionReply{Error: "no such form"})
		return
	case errors.Is(err, review.ErrBadField):
		replyJSON(w, http.StatusBadRequest, correctionReply{Field: field, Error: "this field cannot be corrected"})
		return
	case errors.As(err, &bad):
		replyJSON(w, http.StatusBadRequest, correctionReply{Field: field, Error: bad.Error()})
		return
	case errors.Is(err, review.ErrConflict):
		status = http.StatusConflict
		reply.Error = "someone changed this field meanwhile; it now shows their value"
	case err != nil:
		s.opt.Log.Printf("jixiao serve: correct form %d %s: %v", id, field, err)
		replyJSON(w, http.StatusInternalServerError, correctionReply{Error: "the correction was not stored"})
		return
	}
	rf, err := review.Load(r.Context(), s.opt.DB, id)
	if err != nil {
		s.opt.Log.Printf("jixiao serve: form %d: %v", id, err)
		replyJSON(w, http.StatusInternalServerError, correctionReply{Error: "the form could not be read"})
		return
	}
	cur, _ := review.FieldValue(rf.Form, field)
	reply.Value = deref(cur)
	reply.Original, _ = review.FieldValue(rf.Original, field)
	for _, c := range rf.Corrections {
		reply.Corrected = reply.Corrected || c.Field == field
	}
	reply.FieldFlags, reply.Fields = []string{}, map[string][]string{}
	for _, fl := range rf.Form.Flags {
		if fl.Field == field {
			reply.FieldFlags = append(reply.FieldFlags, fl.Code)
		}
		reply.Fields[fl.Field] = append(reply.Fields[fl.Field], fl.Code)
	}
	reply.RowFlags, reply.Rows = []string{}, map[string][]string{}
	for i, ind := range rf.Form.Indicators {
		reply.Rows[jixiao.IndicatorField(i, jixiao.IndicatorValue)] = ind.Flags
		if field == jixiao.IndicatorField(i, jixiao.IndicatorValue) || field == jixiao.IndicatorField(i, jixiao.IndicatorName) {
			reply.RowFlags = ind.Flags
			reply.Target, reply.TargetKind = targetSummary(ind.Target), string(ind.Target.Kind)
			if ind.Value == nil {
				reply.Target = "—"
			}
		}
	}
	reply.Flags = len(rf.Form.Flags)
	replyJSON(w, status, reply)
}

func replyJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// handleReview marks the form reviewed (status=reviewed) or reopens it
// (status=reopened), then shows it again, or the next form with open flags
// when then=next.
func (s *Server) handleReview(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(w, r, http.StatusNotFound, "no such form")
		return
	}
	reviewer := s.reviewer(r)
	if reviewer == "" {
		http.Redirect(w, r, "/reviewer?next="+url.QueryEscape("/forms/"+strconv.FormatInt(id, 10)), http.StatusSeeOther)
		return
	}
	status := r.PostFormValue("status")
	if status != jixiao.StatusReviewed && status != jixiao.StatusReopened {
		s.fail(w, r, http.StatusBadRequest, "unknown review status")
		return
	}
	if _, err := review.Mark(r.Context(), s.opt.DB, id, status, reviewer); errors.Is(err, store.ErrNotFound) {
		s.fail(w, r, http.StatusNotFound, "no such form")
		return
	} else if err != nil {
		s.opt.Log.Printf("jixiao serve: review form %d: %v", id, err)
		s.fail(w, r, http.StatusInternalServerError, "the review was not stored")
		return
	}
	to := "/forms/" + strconv.FormatInt(id, 10)
	if r.PostFormValue("then") == "next" {
		to += "/next"
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// reviewerPage is the data of reviewer.html.
type reviewerPage struct {
	page
	Next  string
	Error string
}

func (s *Server) handleReviewerPage(w http.ResponseWriter, r *http.Request) {
	p := reviewerPage{page: s.page(r, "Reviewer"), Next: localPath(r.URL.Query().Get("next"))}
	s.render(w, "reviewer.html", p)
}

// handleReviewerSet keeps the reviewer's name in a cookie.
func (s *Server) handleReviewerSet(w http.ResponseWriter, r *http.Request) {
	next := localPath(r.PostFormValue("next"))
	if s.opt.Reviewer != "" {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	name := cleanName(r.PostFormValue("name"))
	if name == "" {
		p := reviewerPage{page: s.page(r, "Reviewer"), Next: next, Error: "Give your name (at most 80 characters)."}
		s.renderStatus(w, http.StatusBadRequest, "reviewer.html", p)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: reviewerCookie, Value: url.QueryEscape(name), Path: "/",
		HttpOnly: true, SameSite: http.SameSiteStrictMode, MaxAge: 30 * 24 * 3600})
	http.Redirect(w, r, next, http.StatusSeeOther)
}
