package main

import "context"

const removeHelp = `
Usage: jixiao remove --db FILE [--dry-run] [--force] (ID|PATH)...

Examples:
  jixiao remove --db forms.db --dry-run 3
`

func runRemove(ctx context.Context, args []string, e *env) int {
	f := newFlags(e, "remove", removeHelp)
	if code, stop := f.parse(args); stop {
		return code
	}
	return f.usageError("not implemented yet")
}
