#!/usr/bin/env bash
# Installs the real MySQL and MariaDB servers that the tests, the demo and the benchmarks run against,
# once, into a cache outside the clone. Safe to run again: finished steps are skipped.
#
#   MySQL 9.7      Debian sid chroot built with mmdebstrap  -> $CACHE/mysql-9.7/root
#   MariaDB 10.11  the host's Debian package mariadb-server -> /usr/sbin/mariadbd
#   MariaDB 11.8   Debian trixie chroot built with mmdebstrap  -> $CACHE/mariadb-11.8/root
#   TLS            a test CA, server and client certificates, and an unrelated CA -> $CACHE/tls
#
# Needs root (apt-get, chroot). Override the cache with SEMISYNC_CACHE.
set -euo pipefail

CACHE="${SEMISYNC_CACHE:-$HOME/.cache/semisync-replica}"
MYSQL_ROOT="$CACHE/mysql-9.7/root"
MARIADB11_ROOT="$CACHE/mariadb-11.8/root"
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

provision_mysql() {
  if [ -x "$MYSQL_ROOT/usr/sbin/mysqld" ] && [ -f "$CACHE/mysql-9.7/.complete" ]; then
    log "MySQL: cached in $MYSQL_ROOT ($(cat "$CACHE/mysql-9.7/version"))"
    return
  fi
  command -v mmdebstrap >/dev/null || apt_install mmdebstrap
  need_root
  log "MySQL: building a Debian sid chroot with mysql-server-core (about a minute)"
  rm -rf "$CACHE/mysql-9.7"
  mkdir -p "$CACHE/mysql-9.7"
  mmdebstrap --quiet --variant=minbase --include=mysql-server-core,mysql-client-core \
    --aptopt='Acquire::Check-Valid-Until "false"' sid "$MYSQL_ROOT" http://deb.debian.org/debian
  chroot "$MYSQL_ROOT" /usr/sbin/mysqld --version > "$CACHE/mysql-9.7/version"
  case "$(cat "$CACHE/mysql-9.7/version")" in
    *" 9.7."*) ;;
    *) echo "provision-sources: expected MySQL 9.7 from Debian sid, got: $(cat "$CACHE/mysql-9.7/version")" >&2; exit 1 ;;
  esac
  touch "$CACHE/mysql-9.7/.complete"
  log "MySQL: $(cat "$CACHE/mysql-9.7/version")"
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
  if [ -x "$MARIADB11_ROOT/usr/sbin/mariadbd" ] && [ -f "$CACHE/mariadb-11.8/.complete" ]; then
    log "MariaDB 11.8: cached in $MARIADB11_ROOT ($(cat "$CACHE/mariadb-11.8/version"))"
    return
  fi
  command -v mmdebstrap >/dev/null || apt_install mmdebstrap
  need_root
  log "MariaDB 11.8: building a Debian trixie chroot with mariadb-server and mariadb-client (about a minute)"
  rm -rf "$CACHE/mariadb-11.8"
  mkdir -p "$CACHE/mariadb-11.8"
  mmdebstrap --quiet --variant=minbase --include=mariadb-server,mariadb-client \
    --aptopt='Acquire::Check-Valid-Until "false"' trixie "$MARIADB11_ROOT" http://deb.debian.org/debian
  chroot "$MARIADB11_ROOT" /usr/sbin/mariadbd --version > "$CACHE/mariadb-11.8/version"
  case "$(cat "$CACHE/mariadb-11.8/version")" in
    *" 11.8."*) ;;
    *) echo "provision-sources: expected MariaDB 11.8 from Debian trixie, got: $(cat "$CACHE/mariadb-11.8/version")" >&2; exit 1 ;;
  esac
  if ! ls "$MARIADB11_ROOT"/usr/lib/mysql/plugin/auth_ed25519.so >/dev/null 2>&1; then
    echo "provision-sources: the MariaDB 11.8 chroot lacks the auth_ed25519 plugin (usr/lib/mysql/plugin/auth_ed25519.so)" >&2
    exit 1
  fi
  touch "$CACHE/mariadb-11.8/.complete"
  log "MariaDB 11.8: $(cat "$CACHE/mariadb-11.8/version")"
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

provision_mysql
provision_mariadb
provision_mariadb11
provision_tls
log "done: cache $CACHE"
