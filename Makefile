# smbscope — build and test entry points. `make test` is what CI runs.
GO ?= go

.PHONY: all deps build test lint demo fuzz bench clean

all: build

# Live capture (-i) is built with the pcap tag, which needs cgo and libpcap's
# headers; `deps` installs them where missing (scripts/install-deps.sh, as
# root with apt-get), and TAGS is "pcap" once they are there. Without them
# the build leaves live capture out, and everything else works the same.
TAGS = $(shell scripts/install-deps.sh --tags)

deps:
	@scripts/install-deps.sh

build: deps
	$(GO) build -tags '$(TAGS)' -o bin/smbscope ./cmd/smbscope

# The whole test suite: formatting, vet, and every test with the race
# detector, the live capture test in network namespaces among them.
test: deps lint
	$(GO) test -race -count=1 -tags '$(TAGS)' ./...

# vet both builds, and check that the pure-Go build (CGO_ENABLED=0) works.
lint: deps
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(if $(TAGS),$(GO) vet -tags '$(TAGS)' ./...)
	CGO_ENABLED=0 $(GO) build ./...

# Analyse a bundled capture.
demo:
	$(GO) run ./cmd/smbscope testdata/pcaps/samba/s05_smb311_defaults_user.pcap

# Fuzz every fuzz target for FUZZTIME seconds each and print executions and
# findings per target (scripts/fuzz.sh; docs/FUZZING.md has the results).
FUZZTIME ?= 60
fuzz:
	scripts/fuzz.sh $(FUZZTIME)

# Side-by-side timing with tshark on large captures of real Samba traffic,
# written into BENCHMARKS.md (scripts/bench/run.sh; the captures are made
# once, as root, by scripts/bench/make-captures.sh into BENCH_DIR).
bench:
	scripts/bench/run.sh

clean:
	rm -rf bin
