#!/bin/sh
# Debian's Chromium for the browser tests (Playwright cannot download a browser here).
# `make test` and .ci/run both call this. It installs chromium with apt-get when it is missing
# and we are root; otherwise it says in one line what to install. It never fails the run itself:
# without Chromium the browser tests skip, except under CI (the CI variable set), where they fail.
chromium="${JOINTLY_CHROMIUM:-/usr/bin/chromium}"
[ -x "$chromium" ] && exit 0
if [ -n "$CI" ]; then outcome="fail, as CI needs them"; else outcome="be skipped"; fi
if [ -z "$JOINTLY_CHROMIUM" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests"
  if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; then
    exit 0
  fi
  echo "apt-get could not install chromium, so the browser tests will $outcome."
  exit 0
fi
echo "No Chromium at $chromium, so the browser tests will $outcome: install Debian's chromium (sudo apt-get install chromium) or set JOINTLY_CHROMIUM to a Chromium binary."
