# smbscope — build and test entry points. `make test` is what CI runs.
GO ?= go

.PHONY: all build test lint demo fuzz clean

all: build

build:
	$(GO) build -o bin/smbscope ./cmd/smbscope

# The whole test suite: formatting, vet, and every test with the race detector.
test: lint
	$(GO) test -race -count=1 ./...

lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...

# Analyse a bundled capture.
demo:
	$(GO) run ./cmd/smbscope testdata/pcaps/samba/s05_smb311_defaults_user.pcap

# Fuzz every fuzz target for FUZZTIME seconds each and print executions and
# findings per target (scripts/fuzz.sh; docs/FUZZING.md has the results).
FUZZTIME ?= 60
fuzz:
	scripts/fuzz.sh $(FUZZTIME)

clean:
	rm -rf bin
