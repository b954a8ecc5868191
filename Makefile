# Anjian: `make run` installs what is missing, builds, loads the demo city and serves it;
# `make test` runs every test; `make bench` prints the benchmark figures.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
DB ?= data/anjian.db
LISTEN ?= 127.0.0.1:8080

.PHONY: run test bench deps build build-test web format lint clean

run: deps build web $(DB)
	@scripts/print-demo-accounts $(LISTEN)
	exec build/anjian serve --db sqlite:$(DB) --listen $(LISTEN) --web web/dist

deps:
	@scripts/install-deps

build: deps
	@cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@$(MAKE) --no-print-directory -C build -j$(JOBS) anjian

# Tests run on a build with -Werror, AddressSanitizer and UndefinedBehaviorSanitizer.
build-test: deps
	@cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Debug -DANJIAN_WERROR=ON -DANJIAN_SANITIZE=ON >/dev/null
	@$(MAKE) --no-print-directory -C build-test -j$(JOBS) anjian anjian_tests

web: deps
	@cd web && npm run build --silent

$(DB): | build
	@mkdir -p $(dir $(DB))
	build/anjian demo --db sqlite:$(DB)

test: build-test web
	@scripts/test-all

bench: build
	@bench/run

format:
	@clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp')

lint:
	@scripts/lint

clean:
	rm -rf build build-test web/dist
