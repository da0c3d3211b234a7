# dossier — every target works on a fresh clone with Go installed.
GO      ?= go
BIN     := bin/dossier
SITE    ?= .

.PHONY: all build serve check test vet fmt-check tools bench dossier clean screenshots fuzz

all: build

$(BIN): FORCE
	$(GO) build -o $(BIN) ./cmd/dossier

FORCE:

## build: build the dossier into public/
build: $(BIN)
	./$(BIN) build -s $(SITE)

## serve: preview the dossier at http://127.0.0.1:1313/, rebuilding and reloading on every change
serve: $(BIN)
	./$(BIN) serve -s $(SITE) $(SERVE_FLAGS)

## check: verify every content file, citation and link; write nothing
check: $(BIN)
	./$(BIN) check -s $(SITE)

## test: vet, gofmt check, and all tests (the browser, HTML-validity and
## link-crawl tests need chromium, java and nginx: .ci/run installs them)
test: vet fmt-check tools
	DOSSIER_VNU_JAR=$(CURDIR)/$(TOOLS)/node_modules/vnu-jar/build/dist/vnu.jar \
	DOSSIER_AXE_JS=$(CURDIR)/$(TOOLS)/node_modules/axe-core/axe.min.js \
	$(GO) test -count=1 -timeout 30m ./...

## tools: the npm packages the quality gates use (Nu Html Checker, axe-core)
TOOLS := .ci/tools
tools: $(TOOLS)/node_modules/vnu-jar/build/dist/vnu.jar $(TOOLS)/node_modules/axe-core/axe.min.js

$(TOOLS)/node_modules/vnu-jar/build/dist/vnu.jar $(TOOLS)/node_modules/axe-core/axe.min.js:
	npm install --prefix $(TOOLS) --no-audit --no-fund --silent vnu-jar@26.9.27 axe-core@4.14.1

## screenshots: every page kind at 390 and 1440 px, both languages and both
## colour schemes, into screenshots/ (the reading gate writes them as it runs)
screenshots: tools
	DOSSIER_AXE_JS=$(CURDIR)/$(TOOLS)/node_modules/axe-core/axe.min.js \
	DOSSIER_SCREENSHOTS=$(CURDIR)/screenshots \
	$(GO) test -count=1 -run '^TestReading$$' ./generator/build/

## fuzz: run each fuzz target for FUZZTIME (make test runs their seed
## corpora; a crasher is saved under the package's testdata/fuzz/)
FUZZTIME ?= 1m
FUZZ_TARGETS := content:FuzzParse content:FuzzParseDate content:FuzzMayRepeatKey markdown:FuzzRender markdown:FuzzSafeURL \
	quote:FuzzFind wdiff:FuzzDiff site:FuzzParseConfig i18n:FuzzParse
fuzz:
	@for t in $(FUZZ_TARGETS); do pkg=$${t%%:*}; fn=$${t#*:}; echo "== generator/$$pkg $$fn"; \
	$(GO) test ./generator/$$pkg -run '^$$' -fuzz "^$$fn\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 5s $(FUZZFLAGS) || exit 1; done

vet:
	$(GO) vet ./...

fmt-check:
	@out="$$(gofmt -l cmd generator)"; if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

## bench: benchmark builds and edit-to-reload (go test -bench), then dossier
## against Hugo as whole processes on the same generated sites, printed as a
## Markdown table (needs hugo: apt-get install hugo). BENCH_FLAGS adds flags,
## e.g. BENCH_FLAGS='-sizes 1000,10000,50000' or '-repeated'.
BENCH_FLAGS ?=
bench:
	$(GO) test -run '^$$' -bench . -benchtime 10x ./generator/build/
	$(GO) test -run '^$$' -bench . -benchtime 40x ./generator/serve/
	$(GO) run ./cmd/dossier-bench -go $(GO) -sizes 1000,10000 -runs 5 $(BENCH_FLAGS)
	$(GO) run ./cmd/search-bench -runs 5

clean:
	rm -rf public bin
