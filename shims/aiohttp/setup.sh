#!/bin/sh
# Sets up the aiohttp-cookiejar shim: a virtual environment in
# shims/aiohttp/.venv with the pinned requirements. Run from anywhere;
# running it again brings an existing environment to the pins.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
venv="$here/.venv"

fail() {
    echo "shims/aiohttp/setup.sh: $*" >&2
    exit 1
}

command -v python3 >/dev/null 2>&1 || fail "python3 not found"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv" || fail "python3 -m venv failed (on Debian: apt-get install python3-venv)"
fi
"$venv/bin/python" -m pip install --quiet --no-cache-dir --disable-pip-version-check \
    -r "$here/requirements.txt" || fail "pip install -r requirements.txt failed"
"$venv/bin/python" -c 'import aiohttp; assert aiohttp.__version__ == "3.14.5", aiohttp.__version__' \
    || fail "aiohttp 3.14.5 is not importable from $venv"
echo "shims/aiohttp: ready ($venv)"
