// Package worker reads documents in child processes, so that a reader that
// crashes, loops or runs out of memory costs one document, not the batch.
//
// The parent runs jobs through a [Pool] of children, each the same program
// running [Child]; they talk in length-prefixed frames of JSON (a job, its
// progress events, its result) over the child's standard input and output.
// A child that dies, exceeds its memory limit or stops reporting progress
// fails its job with a *jixiao.Error (crashed, limit exceeded or timeout) and
// is replaced for the next one. A Pool is safe for concurrent use.
// Children run only where [Supported] is true (Linux). See
// docs/isolation.md for the design.
package worker
