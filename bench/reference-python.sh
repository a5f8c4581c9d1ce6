#!/bin/sh
# Builds the reference `make bench` compares against when it is there: CPython 3.13 with
# --enable-pystats, from Debian's source package (the 3.13.5 the fixtures come from), in
# DIR (default ../cpython-build, outside the repository). Debian 12 ships no 3.13, so the
# source comes from trixie through a private apt configuration in DIR: the system's apt
# sources are left as they are. Takes about 10 minutes on 2 idle cores.
#
#   bench/reference-python.sh [DIR]
#   PYSTATS_REFERENCE_PYTHON=DIR/Python-3.13.5/python \
#   PYSTATS_REFERENCE_SCRIPT=DIR/Python-3.13.5/Tools/scripts/summarize_stats.py make bench
set -eu
dir=$(realpath -m "${1:-../cpython-build}")
mkdir -p "$dir/apt/lists/partial"
cd "$dir"
echo 'deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main' > apt/sources.list
apt="-o Dir::Etc::SourceList=$dir/apt/sources.list -o Dir::Etc::SourceParts=/nonexistent -o Dir::State::Lists=$dir/apt/lists"
# shellcheck disable=SC2086
apt-get $apt update
# shellcheck disable=SC2086
apt-get $apt source --download-only python3.13
# The upstream tarball as released (apt-get checked it against the signed .dsc); Debian's
# patches are not applied: the reference is CPython's own build.
tar xf python3.13_*.orig.tar.xz
cd Python-3.13.*/
nice ./configure --enable-pystats --prefix="$dir/install" > ../configure.log
nice make -j"$(nproc)" > ../make.log
./python -c 'import sys; assert hasattr(sys, "_stats_on"), "not a pystats build"'
echo "reference: $PWD/python $PWD/Tools/scripts/summarize_stats.py"
