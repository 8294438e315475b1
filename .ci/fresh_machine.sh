#!/usr/bin/env bash
# The new contributor's first run, reproduced: a minimal Debian 12 root made
# with debootstrap holding only Debian's python3, python3-venv, make and git,
# a clean clone of the committed branch in it (no ../shared beside it), and
# `bash .ci/run` inside, as root, with no display and no virtualenv.
#
#   sudo bash .ci/fresh_machine.sh [commit]      (default: HEAD)
#
# Needs root (debootstrap, chroot, mounts) and the network this machine's apt
# and pip use. The machine's pip configuration and CA certificates are carried
# in, so pip reaches the package index as it is configured here; local
# find-links and file:// indexes are bound read-only at the same path.
# The minimal root is cached as a tarball (FRESH_CACHE, default
# ~/.cache/reader-fresh) so a second run skips debootstrap; FRESH_KEEP=1 keeps
# the root afterwards for a look inside. The exit status is .ci/run's.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
COMMIT=$(git -C "$REPO" rev-parse "${1:-HEAD}")
SUITE=bookworm
CACHE=${FRESH_CACHE:-$HOME/.cache/reader-fresh}
BASE=$CACHE/$SUITE-minbase.tar
WORK=$(mktemp -d /tmp/reader-fresh.XXXXXX)
ROOT=$WORK/root

[ "$(id -u)" = 0 ] || { echo "fresh_machine.sh: run as root (debootstrap and chroot)" >&2; exit 2; }
command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap >/dev/null

# The Debian mirror this machine's apt uses (deb822 or one-line sources).
MIRROR=$(grep -rhoE 'https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null |
  head -n1 | tr -d ' ' || true)
MIRROR=${MIRROR:-http://deb.debian.org/debian}
SECURITY=${MIRROR%/debian*}/debian-security

MOUNTS=()
cleanup() {
  local i
  for ((i = ${#MOUNTS[@]} - 1; i >= 0; i--)); do umount -l "${MOUNTS[i]}" 2>/dev/null || true; done
  if [ "${FRESH_KEEP:-0}" = 1 ]; then echo "root kept in $ROOT"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
bind() { # bind <host path> [ro]
  mkdir -p "$ROOT$1"
  mount --bind "$1" "$ROOT$1"
  MOUNTS+=("$ROOT$1")
  if [ "${2:-}" = ro ]; then mount -o remount,bind,ro "$ROOT$1"; fi
}

mkdir -p "$CACHE" "$ROOT"
if [ ! -f "$BASE" ]; then
  echo "== debootstrap $SUITE (minbase + python3 python3-venv make git) from $MIRROR"
  debootstrap --variant=minbase --include=python3,python3-venv,make,git \
    "$SUITE" "$ROOT" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 ||
    { tail -n 30 "$WORK/debootstrap.log"; exit 1; }
  rm -rf "$ROOT"/var/cache/apt/archives/*.deb
  tar -C "$ROOT" -cf "$BASE.part" . && mv "$BASE.part" "$BASE"
else
  echo "== minimal root from $BASE"
  tar -C "$ROOT" -xf "$BASE"
fi

cat >"$ROOT/etc/apt/sources.list" <<EOF
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb $SECURITY $SUITE-security main
EOF
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"

# This machine's pip configuration and CA certificates.
# The bundle is also kept as a local authority: when apt installs
# ca-certificates inside, update-ca-certificates rebuilds the bundle and keeps it.
mkdir -p "$ROOT/etc/ssl/certs" "$ROOT/usr/local/share/ca-certificates"
cp -a /etc/ssl/certs/. "$ROOT/etc/ssl/certs/"
if [ -d /usr/local/share/ca-certificates ]; then
  cp -a /usr/local/share/ca-certificates/. "$ROOT/usr/local/share/ca-certificates/"
fi
cp /etc/ssl/certs/ca-certificates.crt "$ROOT/usr/local/share/ca-certificates/host-bundle.crt"
for conf in /etc/pip.conf /etc/xdg/pip /root/.config/pip /root/.pip; do
  if [ -e "$conf" ]; then mkdir -p "$ROOT$(dirname "$conf")" && cp -a "$conf" "$ROOT$conf"; fi
done
PIP_ENV=()
while IFS='=' read -r name value; do PIP_ENV+=("$name=$value"); done < <(env | grep -E '^(PIP_|SSL_CERT_|REQUESTS_CA_BUNDLE=)' || true)
# Local wheel folders and file:// indexes named there (an index's whole tree:
# its pages link to ../../files), at the same path.
for dir in $( (pip config list 2>/dev/null || true; env | grep '^PIP_') |
  grep -oE "(file://)?/[^' ]+" | sed -e 's|^file://||' -e 's|/simple/\?$||' | sort -u); do
  if [ -d "$dir" ]; then bind "$dir" ro; fi
done

echo "== clean clone of $COMMIT"
git clone --quiet --no-checkout "$REPO" "$ROOT/build/reader"
git -C "$ROOT/build/reader" checkout --quiet "$COMMIT"

for fs in proc sys dev dev/pts; do
  mkdir -p "$ROOT/$fs"
  case $fs in
    proc) mount -t proc proc "$ROOT/proc" ;;
    *) mount --rbind "/$fs" "$ROOT/$fs" && mount --make-rslave "$ROOT/$fs" ;;
  esac
  MOUNTS+=("$ROOT/$fs")
done
mount -t tmpfs tmpfs "$ROOT/tmp" && MOUNTS+=("$ROOT/tmp")

echo "== bash .ci/run inside (python: $(chroot "$ROOT" python3 --version))"
start=$(date +%s)
status=0
chroot "$ROOT" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  LANG=C.UTF-8 TERM=dumb "${PIP_ENV[@]}" \
  bash -c 'cd /build/reader && bash .ci/run' || status=$?
echo "== .ci/run exited $status after $(($(date +%s) - start)) s"
exit "$status"
