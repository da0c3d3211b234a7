# dossier — every target works on a fresh clone with Go installed.
GO      ?= go
BIN     := bin/dossier
SITE    ?= .

.PHONY: all build check test vet fmt-check bench dossier clean

all: build

$(BIN): FORCE
	$(GO) build -o $(BIN) ./cmd/dossier

FORCE:

## build: build the dossier into public/
build: $(BIN)
	./$(BIN) build -s $(SITE)

## check: verify every content file, citation and link; write nothing
check: $(BIN)
	./$(BIN) check -s $(SITE)

## test: vet, gofmt check, and all tests
test: vet fmt-check
	$(GO) test -count=1 ./...

vet:
	$(GO) vet ./...

fmt-check:
	@out="$$(gofmt -l cmd generator)"; if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

## bench: benchmark full builds (go test -bench)
bench:
	$(GO) test -run '^$$' -bench . -benchtime 10x ./generator/build/

clean:
	rm -rf public bin
