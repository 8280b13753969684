#!/usr/bin/env bash
# Runs an image built by the plugin under runc, with no Docker daemon, and checks it the way a user would:
# the app answers over HTTP, runs as the expected uid on a read-only root, and its HEALTHCHECK passes.
#
# usage: run-image.sh <image.tar> --port <port> --path <http-path> [--expect-uid <uid>] [--name <id>] [--print-body]
#                     [--get <http-path>]... [--save-dir <dir>] [--own-network]
#   image.tar     a docker-archive (manifest.json with Config and Layers)
#   --print-body  print the answer from <http-path>, each line after "body: ", for the caller to check
#   --get         once the app answers on --path, GET this path too (repeatable); each must answer 2xx
#   --save-dir    write the bodies there for the caller to check: 0.body for --path, 1.body, 2.body, ... for each
#                 --get in order; and the container's output as container.log when the run ends
#   --own-network the container keeps its own network namespace (loopback only) and is reached through it with
#                 nsenter, so its port cannot clash with anything on the host (bench/jib-benchmark.sh uses this)
# The first check's line says how long the app took to answer, counted from `runc run` (the unpacking before it
# not counted): "ok: http 200 after N ms from runc run".
# Prints one "ok: ..." line per check, then "RUN-IMAGE OK"; on failure "RUN-IMAGE FAILED: <why>" and the
# container's output, exit 1. Exit 77 when not root (runc needs it).
set -euo pipefail
export LC_ALL=C

usage() {
  echo "usage: run-image.sh <image.tar> --port <port> --path <http-path> [--expect-uid <uid>] [--name <id>]" \
    "[--print-body] [--get <http-path>]... [--save-dir <dir>] [--own-network]" >&2
  exit 2
}

image=""
port=""
path=""
expect_uid=""
print_body=false
name="run-image-$$-$RANDOM"
gets=()
save_dir=""
own_network=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) port=${2:?}; shift 2 ;;
    --path) path=${2:?}; shift 2 ;;
    --expect-uid) expect_uid=${2:?}; shift 2 ;;
    --name) name=${2:?}; shift 2 ;;
    --print-body) print_body=true; shift ;;
    --get) gets+=("${2:?}"); shift 2 ;;
    --save-dir) save_dir=${2:?}; shift 2 ;;
    --own-network) own_network=true; shift ;;
    -h|--help) usage ;;
    -*) echo "unknown option: $1" >&2; usage ;;
    *) [[ -z $image ]] || usage; image=$1; shift ;;
  esac
done
[[ -n $image && -n $port && -n $path ]] || usage
[[ $path == /* ]] || path=/$path

if [[ $(id -u) -ne 0 ]]; then
  echo "run-image.sh: needs root to run runc (running as uid $(id -u))"
  exit 77
fi
tools=(runc skopeo umoci jq curl tar timeout)
if $own_network; then tools+=(nsenter); fi
for tool in "${tools[@]}"; do
  command -v "$tool" >/dev/null || { echo "RUN-IMAGE FAILED: missing tool $tool"; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/run-image.XXXXXX")
log=$work/container.log
: > "$log"
created=false

cleanup() {
  if [[ -n $save_dir ]]; then cp "$log" "$save_dir/container.log" 2>/dev/null || true; fi
  if $created; then
    runc kill "$name" KILL >/dev/null 2>&1 || true
    runc delete -f "$name" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "RUN-IMAGE FAILED: $*"
  echo "--- container output ($name) ---"
  cat "$log" 2>/dev/null || true
  echo "--- end of container output ---"
  exit 1
}

[[ -f $image ]] || fail "no such image tar: $image"
if [[ -n $save_dir ]]; then
  mkdir -p "$save_dir" || fail "cannot create $save_dir"
fi

# skopeo and umoci turn the archive into a runtime bundle; their chatter is kept for failure reports.
skopeo copy --quiet "docker-archive:$image" "oci:$work/oci:img" >"$work/skopeo.log" 2>&1 \
  || fail "skopeo copy of $image failed: $(cat "$work/skopeo.log")"
umoci unpack --image "$work/oci:img" "$work/bundle" >"$work/umoci.log" 2>&1 \
  || fail "umoci unpack failed: $(cat "$work/umoci.log")"

net_filter='.linux.namespaces |= map(select(.type != "network"))'
if $own_network; then net_filter='.'; fi
jq ".root.readonly = true
    | .process.terminal = false
    | $net_filter
    | .mounts += [{destination: \"/tmp\", type: \"tmpfs\", source: \"tmpfs\",
                   options: [\"nosuid\", \"nodev\", \"mode=1777\"]}]" \
  "$work/bundle/config.json" > "$work/config.json" && mv "$work/config.json" "$work/bundle/config.json"

# Detached with terminal=false, the container writes straight to the fds runc was given.
created=true
started=$(date +%s%N)
runc run -d -b "$work/bundle" "$name" </dev/null >>"$log" 2>&1 || fail "runc run failed"

state() { runc state "$name" 2>/dev/null | jq -r "$1" 2>/dev/null || true; }
# the host's network, or the container's own (its pid's namespace, entered with nsenter)
netrun=()
if $own_network; then
  pid=$(state .pid)
  [[ -n $pid && $pid != 0 && -e /proc/$pid/ns/net ]] || fail "cannot find the container's network namespace"
  netrun=(nsenter "--net=/proc/$pid/ns/net")
fi

url="http://127.0.0.1:$port$path"
deadline=$((SECONDS + 60))
code=""
while :; do
  if code=$("${netrun[@]}" curl -sS -o "$work/body" -w '%{http_code}' --max-time 5 "$url" 2>"$work/curl.err") \
      && [[ $code =~ ^2 ]]; then
    break
  fi
  [[ $(state .status) == running ]] || fail "container stopped before answering $url"
  ((SECONDS < deadline)) || fail "no 2xx from $url within 60 s (last: ${code:-none} $(cat "$work/curl.err"))"
  sleep 0.05
done
echo "ok: http $code after $(( ($(date +%s%N) - started) / 1000000 )) ms from runc run"
if $print_body; then
  sed 's/^/body: /' "$work/body"
fi
[[ -z $save_dir ]] || cp "$work/body" "$save_dir/0.body"

i=0
for get in "${gets[@]}"; do
  [[ $get == /* ]] || get=/$get
  i=$((i + 1))
  code=$("${netrun[@]}" curl -sS -o "$work/get-$i" -w '%{http_code}' --max-time 30 "http://127.0.0.1:$port$get" 2>"$work/curl.err") \
    || fail "GET $get failed: $(cat "$work/curl.err")"
  [[ $code =~ ^2 ]] || fail "GET $get answered http $code: $(head -c 2000 "$work/get-$i")"
  echo "ok: GET $get http $code ($(stat -c %s "$work/get-$i") bytes)"
  [[ -z $save_dir ]] || cp "$work/get-$i" "$save_dir/$i.body"
done

pid=$(state .pid)
[[ -n $pid && $pid != 0 && -r /proc/$pid/status ]] || fail "cannot find the container's process (pid '$pid')"
uid=$(awk '/^Uid:/ {print $2}' "/proc/$pid/status")
if [[ -n $expect_uid ]]; then
  [[ $uid == "$expect_uid" ]] || fail "container runs as uid $uid, expected $expect_uid"
  echo "ok: uid $uid"
else
  echo "info: uid $uid"
fi

# skopeo inspect --config drops Healthcheck, so read the raw config blob from the archive.
config_name=$(tar -xOf "$image" manifest.json | jq -r '.[0].Config') || fail "cannot read manifest.json from $image"
healthcheck=$(tar -xOf "$image" "$config_name" | jq -c '.config.Healthcheck.Test // empty') \
  || fail "cannot read config $config_name from $image"
if [[ -z $healthcheck || $(jq -r '.[0]' <<<"$healthcheck") == NONE ]]; then
  echo "info: no healthcheck in image"
else
  case $(jq -r '.[0]' <<<"$healthcheck") in
    CMD) mapfile -t argv < <(jq -r '.[1:][]' <<<"$healthcheck") ;;
    CMD-SHELL) argv=(/bin/sh -c "$(jq -r '.[1]' <<<"$healthcheck")") ;;
    *) fail "unsupported healthcheck test $healthcheck" ;;
  esac
  status=0
  timeout 60 runc exec "$name" "${argv[@]}" </dev/null >"$work/health.log" 2>&1 || status=$?
  if [[ $status -ne 0 ]]; then
    fail "healthcheck $healthcheck exited $status: $(cat "$work/health.log")"
  fi
  echo "ok: healthcheck exit 0"
fi

echo "RUN-IMAGE OK"
