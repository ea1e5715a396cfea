package reconstruct

// placeholder
type layout struct{}
