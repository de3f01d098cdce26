# planwatch: `make run` runs the main job, `make test` the whole suite (CI).

GO       ?= go
BIN      := bin/planwatch
VERSION  := $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -X planwatch/internal/cli.Version=$(VERSION)
FUZZTIME ?= 2m

.PHONY: build assets run test bench score eval fuzz

build: assets
	$(GO) build -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/planwatch

# Front-end libraries for the web app (ECharts), from npm with the lockfile,
# copied into internal/web/static/vendor to be embedded.
assets:
	bash scripts/assets.sh

# The main job: extract the embedded sample plan and ../shared/seeds, put
# them in a throwaway library, track the sample, then serve the web app on
# http://127.0.0.1:8080 until Ctrl-C (ADDR=0.0.0.0:8080 make run to share).
ADDR ?= 127.0.0.1:8080
run: build
	./$(BIN) demo --serve $(ADDR)

test:
	bash scripts/test.sh

# Figures on one core (-cpu 1); the VM is noisy, so run it twice.
bench:
	$(GO) test -run '^$$' -bench . -benchtime 2s -cpu 1 ./internal/...

score: build
	python3 ../shared/eval/score.py --gold ../shared/eval/gold --docs ../shared/seeds \
		--cmd './$(BIN) extract --json {}' -v

# The evaluation set (eval/README.md): seeds, shared, tune and check
# splits, PDF and DOCX apart. The check split prints figures only.
eval: build
	python3 eval/score.py --bin ./$(BIN)

# Longer fuzzing: every fuzz target for FUZZTIME (make fuzz FUZZTIME=10m).
fuzz:
	FUZZTIME=$(FUZZTIME) bash scripts/fuzz.sh

# Static binaries for office servers (x86 and ARM such as Kunpeng) and the
# systemd unit and its settings file, with their checksums, in dist/. SQLite is pure Go, so no C
# toolchain is needed for either architecture.
release: assets
	rm -rf dist && mkdir -p dist
	for arch in amd64 arm64; do \
		CGO_ENABLED=0 GOOS=linux GOARCH=$$arch $(GO) build -trimpath -ldflags '-s -w $(LDFLAGS)' \
			-o dist/planwatch-linux-$$arch ./cmd/planwatch || exit 1; \
	done
	cp packaging/planwatch.service packaging/planwatch.env dist/
	cd dist && sha256sum planwatch-linux-* planwatch.service planwatch.env > SHA256SUMS
