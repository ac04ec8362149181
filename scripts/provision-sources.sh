#!/usr/bin/env bash
# Installs the real MySQL and MariaDB servers that the tests, the demo and the benchmarks run against,
# once, into a cache outside the clone. Safe to run again: finished steps are skipped.
#
#   MySQL 9.7      Debian sid chroot built with mmdebstrap  -> $CACHE/mysql-9.7/root
#   MariaDB 10.11  the host's Debian package mariadb-server -> /usr/sbin/mariadbd
#   MariaDB 11.8   Debian trixie chroot built with mmdebstrap  -> $CACHE/mariadb-11.8/root
#   TLS            a test CA, server and client certificates, and an unrelated CA -> $CACHE/tls
#   faultfs        the host's python3-fusepy, for the FUSE file system whose fsync fails on demand (FailedSyncIT)
#
# Needs root (apt-get, chroot). Override the cache with SEMISYNC_CACHE.
set -euo pipefail

CACHE="${SEMISYNC_CACHE:-$HOME/.cache/semisync-replica}"
TLS="$CACHE/tls"
mkdir -p "$CACHE"

log() { printf '[provision] %s\n' "$*"; }

need_root() {
  if [ "$(id -u)" != 0 ]; then
    echo "provision-sources: installing servers needs root (apt-get, chroot); run it as root or with sudo" >&2
    exit 1
  fi
}

apt_updated=0
apt_install() {
  need_root
  if [ "$apt_updated" = 0 ]; then
    log "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=1
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# Builds a Debian chroot with mmdebstrap in $CACHE/NAME/root, once, and checks what it holds.
#   provision_chroot NAME LABEL SUITE PACKAGES SERVER VERSION FILE
# SERVER --version must name VERSION; FILE (a path inside the chroot) must exist.
provision_chroot() {
  local name="$1" label="$2" suite="$3" packages="$4" server="$5" version="$6" file="$7"
  local dir="$CACHE/$name"
  local root="$dir/root"
  if [ -x "$root$server" ] && [ -f "$dir/.complete" ]; then
    log "$label: cached in $root ($(cat "$dir/version"))"
    return
  fi
  command -v mmdebstrap >/dev/null || apt_install mmdebstrap
  need_root
  log "$label: building a Debian $suite chroot with $packages (about a minute)"
  rm -rf "$dir"
  mkdir -p "$dir"
  mmdebstrap --quiet --variant=minbase --include="$packages" \
    --aptopt='Acquire::Check-Valid-Until "false"' "$suite" "$root" http://deb.debian.org/debian
  chroot "$root" "$server" --version > "$dir/version"
  case "$(cat "$dir/version")" in
    *" $version."*) ;;
    *) echo "provision-sources: expected $label from Debian $suite, got: $(cat "$dir/version")" >&2; exit 1 ;;
  esac
  if [ ! -e "$root$file" ]; then
    echo "provision-sources: the $label chroot lacks $file" >&2
    exit 1
  fi
  touch "$dir/.complete"
  log "$label: $(cat "$dir/version")"
}

provision_mysql() {
  provision_chroot mysql-9.7 "MySQL 9.7" sid mysql-server-core,mysql-client-core /usr/sbin/mysqld 9.7 \
    /usr/lib/mysql/plugin/semisync_source.so
}

provision_mariadb() {
  # mariadb-server, not only mariadb-server-core: the tests need its auth_ed25519 plugin too
  if [ "$(dpkg-query -W -f='${Status}' mariadb-server 2>/dev/null)" = "install ok installed" ]; then
    log "MariaDB: installed ($(/usr/sbin/mariadbd --version))"
    return
  fi
  apt_install mariadb-server
  log "MariaDB: $(/usr/sbin/mariadbd --version)"
}

provision_mariadb11() {
  # mariadb-server, not only mariadb-server-core: the tests need its auth_ed25519 plugin too
  provision_chroot mariadb-11.8 "MariaDB 11.8" trixie mariadb-server,mariadb-client /usr/sbin/mariadbd 11.8 \
    /usr/lib/mysql/plugin/auth_ed25519.so
}

provision_tls() {
  if [ -f "$TLS/.complete" ]; then
    log "TLS: cached in $TLS"
    return
  fi
  command -v openssl >/dev/null || apt_install openssl
  log "TLS: making a test CA and certificates in $TLS"
  rm -rf "$TLS"
  mkdir -p "$TLS"
  (
    cd "$TLS"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=semisync-replica test CA" \
      -keyout ca-key.pem -out ca.pem 2>/dev/null
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=unrelated test CA" \
      -keyout other-ca-key.pem -out other-ca.pem 2>/dev/null
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > server.ext
    openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout server-key.pem -out server.csr 2>/dev/null
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 3650 \
      -extfile server.ext -out server-cert.pem 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=semisync-replica" -keyout client-key.pem -out client.csr 2>/dev/null
    openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 3650 \
      -out client-cert.pem 2>/dev/null
    rm -f server.csr client.csr server.ext
  )
  touch "$TLS/.complete"
}

provision_faultfs() {
  if /usr/bin/python3 -c 'import fusepy' 2>/dev/null; then
    log "faultfs: python3-fusepy installed"
    return
  fi
  apt_install python3-fusepy
  log "faultfs: python3-fusepy installed"
}

provision_mysql
provision_mariadb
provision_mariadb11
provision_tls
provision_faultfs
log "done: cache $CACHE"
