#!/usr/bin/env bash
# Install the Debian packages the tool (and with "test", its tests) needs, when they are missing.
# Usage: tools/install-sysdeps.sh [demo|test]
# Runs apt-get only as root and only for what is missing; otherwise says what to install.
set -euo pipefail

# libcairo2: cairosvg draws an SVG logo for the Word files.
want=(libharfbuzz-subset0 fonts-dejavu-core libcairo2)
if [[ "${1:-demo}" == "test" ]]; then
  # writer opens the Word files in the tests; chromium runs axe-core over the HTML; python3-uno
  # (for the system python3) lets a test fill a workbook in LibreOffice as a person would.
  want+=(poppler-utils qpdf libreoffice-calc-nogui libreoffice-writer-nogui python3-uno chromium
         chromium-driver)
fi

missing=()
for pkg in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -ne 0 ]]; then
  echo "Mangler Debian-pakker: ${missing[*]}" >&2
  echo "Installér dem med: sudo apt-get install --no-install-recommends ${missing[*]}" >&2
  exit 0
fi
echo "Installerer Debian-pakker: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
