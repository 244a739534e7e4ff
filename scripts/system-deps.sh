#!/usr/bin/env bash
# Install the Debian packages hailong needs (fonts and libraries for PDFs, Chromium for the
# browser tests, espeak-ng for broadcast audio) when they are missing. Never downloads a browser.
set -uo pipefail
packages=(chromium chromium-driver libharfbuzz-subset0 fonts-liberation2 fonts-noto-core
          poppler-utils espeak-ng sox gettext)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
((${#missing[@]} == 0)) && exit 0
if ! command -v apt-get >/dev/null; then
  echo "system-deps: not a Debian system; please install: ${missing[*]}" >&2; exit 0
fi
sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
echo "system-deps: installing ${missing[*]}"
$sudo apt-get update -qq >/dev/null 2>&1 || true
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
  || echo "system-deps: could not install ${missing[*]} (tests that need them will say so)" >&2
exit 0
