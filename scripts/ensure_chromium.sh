#!/bin/sh
# Debian's Chromium for the browser tests (Playwright cannot download a browser here).
# `make test` and .ci/run both call this. It installs chromium with apt-get when it is missing
# and we are root; otherwise it says in one line what to install. It never fails the run itself:
# without Chromium the browser tests skip, except under CI (the CI variable set), where they fail.
# It also installs Debian's chromium-headless-shell (the same version without the desktop browser
# around it) when it can: tests/browser/conftest.py prefers it, and the browser tests take about a
# quarter less time with it; without it they use chromium.
chromium="${JOINTLY_CHROMIUM:-/usr/bin/chromium}"
shell=/usr/bin/chromium-headless-shell
can_install() { [ -z "$JOINTLY_CHROMIUM" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }
if [ -x "$chromium" ]; then
  if [ -z "$JOINTLY_CHROMIUM" ] && [ ! -x "$shell" ] && can_install; then
    echo "Installing Debian's chromium-headless-shell for the browser tests"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell >/dev/null) ||
      echo "apt-get could not install chromium-headless-shell: the browser tests use chromium."
  fi
  exit 0
fi
if [ -n "$CI" ]; then outcome="fail, as CI needs them"; else outcome="be skipped"; fi
if can_install; then
  echo "Installing Debian's chromium for the browser tests"
  if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell >/dev/null ||
      echo "apt-get could not install chromium-headless-shell: the browser tests use chromium."
    exit 0
  fi
  echo "apt-get could not install chromium, so the browser tests will $outcome."
  exit 0
fi
echo "No Chromium at $chromium, so the browser tests will $outcome: install Debian's chromium (sudo apt-get install chromium) or set JOINTLY_CHROMIUM to a Chromium binary."
