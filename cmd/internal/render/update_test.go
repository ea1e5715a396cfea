package render

import "flag"

// update rewrites the committed text exports of the form family's
// fixtures (fixtures/family, fixtures/selfeval, fixtures/department) from
// their goldens: go test ./cmd/internal/render -update.
var update = flag.Bool("update", false, "rewrite the committed text exports of the fixtures from their goldens")
