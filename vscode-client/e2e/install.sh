#!/usr/bin/env sh
# Installs code-server and playwright-core for the editor test, on a machine that reaches
# the npm registry but not GitHub. code-server's postinstall builds VS Code's native
# modules (needs build-essential, pkg-config, python3, libkrb5-dev) and fetches ripgrep
# from GitHub: the ripgrep download is answered from Debian's rg (package ripgrep),
# placed where @vscode/ripgrep looks for a cached download.
set -eu
cd "$(dirname "$0")"

if [ -x node_modules/.bin/code-server ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  echo "e2e: code-server already installed"
  exit 0
fi

rg_bin="$(command -v rg || true)"
if [ -z "$rg_bin" ]; then
  echo "e2e: ripgrep is missing: apt-get install -y ripgrep" >&2
  exit 2
fi
if ! command -v /usr/bin/chromium >/dev/null 2>&1 && [ -z "${CHROMIUM_PATH:-}" ]; then
  echo "e2e: Chromium is missing: apt-get install -y chromium (or set CHROMIUM_PATH)" >&2
  exit 2
fi

# The @vscode/ripgrep version and its ripgrep release that code-server 4.100.3 pins
# (lib/vscode/npm-shrinkwrap.json); change both with the code-server version.
ripgrep_package=1.15.11
ripgrep_release=v13.0.0-10
case "$(uname -m)" in
  x86_64) target=x86_64-unknown-linux-musl ;;
  aarch64) target=aarch64-unknown-linux-musl ;;
  *) echo "e2e: no ripgrep mapping for $(uname -m)" >&2; exit 2 ;;
esac
seed="$(mktemp -d)"
trap 'rm -rf "$seed"' EXIT
mkdir -p "$seed/vscode-ripgrep-cache-$ripgrep_package"
cp "$rg_bin" "$seed/rg"
tar -C "$seed" -czf "$seed/vscode-ripgrep-cache-$ripgrep_package/ripgrep-$ripgrep_release-$target.tar.gz" rg

# unsafe_perm: code-server's postinstall refuses to run as root without it;
# yes: node-pty's postinstall runs `npx node-gyp`, which otherwise stops to ask.
TMPDIR="$seed" npm_config_unsafe_perm=true npm_config_yes=true npm ci --no-audit --no-fund
