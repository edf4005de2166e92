#!/usr/bin/env bash
# Install Debian's Chromium, a CJK font, an Arial-metric font and PDF tools for the browser tests when any is missing.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "wenquanyi micro hei" || need+=(fonts-wqy-microhei)
# Liberation Sans has Arial's metrics: printed pages lay out as they do on the office's Windows and Mac machines.
fc-list 2>/dev/null | grep -qi "liberation sans" || need+=(fonts-liberation2)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v nginx >/dev/null 2>&1 || need+=(nginx)
[ ${#need[@]} -eq 0 ] && exit 0
echo "Installing with apt: ${need[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"; }; then
  echo "ERROR: could not install ${need[*]} with apt. Browser tests need Debian's chromium, fonts-wqy-microhei and fonts-liberation2;" >&2
  echo "install them (apt-get install chromium fonts-wqy-microhei fonts-liberation2 poppler-utils nginx) and run make test again." >&2
  exit 1
fi
