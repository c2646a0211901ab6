#!/usr/bin/env bash
# The Debian package, end to end on this machine: scripts/package builds it from BUILD_DIR
# (lintian included), dpkg installs it, the test checks its files, conffile, user,
# directories, unit and config, that `cmake --install` installs the same files, then purges
# it and checks that nothing is left. Nothing is started: without a running systemd the
# maintainer scripts touch no service, and on a machine with one they neither enable nor
# start skylrd on a first install. The machine is left as it was (the trap purges).
# Exits 77 (ctest: skipped) when not root, or when skylr is already installed here.
# Usage: package_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
source_dir=$1 build_dir=$2
if [[ $(id -u) -ne 0 ]]; then
  echo "SKIP: installing the package needs root (CI runs the suite as root)"
  exit 77
fi
if dpkg-query -W -f='${Status}' skylr 2>/dev/null | grep -q installed || getent passwd skylr >/dev/null; then
  echo "SKIP: a skylr package or user exists on this machine; the test would replace and purge it"
  exit 77
fi
work=$(mktemp -d)
cleanup() {
  dpkg-query -W skylr >/dev/null 2>&1 && dpkg --purge skylr >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

deb=$("$source_dir/scripts/package" "$build_dir" | tail -n 1)
echo "built and lintian-checked $deb"

DEBIAN_FRONTEND=noninteractive dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; fail "dpkg -i"; }

for file in /usr/bin/skylrd /usr/bin/skylrctl /lib/systemd/system/skylrd.service /etc/skylr/skylr.json \
            /usr/share/man/man8/skylrd.8.gz /usr/share/man/man1/skylrctl.1.gz \
            /usr/share/doc/skylr/README.md /usr/share/doc/skylr/copyright /usr/share/doc/skylr/changelog.gz \
            /usr/share/doc/skylr/examples/skylr.example.json; do
  [[ -f $file ]] || fail "$file is not installed"
done
dpkg-query -W -f='${Conffiles}\n' skylr | grep -q '^ /etc/skylr/skylr.json ' || fail "skylr.json is no conffile"
[[ $(getent passwd skylr | cut -d: -f6,7) == /var/lib/skylr:/usr/sbin/nologin ]] ||
  fail "user skylr: $(getent passwd skylr)"
[[ $(stat -c %U:%G:%a /etc/skylr) == root:skylr:750 ]] || fail "/etc/skylr is $(stat -c %U:%G:%a /etc/skylr)"
[[ $(stat -c %U:%G:%a /var/lib/skylr) == skylr:skylr:750 ]] || fail "/var/lib/skylr is $(stat -c %U:%G:%a /var/lib/skylr)"
grep -q '^ExecStart=/usr/bin/skylrd --config /etc/skylr/skylr.json$' /lib/systemd/system/skylrd.service ||
  fail "ExecStart does not run /usr/bin/skylrd"
if command -v systemd-analyze >/dev/null; then
  systemd-analyze verify /lib/systemd/system/skylrd.service || fail "systemd-analyze verify"
fi
/usr/bin/skylrd --version | grep -q '^skylrd ' || fail "skylrd does not run"
# As ExecReload runs it: as skylr, which must be able to read the config.
setpriv --reuid=skylr --regid=skylr --init-groups /usr/bin/skylrctl validate -c /etc/skylr/skylr.json ||
  fail "skylrctl validate of the packaged config"
# The packaged config writes only where the unit lets it (StateDirectory, RuntimeDirectory).
grep -oE '"/[^"]*"' /etc/skylr/skylr.json | tr -d '"' | while read -r path; do
  [[ $path == /var/lib/skylr/* || $path == /run/skylr/* ]] || fail "the config writes $path, outside the unit's directories"
done

# cmake --install installs the files of the package, no more, no less.
DESTDIR=$work/staged cmake --install "$build_dir" --prefix /usr --component skylr >/dev/null
(cd "$work/staged" && find . -type f | sed 's|^\.||' | sort) >"$work/installed"
dpkg-deb -c "$deb" | awk '$1 !~ /^d/ { print $6 }' | sed 's|^\.||' | sort >"$work/packaged"
diff -u "$work/packaged" "$work/installed" || fail "cmake --install and the package differ"

dpkg --purge skylr >"$work/purge.log" 2>&1 || { cat "$work/purge.log"; fail "dpkg --purge"; }
for path in /usr/bin/skylrd /lib/systemd/system/skylrd.service /etc/skylr /var/lib/skylr /usr/share/doc/skylr; do
  [[ ! -e $path ]] || fail "$path is left after purge"
done
! getent passwd skylr >/dev/null || fail "user skylr is left after purge"
! getent group skylr >/dev/null || fail "group skylr is left after purge"
[[ -z $(dpkg-statoverride --list /etc/skylr) ]] || fail "the stat override of /etc/skylr is left"
echo "the package installs, holds what it should, and purges without a trace"
