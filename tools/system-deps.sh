#!/usr/bin/env bash
# The system programs the tests use: Tesseract with its Vietnamese model (the OCR path for scanned PDFs) and
# Debian's Chromium (the web app in a real browser, through Playwright). `make test`, `make system-deps` and
# .ci/run all call this, so a laptop and CI install the same things. Where installing is not possible (no apt-get,
# not root and no password-less sudo) it says what to install and carries on: the tests that need a missing
# program skip with that reason, except in CI, where they fail.
set -uo pipefail

missing=""
if ! command -v tesseract >/dev/null 2>&1 || ! tesseract --list-langs 2>/dev/null | grep -qx vie; then
  missing="$missing tesseract-ocr tesseract-ocr-vie"
fi
if [ ! -x /usr/bin/chromium ]; then
  missing="$missing chromium"
fi
[ -z "$missing" ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    SUDO="none"
  fi
fi
if ! command -v apt-get >/dev/null 2>&1 || [ "$SUDO" = "none" ]; then
  echo "note: cannot install system packages here; install$missing to run every test" >&2
  echo "      (the tests that need them are skipped, with the reason)" >&2
  [ "${CI:-}" = "true" ] && exit 1
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq $missing; }; then
  echo "note: installing$missing failed; the tests that need them are skipped" >&2
  [ "${CI:-}" = "true" ] && exit 1
fi
exit 0
