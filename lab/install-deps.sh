#!/usr/bin/env bash
# Installs what the real-QEMU lab needs on Debian 12: QEMU (x86 system emulator), static busybox, gcc with a static
# libc, cpio. Idempotent; needs root (or sudo). The guest kernel is not installed: lab/build-guest.sh downloads it.
set -euo pipefail

packages=(qemu-system-x86 busybox-static gcc libc6-dev cpio)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "lab/install-deps.sh: already installed: ${packages[*]}"
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -o DPkg::Lock::Timeout=120
"${sudo[@]}" apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=120 "${missing[@]}"
