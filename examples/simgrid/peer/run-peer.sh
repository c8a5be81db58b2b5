#!/bin/sh
# Rebuilds livemig's side-by-side checks against SimGrid 3.32 and saves their output in ../expected/<name>.out.
# Needs libsimgrid-dev (Debian 12: apt-get install -y libsimgrid-dev). With --check, compares instead of saving.
# Each line of cases.txt: <name> <platform file in ../platforms> [extra SimGrid options...]
set -eu
cd "$(dirname "$0")"
mode=${1:-save}
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
status=0
while read -r name plat extra; do
  case "$name" in '' | '#'*) continue ;; esac
  source_file=${name%%@*}
  g++ -O2 -std=c++17 -o "$build/$source_file" "$source_file.cpp" $(pkg-config --cflags --libs simgrid)
  # shellcheck disable=SC2086
  "$build/$source_file" "../platforms/$plat" $extra --log=no_loc "--log=root.fmt:[%10.6r]%e(%i:%a@%h)%e%m%n" \
    >"$build/$name.out" 2>&1
  if [ "$mode" = --check ]; then
    if cmp -s "$build/$name.out" "../expected/$name.out"; then echo "same: $name"; else
      echo "DIFFERENT: $name"; diff "../expected/$name.out" "$build/$name.out" || true; status=1
    fi
  else
    cp "$build/$name.out" "../expected/$name.out"
    echo "saved: ../expected/$name.out"
  fi
done <cases.txt
exit $status
