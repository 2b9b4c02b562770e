#!/usr/bin/env bash
# Installs Debian's redis-server when it is missing (queue-mode tests and benchmark). Idempotent:
# returns at once when redis-server is already on PATH. Needs root (apt-get).
set -euo pipefail

if command -v redis-server >/dev/null 2>&1; then
	exit 0
fi

export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	SUDO="sudo"
fi

if ! $SUDO apt-get install -y --no-install-recommends redis-server; then
	# The package lists may be missing or stale: refresh them once and retry.
	$SUDO apt-get update
	$SUDO apt-get install -y --no-install-recommends redis-server
fi

# The package starts a system-wide service where an init system runs; queue stacks start their own.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
	$SUDO systemctl disable --now redis-server >/dev/null 2>&1 || true
fi

command -v redis-server >/dev/null 2>&1
