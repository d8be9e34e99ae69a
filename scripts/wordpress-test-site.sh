#!/usr/bin/env bash
# A throwaway WordPress for the plugin's test, from Debian's packages: a copy of /usr/share/wordpress with
# its own wp-config.php, a MariaDB server of its own on a socket in DIR, and PHP's built-in web server.
#   scripts/wordpress-test-site.sh install          apt-get the packages (as root; once per machine)
#   scripts/wordpress-test-site.sh start DIR PORT   a fresh site at http://127.0.0.1:PORT, files in DIR
#   scripts/wordpress-test-site.sh stop DIR         stops what start started
set -euo pipefail

PACKAGES=(wordpress php-cli php-mysql mariadb-server)

case "${1:-}" in
install)
  if ! command -v php >/dev/null 2>&1 || ! command -v mariadbd >/dev/null 2>&1 || [ ! -f /usr/share/wordpress/wp-load.php ]; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${PACKAGES[@]}"
  fi
  ;;
start)
  dir="$2"
  port="$3"
  mkdir -p "$dir"
  cp -a /usr/share/wordpress "$dir/site"
  # Debian's wp-config.php reads /etc/wordpress by Host; this site has its own.
  sock="$dir/mysql.sock"
  cat >"$dir/site/wp-config.php" <<PHP
<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'root' );
define( 'DB_PASSWORD', '' );
define( 'DB_HOST', 'localhost:$sock' );
define( 'WP_HOME', 'http://127.0.0.1:$port' );
define( 'WP_SITEURL', 'http://127.0.0.1:$port' );
define( 'WP_CONTENT_DIR', __DIR__ . '/wp-content' );
define( 'FS_METHOD', 'direct' );
// Closed network: no update checks or cron requests that would wait for wordpress.org.
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'DISABLE_WP_CRON', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_DISPLAY', false );
define( 'WP_DEBUG_LOG', '$dir/debug.log' );
define( 'AUTH_KEY', '$(head -c 24 /dev/urandom | base64)' );
define( 'SECURE_AUTH_KEY', '$(head -c 24 /dev/urandom | base64)' );
define( 'LOGGED_IN_KEY', '$(head -c 24 /dev/urandom | base64)' );
define( 'NONCE_KEY', '$(head -c 24 /dev/urandom | base64)' );
\$table_prefix = 'wp_';
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
PHP
  mariadb-install-db --no-defaults --datadir="$dir/db" --user=root --auth-root-authentication-method=normal \
    --skip-test-db >"$dir/mariadb-install.log" 2>&1
  mariadbd --no-defaults --datadir="$dir/db" --socket="$sock" --skip-networking --user=root \
    --pid-file="$dir/mariadb.pid" >"$dir/mariadb.log" 2>&1 &
  for _ in $(seq 1 100); do
    [ -S "$sock" ] && break
    sleep 0.1
  done
  mariadb --no-defaults -S "$sock" -u root -e 'CREATE DATABASE wordpress'
  php -S "127.0.0.1:$port" -t "$dir/site" >"$dir/php.log" 2>&1 &
  echo $! >"$dir/php.pid"
  ;;
stop)
  dir="$2"
  for pidfile in "$dir/php.pid" "$dir/mariadb.pid"; do
    [ -f "$pidfile" ] || continue
    pid="$(cat "$pidfile")"
    kill "$pid" 2>/dev/null || continue
    # Until it has exited: MariaDB writes its files while it shuts down.
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  done
  ;;
*)
  echo "usage: $0 install | start DIR PORT | stop DIR" >&2
  exit 2
  ;;
esac
