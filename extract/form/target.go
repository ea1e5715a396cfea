package form

// TargetKind classifies an indicator value.
type TargetKind string

// The target kinds. TargetText is the fallback for anything not understood.
const (
	TargetText TargetKind = "text"
)

// Target is the typed reading of an indicator value. Kind says which of the
// other fields are meaningful; unused fields are omitted from JSON.
type Target struct {
	Kind TargetKind `json:"kind"`
}
