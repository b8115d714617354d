#!/usr/bin/env bash
# Installs (idempotently) every tool PropertyPro needs to build and test.
# Safe to run again: each step checks first. Sourced by .ci/serve, .ci/test and .ci/run.
# Why each pin: see README "Toolchain".
set -euo pipefail

CARGO_LEPTOS_VERSION=0.3.11
WASM_BINDGEN_VERSION=0.2.130   # must equal the wasm-bindgen crate pinned in Cargo.toml
SQLX_CLI_VERSION=0.9.0
BINARYEN_VERSION=132.0.0       # Debian's binaryen 108 silently breaks hydration
TOOLS_DIR="${PROPERTYPRO_TOOLS_DIR:-$HOME/.cache/propertypro-tools}"

export PATH="$HOME/.cargo/bin:$TOOLS_DIR/node_modules/.bin:$PATH"
# mold links the native binaries (server, tests) in seconds instead of minutes; cargo-leptos
# sets no RUSTFLAGS for the native build, so this reaches it (need_mold installs mold).
export CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUSTFLAGS="${CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUSTFLAGS:--C link-arg=-fuse-ld=mold}"
log() { printf '[tools] %s\n' "$*" >&2; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
# Tools are built once per machine; they need no LTO or single codegen unit (cargo-leptos's
# own release profile asks for both, and its final link alone took minutes). mold links.
tool_build_env() {
  env CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
      CARGO_PROFILE_RELEASE_DEBUG=false CARGO_PROFILE_RELEASE_STRIP=true \
      RUSTFLAGS="-C link-arg=-fuse-ld=mold" "$@"
}
apt_updated=0
apt_install() {
  if [ $apt_updated = 0 ]; then as_root apt-get update -qq >/dev/null; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

need_wasm_target() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown \
    || { log "adding rust target wasm32-unknown-unknown"; rustup target add wasm32-unknown-unknown; }
}

need_cargo_leptos() {
  if cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then return; fi
  log "building cargo-leptos $CARGO_LEPTOS_VERSION from source (several minutes, once)"
  # `cargo install --locked cargo-leptos` fails on rustc 1.95: its lockfile has
  # cargo-util-schemas 0.14.2 (needs rustc 1.96). Downgrade that one crate.
  cargo info "cargo-leptos@$CARGO_LEPTOS_VERSION" >/dev/null
  local src tmp
  src=$(ls -d "$HOME"/.cargo/registry/src/*/cargo-leptos-"$CARGO_LEPTOS_VERSION" | head -n1)
  tmp=$(mktemp -d)
  cp -r "$src" "$tmp/cargo-leptos"
  (cd "$tmp/cargo-leptos" \
    && cargo update -q -p cargo-util-schemas --precise 0.14.1 \
    && CARGO_TARGET_DIR="$tmp/target" tool_build_env cargo install -q --locked --path .)
  rm -rf "$tmp"
}

need_wasm_bindgen() {
  if wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then return; fi
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # not --locked: its lockfile wants a webpki-roots this registry mirror lacks
  tool_build_env cargo install -q wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
}

need_sqlx_cli() {
  if cargo sqlx --version 2>/dev/null | grep -q "$SQLX_CLI_VERSION"; then return; fi
  log "installing sqlx-cli $SQLX_CLI_VERSION"
  tool_build_env cargo install -q --locked sqlx-cli --version "$SQLX_CLI_VERSION" --no-default-features --features postgres,rustls
}

need_binaryen() {
  if [ -x "$TOOLS_DIR/node_modules/.bin/wasm-opt" ]; then return; fi
  log "installing wasm-opt (npm binaryen@$BINARYEN_VERSION)"
  mkdir -p "$TOOLS_DIR"
  (cd "$TOOLS_DIR" && [ -f package.json ] || echo '{"private":true}' > package.json
   cd "$TOOLS_DIR" && npm install --silent --no-audit --no-fund "binaryen@$BINARYEN_VERSION" >/dev/null)
}

need_mold() {
  if command -v mold >/dev/null 2>&1; then return; fi
  log "installing the mold linker (apt)"
  apt_install mold
}

need_postgres() {
  if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then return; fi
  log "installing PostgreSQL server (apt)"
  apt_install postgresql
}

need_chromium() {
  if [ -x /usr/bin/chromium ]; then return; fi
  log "installing Chromium (apt)"
  apt_install chromium fonts-dejavu-core
}

need_build_tools() { need_mold; need_wasm_target; need_wasm_bindgen; need_binaryen; need_cargo_leptos; need_postgres; }

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  case "${1:-all}" in
    build) need_build_tools ;;
    all) need_build_tools; need_sqlx_cli; need_chromium ;;
    *) echo "usage: $0 [build|all]" >&2; exit 2 ;;
  esac
fi
