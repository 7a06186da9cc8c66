#!/usr/bin/env bash
# The end-to-end tests drive Debian's Chromium at /usr/bin/chromium (Playwright never downloads a
# browser). Installs it when it is missing and this shell can (root with apt-get); otherwise stops
# with one line saying what to install, before any test runs.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then exit 0; fi

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium (the end-to-end tests drive /usr/bin/chromium)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  if [ -x /usr/bin/chromium ]; then exit 0; fi
fi

echo "npm test needs Chromium at /usr/bin/chromium: install it with 'sudo apt-get install chromium' (Debian/Ubuntu) and run npm test again." >&2
exit 1
