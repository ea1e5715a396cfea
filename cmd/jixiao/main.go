// Command jixiao turns Chinese budget performance-target declaration forms
// (财政项目支出绩效目标申报表) into a typed SQLite database.
//
// Run "jixiao help" for the commands, "jixiao COMMAND --help" for one.
package main

import (
	"context"
	"os"
)

func main() {
	// Tesseract single-threaded: this re-executes the program once with
	// OMP_THREAD_LIMIT=1 when the variable is unset.
	_ = reexecWithThreadLimit()
	ctx, stop := interruptContext(context.Background(), os.Exit)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
