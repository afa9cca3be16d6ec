#!/usr/bin/env bash
# Packs a built growthsite binary into the release archive that
# `cargo binstall growthsite` and the Pages workflow of `growthsite init`
# download, plus its SHA-256 checksum file. The one place archive names are
# made: release.yml calls it, and so does the test that installs an archive.
#
#   pack-release.sh VERSION TARGET BINARY OUT_DIR
#
# Writes OUT_DIR/growthsite-vVERSION-TARGET.tar.gz (.zip for Windows), whose
# single folder growthsite-vVERSION-TARGET/ holds the binary, README.md and
# LICENSE, and OUT_DIR/<archive>.sha256 in `sha256sum -c` format.
set -euo pipefail

if [ $# -ne 4 ]; then
  echo "usage: $0 VERSION TARGET BINARY OUT_DIR" >&2
  exit 2
fi
version=$1 target=$2 binary=$3 out_dir=$4
repo_root=$(cd "$(dirname "$0")/../.." && pwd)
name="growthsite-v${version}-${target}"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name" "$out_dir"
cp "$binary" "$stage/$name/"
cp "$repo_root/README.md" "$repo_root/LICENSE" "$stage/$name/"

case "$target" in
  *windows*)
    archive="$name.zip"
    (cd "$stage" && 7z a -tzip -bd -bso0 "$archive" "$name")
    ;;
  *)
    archive="$name.tar.gz"
    tar -C "$stage" -czf "$stage/$archive" "$name"
    ;;
esac
mv "$stage/$archive" "$out_dir/"
if command -v sha256sum >/dev/null 2>&1; then
  (cd "$out_dir" && sha256sum "$archive" >"$archive.sha256")
else
  (cd "$out_dir" && shasum -a 256 "$archive" >"$archive.sha256")
fi
echo "$out_dir/$archive"
