#!/usr/bin/env bash
# Installs the Debian packages the checks and tests need, only the missing ones.
#   install-system-packages.sh check   hunspell with the British English dictionary, for the
#                                      spelling check of make check (the Swedish word list is in
#                                      the repository: scripts/styrdok/data/hunspell; the build
#                                      needs no Debian package)
#   install-system-packages.sh test    also Chromium for the browser tests, nginx to serve the site
#                                      as in production, Java and npm for the HTML validator and axe-core
# Playwright drives Debian's chromium; it never downloads a browser of its own.
set -euo pipefail

need=()
command -v hunspell >/dev/null 2>&1 || need+=(hunspell)
[ -e /usr/share/hunspell/en_GB.dic ] || need+=(hunspell-en-gb)
if [ "${1:-test}" = "test" ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
  command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
  command -v npm >/dev/null 2>&1 || need+=(npm)
fi

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
echo "Installing Debian packages: ${need[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
