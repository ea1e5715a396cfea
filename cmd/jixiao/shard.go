package main

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"jixiao/ingest"
)

// shardSpec is the --shard i/n of ingest: this run reads the files of shard
// i (1-based) of n. The zero value reads every file.
type shardSpec struct{ i, n int }

// parseShard parses "i/n" with 1 ≤ i ≤ n.
func parseShard(s string) (shardSpec, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return shardSpec{}, fmt.Errorf("--shard %q: want i/n with 1 <= i <= n, such as 2/3", s)
	}
	return shardSpec{i: i, n: n}, nil
}

// shardKey is what decides a file's shard: its path relative to the
// command-line argument it was found under, with forward slashes (for a
// directory argument), or its base name (for a file named directly). It is
// the same on every machine however the batch is mounted (/mnt/share/2023
// or D:\2023), and does not depend on the order of the arguments; a file
// reached through two arguments takes the smaller of its keys.
func shardKey(arg, file string) string {
	if info, err := os.Stat(arg); err == nil && info.IsDir() {
		if rel, err := filepath.Rel(arg, file); err == nil {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.Base(file)
}

// shardOf returns the shard (1…n) of a key: the first 8 bytes of its
// SHA-256, modulo n. SHA-256 is fixed forever and spreads paths evenly.
func shardOf(key string, n int) int {
	sum := sha256.Sum256([]byte(key))
	return int(binary.BigEndian.Uint64(sum[:8])%uint64(n)) + 1
}

// selectShard keeps the files of shard s out of files, the expansion of
// args (in the same order). Standard input cannot be sharded: the caller
// refuses it.
func selectShard(args, files []string, s shardSpec) []string {
	if s.n == 0 {
		return files
	}
	keys := shardKeys(args)
	var kept []string
	for _, f := range files {
		if shardOf(keys[f], s.n) == s.i {
			kept = append(kept, f)
		}
	}
	return kept
}

// selectShardUnits keeps the units of shard s out of units, planned from
// the expansion of args: a page stream goes whole to the shard of its
// first file (in page order, the same on every machine), so that its forms
// are joined on one machine.
func selectShardUnits(args []string, units []ingest.Unit, s shardSpec) []ingest.Unit {
	if s.n == 0 {
		return units
	}
	keys := shardKeys(args)
	var kept []ingest.Unit
	for _, u := range units {
		if shardOf(keys[u.Files[0]], s.n) == s.i {
			kept = append(kept, u)
		}
	}
	return kept
}

// shardKeys returns the shard key of every file the expansion of args
// finds.
func shardKeys(args []string) map[string]string {
	keys := map[string]string{}
	for _, arg := range args {
		sub, _ := expandInputs([]string{arg})
		for _, f := range sub {
			k := shardKey(arg, f)
			if old, ok := keys[f]; !ok || k < old {
				keys[f] = k
			}
		}
	}
	return keys
}
