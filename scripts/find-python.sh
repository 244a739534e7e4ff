#!/usr/bin/env bash
# Print the path of a Python >= 3.12 interpreter: $PYTHON, then pyenv's, then the PATH's.
set -euo pipefail
ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; }
candidates=()
[[ -n "${PYTHON:-}" ]] && candidates+=("$PYTHON")
want=$(cat "$(dirname "$0")/../.python-version" 2>/dev/null || true)
root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
[[ -n "$want" && -x "$root/versions/$want/bin/python" ]] && candidates+=("$root/versions/$want/bin/python")
for v in "$root"/versions/3.1[2-9]*/bin/python; do [[ -x "$v" ]] && candidates+=("$v"); done
for n in python3.12 python3.13 python3.14 python3; do command -v "$n" >/dev/null && candidates+=("$(command -v "$n")"); done
for c in "${candidates[@]}"; do if ok "$c"; then echo "$c"; exit 0; fi; done
echo "hailong needs Python >= 3.12 (set PYTHON=/path/to/python3.12)" >&2
exit 1
