#!/usr/bin/env bash
# Starts or stops a loopback CNCF distribution registry (Debian's docker-registry) for integration tests.
#   registry.sh start <dir> [htpasswd]   starts it on 127.0.0.1 and a free port, storage in <dir>; prints host:port;
#                                        with an htpasswd file (bcrypt), it requires HTTP basic auth
#   registry.sh stop <dir>    stops it and removes <dir>
set -euo pipefail
cmd=${1:?usage: registry.sh start|stop <dir>}
dir=${2:?usage: registry.sh start|stop <dir>}

case "$cmd" in
  start)
    command -v docker-registry >/dev/null || { echo "docker-registry is not installed (apt-get install docker-registry)" >&2; exit 77; }
    mkdir -p "$dir/storage"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
      || shuf -i 20000-60000 -n 1)
    cat >"$dir/config.yml" <<YML
version: 0.1
log:
  level: info
storage:
  filesystem:
    rootdirectory: $dir/storage
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
YML
    if [ -n "${3:-}" ]; then
      printf 'auth:\n  htpasswd:\n    realm: it-registry\n    path: %s\n' "$3" >>"$dir/config.yml"
    fi
    setsid docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 < /dev/null &
    echo $! >"$dir/pid"
    echo "127.0.0.1:$port" >"$dir/address"
    for _ in $(seq 1 150); do
      code=$(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v2/" 2>/dev/null || true)
      if [ "$code" = 200 ] || [ "$code" = 401 ]; then # 401: listening, and asking for the login
        echo "127.0.0.1:$port"
        exit 0
      fi
      sleep 0.1
    done
    echo "docker-registry did not answer on 127.0.0.1:$port; its log:" >&2
    cat "$dir/registry.log" >&2
    kill "$(cat "$dir/pid")" 2>/dev/null || true
    exit 1
    ;;
  stop)
    if [ -f "$dir/pid" ]; then
      pid=$(cat "$dir/pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -rf "$dir"
    ;;
  *) echo "usage: registry.sh start|stop <dir>" >&2; exit 2 ;;
esac
