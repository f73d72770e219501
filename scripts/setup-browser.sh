#!/usr/bin/env bash
# Makes sure a headless Chromium exists for the browser checks (`prepguard check --browser` and the
# tests that run example pipelines in a real browser). Nothing is downloaded by npm: the harness
# drives the system's Chromium/Chrome. Found through PREPGUARD_CHROMIUM, CHROME_PATH or the usual
# install paths; missing, it is installed with apt-get when running as root (CI), else this script
# says what to install and fails.
set -euo pipefail

for candidate in "${PREPGUARD_CHROMIUM:-}" "${CHROME_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /usr/bin/google-chrome-stable; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then
    exit 0
  fi
done

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "setup-browser: installing Debian's chromium for the browser checks (apt-get, once)" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi

echo "setup-browser: no Chromium found; install it (Debian/Ubuntu: apt-get install chromium) or set PREPGUARD_CHROMIUM to a Chrome/Chromium executable" >&2
exit 1
