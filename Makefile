# jixiao — see README.md. `make run` and `make test` work on a fresh
# Debian/Ubuntu machine: `deps` installs whatever is missing.

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
# jixiao serve), GNU time for peak-memory figures in `make bench`, Chromium
# and a CJK font for the end-to-end test of jixiao serve (its screenshots).
APT_PKGS   := gcc libc6-dev time libtesseract-dev libleptonica-dev tesseract-ocr-chi-sim tesseract-ocr-eng poppler-utils chromium fonts-droid-fallback
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
FUZZTIME   ?= 5s
# The value parser is the widest grammar: it gets a full minute.
FUZZTIME_FuzzValue ?= 60s

.PHONY: all deps build run test vet fuzz bench bench-ocr clean

all: build

# deps installs the missing Debian packages and Go modules. It does nothing
# when everything is there.
deps:
	$(call ensure-apt,$(APT_PKGS))
	@command -v $(GO) >/dev/null || { echo "installing: golang-go"; $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq golang-go; }
	@$(GO) mod download

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

build: deps
	$(GO) build -o $(BIN) ./cmd/jixiao

# run ingests the bundled fixtures and prints a summary. Running it again is a
# no-op that says so.
run: build
	$(BIN) ingest --db $(DB) $(FIXTURES)

vet: deps
	@bad=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$bad" ]; then echo "gofmt needed:"; echo "$$bad"; exit 1; fi
	$(GO) vet ./...

test: vet
	$(GO) test -race -count=1 ./...
	$(MAKE) --no-print-directory fuzz

# fuzz runs every fuzz target briefly (FUZZTIME each); crashers land in
# testdata/fuzz and become regression tests.
fuzz: deps
	@set -e; for pkg in $$($(GO) list ./...); do \
	  dir=$$($(GO) list -f '{{.Dir}}' $$pkg); \
	  for f in $$(grep -ho '^func Fuzz[A-Za-z0-9_]*' $$dir/*_test.go 2>/dev/null | sed 's/^func //'); do \
	    t=$(FUZZTIME); [ "$$f" = FuzzValue ] && t=$(FUZZTIME_FuzzValue); \
	    echo "fuzz $$pkg $$f ($$t)"; \
	    $(GO) test -run='^$$' -fuzz="^$$f$$" -fuzztime=$$t -fuzzminimizetime=2s $$pkg; \
	  done; \
	done

# bench generates text corpora from the fixtures and times a full ingest of
# each (forms/s and peak memory); renders a PDF corpus of over 1,000 pages
# and times jixiao against `pdftotext -layout` on the same files with the
# same parallelism; then runs the Go benchmarks. Medians of 3 runs.
BENCH_DIR ?= /tmp/jixiao-bench
BENCH_APT_PKGS := fonts-droid-fallback fonts-dejavu-core poppler-utils
NPROC := $(shell nproc)
bench: build
	$(call ensure-apt,$(BENCH_APT_PKGS))
	@set -e; rm -rf $(BENCH_DIR); mkdir -p $(BENCH_DIR); \
	for n in 2000 10000; do \
	  $(GO) run ./cmd/gencorpus -forms $$n -per-file 20 -out $(BENCH_DIR)/text-$$n fixtures/text/forms.txt; \
	  for try in 1 2 3; do \
	    rm -f $(BENCH_DIR)/b.db*; \
	    /usr/bin/time -f '%e %M' -o $(BENCH_DIR)/time $(BIN) ingest --db $(BENCH_DIR)/b.db $(BENCH_DIR)/text-$$n >/dev/null; \
	    cat $(BENCH_DIR)/time >> $(BENCH_DIR)/times-$$n; \
	  done; \
	  sort -n $(BENCH_DIR)/times-$$n | awk -v n=$$n 'NR==2 { printf "text ingest, %5d forms: median %.2f s, %6.0f forms/s, peak RSS %.1f MiB\n", n, $$1, n/$$1, $$2/1024 }'; \
	done; \
	$(GO) run ./cmd/genpdf -layout a -repeat 21 -out-dir $(BENCH_DIR)/pdf fixtures/golden/form-*.json; \
	pages=$$(for f in $(BENCH_DIR)/pdf/*.pdf; do pdfinfo $$f | awk '/^Pages:/{print $$2}'; done | awk '{s+=$$1} END {print s}'); \
	for try in 1 2 3; do \
	  rm -f $(BENCH_DIR)/p.db*; \
	  /usr/bin/time -f '%e %M' -o $(BENCH_DIR)/time $(BIN) ingest -j $(NPROC) --db $(BENCH_DIR)/p.db $(BENCH_DIR)/pdf >/dev/null; \
	  cat $(BENCH_DIR)/time >> $(BENCH_DIR)/times-pdf; \
	  /usr/bin/time -f '%e' -o $(BENCH_DIR)/time sh -c 'ls $(BENCH_DIR)/pdf/*.pdf | xargs -P $(NPROC) -I{} pdftotext -layout {} /dev/null'; \
	  cat $(BENCH_DIR)/time >> $(BENCH_DIR)/times-pdftotext; \
	done; \
	j=$$(sort -n $(BENCH_DIR)/times-pdf | awk 'NR==2 {print $$1}'); \
	rss=$$(sort -n $(BENCH_DIR)/times-pdf | awk 'NR==2 {printf "%.1f", $$2/1024}'); \
	p=$$(sort -n $(BENCH_DIR)/times-pdftotext | awk 'NR==2 {print $$1}'); \
	echo "pdf ingest, $$pages pages (-j $(NPROC)): jixiao median $$j s (peak RSS $$rss MiB), pdftotext -layout median $$p s, ratio $$(awk -v a=$$j -v b=$$p 'BEGIN {printf "%.2f", a/b}')x (target <= 2x)"
	$(MAKE) --no-print-directory bench-ocr
	$(GO) test -run='^$$' -bench=. -benchmem ./...

# bench-ocr times OCR on scanned pages: copies of the fixture scans
# (fixtures/scan/genpdf-a-NNN.jpg, each copy made unique by a trailer after
# the JPEG's end, so that none is skipped as already stored) in
# $(BENCH_DIR)/ocr, never checked in.
#   1. BENCH_OCR_PAGES pages (spread over the 49 fixture pages): the
#      `tesseract` command (full page, -l chi_sim, OMP_THREAD_LIMIT=1, one
#      process per page) against jixiao's whole pipeline (OCR cell by cell,
#      reconstruction, normalization, SQLite) at -j 1, then jixiao at -j 2:
#      seconds per page, the ratio, and the speed-up of -j 2.
#   2. BENCH_OCR_BATCH pages through `jixiao ingest -j $(NPROC)`: peak RSS
#      (0 skips it).
# Each figure is from BENCH_OCR_RUNS runs (median; default 1: OCR is slow).
BENCH_OCR_PAGES ?= 12
BENCH_OCR_BATCH ?= 500
BENCH_OCR_RUNS  ?= 1
bench-ocr: build
	@set -e; d=$(BENCH_DIR)/ocr; rm -rf $$d; mkdir -p $$d/pages $$d/batch; \
	src=($$(ls $(SCAN_DIR)/genpdf-a-[0-9][0-9][0-9].jpg)); n=$${#src[@]}; \
	copy() { cp $$1 $$2; printf 'jixiao-bench %s' "$$2" >> $$2; }; \
	for i in $$(seq 1 $(BENCH_OCR_PAGES)); do \
	  copy $${src[$$(( (i - 1) * n / $(BENCH_OCR_PAGES) ))]} $$d/pages/p$$(printf %04d $$i).jpg; \
	done; \
	for i in $$(seq 1 $(BENCH_OCR_BATCH)); do \
	  copy $${src[$$(( (i - 1) % n ))]} $$d/batch/b$$(printf %04d $$i).jpg; \
	done; \
	median() { sort -n | awk '{a[NR]=$$0} END {print a[int((NR+1)/2)]}'; }; \
	for try in $$(seq 1 $(BENCH_OCR_RUNS)); do \
	  /usr/bin/time -f '%e %U %S' -o $$d/time sh -c 'for f in $$0/pages/*.jpg; do OMP_THREAD_LIMIT=1 tesseract $$f - -l chi_sim >/dev/null 2>&1; done' $$d; \
	  tail -n1 $$d/time >> $$d/times-tess; \
	  for j in 1 2; do \
	    rm -f $$d/o.db*; \
	    OMP_THREAD_LIMIT=1 /usr/bin/time -f '%e %U %S %M' -o $$d/time $(BIN) ingest -j $$j --db $$d/o.db $$d/pages >/dev/null 2>&1 || true; \
	    tail -n1 $$d/time >> $$d/times-j$$j; \
	  done; \
	done; \
	p=$(BENCH_OCR_PAGES); \
	( median < $$d/times-tess; median < $$d/times-j1; median < $$d/times-j2 ) | awk -v p=$$p ' \
	  { wall[NR] = $$1; cpu[NR] = $$2 + $$3; rss[NR] = $$4 / 1024 } \
	  END { \
	    printf "ocr, %d pages: tesseract CLI (full page, chi_sim) %.2f s/page wall, %.2f s/page CPU\n", p, wall[1]/p, cpu[1]/p; \
	    printf "ocr, %d pages: jixiao -j 1 %.2f s/page wall, %.2f s/page CPU; ratio to tesseract %.2fx wall, %.2fx CPU (target <= 1x)\n", p, wall[2]/p, cpu[2]/p, wall[2]/wall[1], cpu[2]/cpu[1]; \
	    printf "ocr, %d pages: jixiao -j 2 %.2f s/page wall, %.2f s/page CPU (peak RSS %.1f MiB); speed-up over -j 1 %.2fx wall (target >= 1.7x)\n", p, wall[3]/p, cpu[3]/p, rss[3], wall[2]/wall[3] }'; \
	if [ $(BENCH_OCR_BATCH) -gt 0 ]; then \
	  rm -f $$d/o.db*; \
	  OMP_THREAD_LIMIT=1 /usr/bin/time -f '%e %U %S %M' -o $$d/time $(BIN) ingest -j $(NPROC) --db $$d/o.db $$d/batch >/dev/null 2>$$d/batch.err || true; \
	  tail -n1 $$d/time | awk -v p=$(BENCH_OCR_BATCH) '{ printf "ocr batch, %d pages (-j $(NPROC)): %.0f s, %.2f s/page wall, %.2f s/page CPU, peak RSS %.1f MiB\n", p, $$1, $$1/p, ($$2+$$3)/p, $$4/1024 }'; \
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

.PHONY: fixtures-pdf
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

# fixtures-scan regenerates the scanned fixtures in fixtures/scan from
# genpdf-a.pdf (see fixtures/scan/README.md): every page rasterised at 200
# dpi by pdftoppm and degraded deterministically by cmd/genscan (rotation,
# blur, noise, lowered contrast, JPEG), plus one PNG page, a two-page TIFF
# (16-17), image-only PDFs of pages 1-3 (JPEG) and 28-29 (lossless,
# FlateDecode) and pages.json (which forms each file shows). JPEG quality
# 60-65 keeps the set near 20 MB. Not part of `make test`: the
# scans are checked in. The 539-page benchmark set is made on demand:
#   go run ./cmd/genscan -repeat 11 -out-dir DIR -pdf all -pages-per-file 49 fixtures/pdf/genpdf-a.pdf
SCAN_DIR      := fixtures/scan
SCAN_APT_PKGS := poppler-utils
SCAN_FLAGS    := -qmin 60 -qmax 65 -png 2 -tiff 16-17 -pdf 1-3 -pdf-flate 28-29

.PHONY: fixtures-scan
fixtures-scan: deps
	$(call ensure-apt,$(SCAN_APT_PKGS))
	rm -f $(SCAN_DIR)/genpdf-a-* $(SCAN_DIR)/pages.json $(SCAN_DIR)/degrade.json
	$(GO) run ./cmd/genscan -out-dir $(SCAN_DIR) $(SCAN_FLAGS) -golden '$(PDF_GOLDENS)' $(PDF_DIR)/genpdf-a.pdf
	@du -cb $(SCAN_DIR)/* | awk 'END { printf "$(SCAN_DIR): %.1f MB\n", $$1/1e6 }'
