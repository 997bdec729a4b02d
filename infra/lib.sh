# Shared shell helpers for infra scripts. Sourced, not run.

# ensure_pnpm: makes the pnpm version pinned in package.json's packageManager available as `pnpm`.
# Tries, in order: a pnpm already on PATH with that version; corepack (with signature checks off,
# since some registries serve pnpm without the keys corepack expects, and no prompt, since CI has no
# stdin); a global npm install; a user-local npm install under the cache directory.
ensure_pnpm() {
  local root want
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  want=$(node -p "require('$root/package.json').packageManager.split('@')[1]")
  pnpm_ok() { [ "$(cd "$root" && pnpm --version 2>/dev/null)" = "$want" ]; }
  pnpm_ok && return 0
  export COREPACK_ENABLE_DOWNLOAD_PROMPT=0 COREPACK_INTEGRITY_KEYS=0
  if command -v corepack >/dev/null 2>&1; then
    corepack enable pnpm >/dev/null 2>&1 && pnpm_ok && return 0
  fi
  echo "[setup] installing pnpm@$want with npm"
  npm install -g --silent "pnpm@$want" >/dev/null 2>&1 && hash -r && pnpm_ok && return 0
  local prefix="${RAPPORT_CACHE:-$HOME/.cache/rapport}/pnpm-$want"
  npm install --silent --prefix "$prefix" "pnpm@$want" >/dev/null
  export PATH="$prefix/node_modules/.bin:$PATH"
  pnpm_ok || { echo "[setup] error: could not install pnpm@$want (tried corepack and npm)" >&2; return 1; }
}

# Debian's Chromium drives the end-to-end browser tests (playwright-core never downloads one).
ensure_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ] || command -v chromium >/dev/null 2>&1; then return 0; fi
  echo "installing Debian's chromium package for the browser tests"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if ! $sudo apt-get install -y --no-install-recommends chromium >/dev/null 2>&1; then
    $sudo apt-get update >/dev/null 2>&1 || true
    $sudo apt-get install -y --no-install-recommends chromium >/dev/null || {
      echo "could not install chromium; install it (apt-get install chromium) or set CHROMIUM_PATH" >&2
      return 1
    }
  fi
}
