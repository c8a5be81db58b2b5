#!/usr/bin/env bash
# Builds the lab guest into lab/out/ (or $LIVEMIG_LAB_OUT): Debian's cloud kernel (vmlinuz pulled out of the .deb,
# nothing installed) and an initramfs with static busybox, /init and our static dirtier. Idempotent: it rebuilds only
# what changed, and writes lab/out/guest.json naming the files. Needs: gcc (static libc), busybox-static, cpio, apt.
set -euo pipefail

# Usage: build-guest.sh [--out DIR] [--kernel-abi ABI]   (or LIVEMIG_LAB_OUT / LIVEMIG_KERNEL_ABI in the environment)
lab="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${LIVEMIG_LAB_OUT:-$lab/out}"
while [ "$#" -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --kernel-abi) LIVEMIG_KERNEL_ABI="$2"; shift 2 ;;
    *) echo "build-guest: unknown argument: $1 (use --out DIR, --kernel-abi ABI)" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
exec 9>"$out/.lock"
flock 9 # two builds at once (parallel test files) wait for each other

log() { echo "build-guest: $*" >&2; }
fail() {
  echo "build-guest: error: $*" >&2
  exit 1
}

check_tools() {
  local missing=()
  command -v gcc >/dev/null || missing+=(gcc)
  command -v cpio >/dev/null || missing+=(cpio)
  command -v dpkg-deb >/dev/null || missing+=(dpkg)
  [ -x /bin/busybox ] && ! ldd /bin/busybox >/dev/null 2>&1 || missing+=(busybox-static)
  if [ "${#missing[@]}" -gt 0 ]; then
    fail "missing ${missing[*]}; install with: bash lab/install-deps.sh (apt-get install -y --no-install-recommends qemu-system-x86 busybox-static gcc libc6-dev cpio)"
  fi
}

# The kernel ABI of linux-image-cloud-amd64 (e.g. 6.1.0-56-cloud-amd64), or $LIVEMIG_KERNEL_ABI.
kernel_abi() {
  if [ -n "${LIVEMIG_KERNEL_ABI:-}" ]; then
    echo "$LIVEMIG_KERNEL_ABI"
    return
  fi
  local package
  package="$(apt-cache depends linux-image-cloud-amd64 2>/dev/null | awk '/Depends: linux-image-/{print $2; exit}')"
  if [ -z "$package" ] && [ "$(id -u)" -eq 0 ]; then
    log "apt lists do not know linux-image-cloud-amd64; running apt-get update"
    apt-get update -o DPkg::Lock::Timeout=120 >&2
    package="$(apt-cache depends linux-image-cloud-amd64 2>/dev/null | awk '/Depends: linux-image-/{print $2; exit}')"
  fi
  [ -n "$package" ] || fail "cannot resolve linux-image-cloud-amd64 (run apt-get update as root, or set LIVEMIG_KERNEL_ABI)"
  echo "${package#linux-image-}"
}

# Reuses any vmlinuz already in $out unless LIVEMIG_KERNEL_ABI asks for another one.
fetch_kernel() {
  local cached
  cached="$(ls "$out"/vmlinuz-* 2>/dev/null | head -n 1 || true)"
  if [ -n "$cached" ] && { [ -z "${LIVEMIG_KERNEL_ABI:-}" ] || [ "$cached" = "$out/vmlinuz-$LIVEMIG_KERNEL_ABI" ]; }; then
    echo "$cached"
    return
  fi
  local abi work
  abi="$(kernel_abi)"
  work="$(mktemp -d "$out/kernel.XXXXXX")"
  log "downloading linux-image-$abi (the kernel file only; nothing is installed)"
  (cd "$work" && apt-get download "linux-image-$abi" >&2 2>"$work/download.log") ||
    fail "apt-get download linux-image-$abi failed: $(tail -n 3 "$work/download.log")"
  dpkg-deb --fsys-tarfile "$work"/linux-image-"$abi"_*.deb | tar -x -C "$work" "./boot/vmlinuz-$abi"
  mv "$work/boot/vmlinuz-$abi" "$out/vmlinuz-$abi"
  rm -rf "$work"
  echo "$out/vmlinuz-$abi"
}

build_initramfs() {
  local stamp="$1" root
  root="$(mktemp -d "$out/initramfs.XXXXXX")"
  mkdir -p "$root/bin" "$root/dev" "$root/proc" "$root/sys" "$root/run"
  cp /bin/busybox "$root/bin/busybox"
  install -m 0755 "$lab/guest/init" "$root/init"
  gcc -static -O2 -Wall -Wextra -o "$root/dirtier" "$lab/guest/dirtier.c"
  strip "$root/dirtier" 2>/dev/null || true
  (cd "$root" && find . -mindepth 1 | LC_ALL=C sort | cpio --quiet -o -H newc --owner=0:0 | gzip -9 -n) >"$out/initramfs.cpio.gz.tmp"
  mv "$out/initramfs.cpio.gz.tmp" "$out/initramfs.cpio.gz"
  echo "$stamp" >"$out/initramfs.stamp"
  rm -rf "$root"
}

check_tools
kernel="$(fetch_kernel)"
stamp="$(cat "$lab/guest/dirtier.c" "$lab/guest/init" "$lab/build-guest.sh" /bin/busybox | sha256sum | cut -c1-16)"
if [ -f "$out/initramfs.cpio.gz" ] && [ "$(cat "$out/initramfs.stamp" 2>/dev/null)" = "$stamp" ]; then
  log "initramfs is up to date ($stamp)"
else
  log "building initramfs ($stamp)"
  build_initramfs "$stamp"
fi
abi="$(basename "$kernel")"
cat >"$out/guest.json.tmp" <<JSON
{
  "kernel": "$kernel",
  "kernelAbi": "${abi#vmlinuz-}",
  "initramfs": "$out/initramfs.cpio.gz",
  "sourcesHash": "$stamp"
}
JSON
mv "$out/guest.json.tmp" "$out/guest.json"
echo "$out/guest.json"
