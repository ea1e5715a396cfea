// Command jixiao turns Chinese budget performance-target declaration forms
// (财政项目支出绩效目标申报表) into a typed SQLite database.
//
// Run "jixiao help" for the commands, "jixiao COMMAND --help" for one.
package main

import (
	"context"
	"os"
)

func main() { os.Exit(mainStatus()) }

// mainStatus is main up to its exit status: the process-level set-up
// (Tesseract single-threaded: the program re-executes itself once with
// OMP_THREAD_LIMIT=1 when the variable is unset; the first interrupt
// cancels, a second exits at once with 130), then the command.
func mainStatus() int {
	_ = reexecWithThreadLimit()
	ctx, stop := interruptContext(context.Background(), os.Exit)
	defer stop()
	return run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
}
