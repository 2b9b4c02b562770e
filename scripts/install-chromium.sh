#!/usr/bin/env bash
# Debian's Chromium for the browser check of the end-to-end suite (Playwright's own browser
# download cannot reach its host here). Skipped when it is already installed.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
echo "== installing Debian's chromium (apt)"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
chromium --version
