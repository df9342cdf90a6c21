# Thin wrapper: install what is missing, configure, build, then scan or test.
# Everything real lives in CMakeLists.txt; this file only saves typing.

BUILD_DIR ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
# Debian 12 packages the build and the tests need.
DEB_PACKAGES = cmake make g++ pkg-config git ca-certificates \
  libgit2-dev nlohmann-json3-dev libsodium-dev libcli11-dev catch2 \
  libtomlplusplus-dev libyaml-cpp-dev libexpected-dev libre2-dev libssl-dev \
  libcurl4-openssl-dev minisign bubblewrap
# The tests run the real npx; a machine may already have Node from elsewhere
# (NodeSource bundles npm into its nodejs package), so these are installed
# only when npx is missing.
NODE_PACKAGES = nodejs npm

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build scan test test-servers bench clean install

all: build

# Installs only the packages that are missing, so a ready machine pays nothing.
deps:
	@missing=$$(for p in $(DEB_PACKAGES); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; \
	  done); \
	command -v npx >/dev/null 2>&1 || missing="$$missing $(NODE_PACKAGES)"; \
	if [ -n "$$(echo $$missing)" ]; then \
	  echo "installing:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(BUILD_DIR)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release -DMCPGUARD_WERROR=ON

build: deps $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Exit status 1 means "scanned, and there is something to look at": the
# report is the point here, so only a failure to run (2) fails make.
scan: build
	@$(BUILD_DIR)/mcpguard scan; rc=$$?; [ $$rc -le 1 ] || exit $$rc

# The real MCP servers and the SDK the fixture servers use, from npm, at the
# versions package-lock.json pins; only when the lock changed since last time.
test-servers: deps
	@if [ ! -f tests/servers/node_modules/.package-lock.json ] || \
	    [ tests/servers/package-lock.json -nt tests/servers/node_modules/.package-lock.json ]; then \
	  cd tests/servers && npm ci --no-audit --no-fund --loglevel=error; \
	fi

test: build test-servers
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

bench: build
	cmake --build $(BUILD_DIR) --target mcpguard_bench_hash
	tests/bench/run.sh $(BUILD_DIR)/mcpguard

install: build
	cmake --install $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR)
