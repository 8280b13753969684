#!/usr/bin/env bash
# Side by side with Jib (issue 11): builds the same apps with this plugin and with jib-maven-plugin 3.5.2, against
# the same stand-in bases served by digest from a loopback registry, the two tools interleaved run by run, and
# writes medians, spreads and ratios into docs/benchmarks.md (between the jib-benchmark markers).
#
# usage: bench/jib-benchmark.sh [--runs N] [--apps hello,jetty,petclinic] [--reactor 1,4,8] [--smoke]
#                               [--installed-jar]
#   --runs N         runs of every figure (default 5); medians and fastest–slowest are reported
#   --apps LIST      hello (examples/hello-web), jetty (src/it/jetty-servlet), petclinic (src/it/spring-boot-petclinic)
#   --reactor LIST   reactor sizes (image modules, copies of the example) built with -T 2; "" for none
#   --smoke          one small app, one run, no reactor: checks the harness works (CI runs it), writes
#                    target/bench/jib-smoke/benchmarks.md (not docs) and
#                    target/bench-reports/TEST-jib-benchmark-smoke.xml (one JUnit test case, pass or fail)
#   --installed-jar  install target/multistage-maven-plugin-*.jar as built by the last `./mvnw package|verify`
#                    instead of building the plugin again (CI, right after verify)
#
# Per app and tool, each run: a cold `mvn clean package` (empty tool caches); `mvn package` and the goal alone
# (`mvn multistage:image` / `mvn jib:buildTar`) with nothing changed; both again after a one-class change; the
# container's start to its first healthy answer under runc. Once per app: the blobs and bytes a push uploads after a
# one-class change (the registry's access log) and the image sizes. Then reactors of N image modules.
# Everything it makes stays in target/bench/ (logs, images, raw figures in results.tsv); the registry and any
# container are stopped on exit. Needs: JDK 17, docker-registry, skopeo, umoci, runc (root), jq, curl, python3,
# busybox-static, and Maven Central once for the apps' and Jib's dependencies.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."
root=$PWD
py=$root/bench/jib-benchmark.py
started=$(date +%s)

usage() { sed -n '5,16p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
opt_runs="" opt_apps="" opt_reactor="-" smoke=false installed_jar=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) opt_runs=${2:?--runs needs a number}; shift 2 ;;
    --apps) opt_apps=${2:?--apps needs a list}; shift 2 ;;
    --reactor) opt_reactor=${2?--reactor needs a list}; shift 2 ;;
    --smoke) smoke=true; shift ;;
    --installed-jar) installed_jar=true; shift ;;
    -h|--help) usage ;;
    *) echo "unknown option: $1" >&2; usage ;;
  esac
done
if $smoke; then
  runs=${opt_runs:-1} apps=${opt_apps:-hello} reactor="" work=$root/target/bench/jib-smoke
else
  runs=${opt_runs:-5} apps=${opt_apps:-hello,jetty,petclinic} reactor=1,4,8 work=$root/target/bench/jib
fi
[[ $opt_reactor == - ]] || reactor=$opt_reactor
IFS=, read -r -a app_list <<<"$apps"
IFS=, read -r -a reactor_list <<<"$reactor"

# --- the apps ---------------------------------------------------------------------------------------------------------
declare -A src=([hello]=examples/hello-web [jetty]=src/it/jetty-servlet [petclinic]=src/it/spring-boot-petclinic)
declare -A port=([hello]=8080 [jetty]=8095 [petclinic]=8091)
declare -A health=([hello]=/health [jetty]=/health [petclinic]=/actuator/health)
# the one-class change: a string literal in one class gets " (edit N)"
declare -A class=([hello]=src/main/java/com/example/hello/HelloServer.java
  [jetty]=src/main/java/com/example/library/LibraryServer.java
  [petclinic]=src/main/java/com/example/petclinic/Edition.java)
declare -A token=([hello]="Hello from a multistage image" [jetty]="Effective Java" [petclinic]="first build")

# --- state, clean-up, failure ---------------------------------------------------------------------------------------
m2=$root/target/bench/jib-m2 # the plugin under test and Jib; everything else read from ~/.m2 (a read-only tail)
results=$work/results.tsv
registry_dir=""
step="starting"
last_log=""
containers=0
edits=0
junit=$root/target/bench-reports/TEST-jib-benchmark-smoke.xml

cleanup() {
  local status=$?
  set +e
  # containers run-image.sh may have left if it was killed
  for id in $(runc list -q 2>/dev/null | grep "^jib-bench-$$-"); do
    runc kill "$id" KILL >/dev/null 2>&1; runc delete -f "$id" >/dev/null 2>&1
  done
  if [[ -n $registry_dir ]]; then
    cp "$registry_dir/registry.log" "$work/logs/" 2>/dev/null
    bash "$root/src/test/sh/registry.sh" stop "$registry_dir" >/dev/null 2>&1
  fi
  rm -rf "$work/tmp" "$work/caches"
  if ((status != 0)); then
    echo "jib-benchmark: FAILED at: $step" >&2
    if [[ -n $last_log && -f $last_log ]]; then echo "--- last 30 lines of $last_log:" >&2; tail -n 30 "$last_log" >&2; fi
  fi
  if $smoke; then
    python3 "$py" junit "$junit" "$status" "$(($(date +%s) - started))" \
      "$( ((status == 0)) && echo ok || echo "${failure:-failed at: $step (exit $status)}")" "$last_log"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
failure=""
fail() { failure=$*; echo "jib-benchmark: $*" >&2; exit 1; }

step="checking the options"
$smoke && rm -f "$junit"
[[ $runs =~ ^[1-9][0-9]*$ ]] || fail "--runs: a positive number, not '$runs'"
for n in "${reactor_list[@]}"; do [[ $n =~ ^[1-9][0-9]*$ ]] || fail "--reactor: numbers, not '$n'"; done
for app in "${app_list[@]}"; do
  [[ -n ${src[$app]:-} ]] || fail "--apps: unknown app '$app' (hello, jetty, petclinic)"
done

rm -rf "$work"
mkdir -p "$work/logs" "$work/images" "$work/tmp" "$work/caches" "$m2"
: >"$results"
# temp files of the tools (and of run-image.sh) stay under target/
export TMPDIR=$work/tmp
export MAVEN_OPTS="${MAVEN_OPTS:-} -Djava.io.tmpdir=$work/tmp"

step="checking the tools"
for tool in java docker-registry skopeo umoci jq curl python3 tar gzip; do
  command -v "$tool" >/dev/null || fail "missing tool: $tool (see the header of $0)"
done
can_run=true
if [[ $(id -u) -ne 0 ]] || ! command -v runc >/dev/null || ! command -v nsenter >/dev/null; then
  can_run=false
  $smoke && [[ ${CI:-} == true ]] && fail "CI needs root, runc and nsenter for the container start figure"
  echo "jib-benchmark: not root or no runc/nsenter: the container start figure is left out" >&2
fi

mvn_common=(-B -nsu -DskipTests "-Dmaven.repo.local=$m2"
  -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS)
if [[ -d $HOME/.m2/repository ]]; then mvn_common+=("-Dmaven.repo.local.tail=$HOME/.m2/repository"); fi

ms=0
mvn_at() { # <dir> <log> <maven args...>: Maven in <dir>; sets ms to its wall-clock time
  local dir=$1 log=$2 t0
  shift 2
  last_log=$log
  t0=$(date +%s%N)
  (cd "$dir" && "$root/mvnw" "${mvn_common[@]}" "$@") </dev/null >"$log" 2>&1 || fail "$step: mvn $* failed (log: $log)"
  ms=$((($(date +%s%N) - t0) / 1000000))
}
record() { printf '%s\t%s\t%s\t%s\t%s\n' "$@" >>"$results"; }
secs() { awk -v ms="$1" 'BEGIN { printf "%.3f", ms / 1000 }'; }
edit() { # <app> <dir>: the one-class change
  edits=$((edits + 1))
  python3 "$py" change "$2/${class[$1]}" "${token[$1]}" "$edits" || fail "$step: cannot change ${class[$1]}"
}

# --- the plugin, the bases, the registry ----------------------------------------------------------------------------
version=$(python3 -c 'import sys, xml.etree.ElementTree as E
print(E.parse(sys.argv[1]).getroot().find("{http://maven.apache.org/POM/4.0.0}version").text)' pom.xml)
# the plugin's source as installed: the commit, and whether src/ or the pom differed from it
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- src pom.xml 2>/dev/null || commit+=" with uncommitted changes"
step="installing the plugin $version"
echo "==> $step into $m2"
if $installed_jar; then
  jar=$root/target/multistage-maven-plugin-$version.jar
  [[ -f $jar ]] || fail "--installed-jar: no $jar (run ./mvnw package first)"
  mvn_at "$root" "$work/logs/install.log" install:install-file "-Dfile=$jar" -DpomFile=pom.xml
else
  mvn_at "$root" "$work/logs/install.log" install -Dinvoker.skip=true
fi

step="making the stand-in bases"
echo "==> $step (target/stand-in: glibc, jre-distroless, jdk)"
for kind in glibc jre-distroless jdk; do
  last_log=$work/logs/make-base-$kind.log
  bash src/test/stand-in/make-base.sh "$kind" "$root/target/stand-in/$kind" >"$last_log" 2>&1 || fail "$step: $kind"
done

step="starting the loopback registry"
registry_dir=$work/registry
last_log=$registry_dir/registry.log
addr=$(bash src/test/sh/registry.sh start "$registry_dir") || fail "$step"
declare -A ref
for kind in glibc jre-distroless jdk; do
  step="pushing the stand-in $kind to $addr"
  skopeo copy --quiet --dest-tls-verify=false "oci:$root/target/stand-in/$kind:latest" \
    "docker://$addr/standin/$kind:17" >"$work/logs/push-$kind.log" 2>&1 || fail "$step (log: $work/logs/push-$kind.log)"
  digest=$(skopeo inspect --tls-verify=false --format '{{.Digest}}' "docker://$addr/standin/$kind:17") || fail "$step"
  ref[$kind]=$addr/standin/$kind@$digest
done
echo "==> registry $addr: ${ref[glibc]}, ${ref[jre-distroless]}, ${ref[jdk]}"

tool_args() { # <tool> <cache dir>: the cache flags, then Jib's quiet flags
  if [[ $1 == ours ]]; then
    echo "-Dmultistage.cacheDirectory=$2"
  else
    printf '%s\n' "-Djib.applicationCache=$2/application" "-Djib.baseImageCache=$2/base" \
      -Djib.disableUpdateChecks=true -Djib.console=plain
  fi
}
goal_of() { if [[ $1 == ours ]]; then echo multistage:image; else echo jib:buildTar; fi; }
image_of() { if [[ $1 == ours ]]; then echo target/multistage/image.tar; else echo target/jib-image.tar; fi; }

make_app() { # <app> <tool> <dir> [artifactId]: a copy of the app with only that tool's plugin in its pom
  mkdir -p "$3"
  cp -r "$root/${src[$1]}/src" "$3/"
  python3 "$py" pom "$2" "$root/${src[$1]}/pom.xml" "$3/pom.xml" "$1" "$addr" "$version" "${port[$1]}" \
    "${ref[glibc]}" "${ref[jdk]}" "${ref[jre-distroless]}" ${4:+"$4"} || fail "$step: pom of $1 for $2"
}

step="preparing the apps"
echo "==> $step: ${app_list[*]} (first resolution of their dependencies and of Jib, not timed)"
for app in "${app_list[@]}"; do
  for tool in ours jib; do
    step="preparing $app for $tool"
    make_app "$app" "$tool" "$work/apps/$app/$tool"
    skip=-Dmultistage.skip=true
    [[ $tool == jib ]] && skip=-Djib.skip=true
    mvn_at "$work/apps/$app/$tool" "$work/logs/prepare-$app-$tool.log" clean package "$skip"
  done
done
for n in "${reactor_list[@]}"; do
  for tool in ours jib; do
    step="preparing a reactor of $n for $tool"
    dir=$work/reactor/$tool-$n
    mkdir -p "$dir"
    modules=""
    for ((i = 1; i <= n; i++)); do
      make_app hello "$tool" "$dir/m$i" "hello-web-$i"
      modules+="<module>m$i</module>"
    done
    cat >"$dir/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example</groupId>
  <artifactId>reactor-$n</artifactId>
  <version>1.0.0</version>
  <packaging>pom</packaging>
  <modules>$modules</modules>
</project>
POM
  done
done
if [[ ${#reactor_list[@]} -gt 0 ]]; then
  # the reactors' tool caches, warm for every timed reactor build: filled here by the smallest reactor
  for tool in ours jib; do
    step="warming the reactor caches for $tool"
    mapfile -t args < <(tool_args "$tool" "$work/caches/reactor-$tool")
    mvn_at "$work/reactor/$tool-${reactor_list[0]}" "$work/logs/prepare-reactor-$tool.log" -T 2 clean package "${args[@]}"
  done
fi

# --- the figures ------------------------------------------------------------------------------------------------------
timed() { # <run> <app> <tool> <metric> <dir> <maven args...>: the whole command's time and the goal's
  local run=$1 app=$2 tool=$3 metric=$4 dir=$5 out span self
  shift 5
  step="run $run, $app, $tool: $metric"
  mvn_at "$dir" "$work/logs/r$run-$app-$tool-$metric.log" "$@"
  record "$run" "$app" "$tool" "${metric}_total" "$(secs "$ms")"
  out=$(python3 "$py" goal "$last_log") || fail "$step: $out"
  read -r span self <<<"$out"
  record "$run" "$app" "$tool" "${metric}_goal" "$span"
  if [[ $tool == ours ]]; then record "$run" "$app" "$tool" "${metric}_self" "$self"; fi
  printf '    %-14s %6.1f s, the goal %5.2f s\n' "$metric" "$(secs "$ms")" "$span"
}

start_figure() { # <run> <app> <tool> <image.tar>
  local run=$1 app=$2 tool=$3 log uid=()
  step="run $run, $app, $tool: container start"
  log=$work/logs/r$run-$app-$tool-start.log
  last_log=$log
  [[ $tool == ours ]] && uid=(--expect-uid 1001)
  containers=$((containers + 1))
  bash "$root/src/test/sh/run-image.sh" "$4" --port "${port[$app]}" --path "${health[$app]}" --own-network \
    --name "jib-bench-$$-$containers" "${uid[@]}" >"$log" 2>&1 || fail "$step (log: $log)"
  ms=$(sed -n 's/^ok: http [0-9]* after \([0-9]*\) ms from runc run$/\1/p' "$log")
  [[ -n $ms ]] || fail "$step: no start time in $log"
  record "$run" "$app" "$tool" start "$(secs "$ms")"
  printf '    %-14s %6.2f s\n' start "$(secs "$ms")"
}

push_figure() { # <app> <tool> <dir> <tool args...>: what a push uploads after a one-class change
  local app=$1 tool=$2 dir=$3 from out
  shift 3
  step="$app, $tool: push after a one-class change"
  if [[ $tool == ours ]]; then
    mvn_at "$dir" "$work/logs/$app-$tool-push-first.log" multistage:push "$@"
    edit "$app" "$dir"
    mvn_at "$dir" "$work/logs/$app-$tool-push-rebuild.log" package "$@"
    from=$(wc -l <"$registry_dir/registry.log")
    mvn_at "$dir" "$work/logs/$app-$tool-push.log" multistage:push "$@"
  else
    mvn_at "$dir" "$work/logs/$app-$tool-push-first.log" jib:build "$@"
    edit "$app" "$dir"
    mvn_at "$dir" "$work/logs/$app-$tool-push-rebuild.log" compile "$@"
    from=$(wc -l <"$registry_dir/registry.log")
    mvn_at "$dir" "$work/logs/$app-$tool-push.log" jib:build "$@"
  fi
  out=$(python3 "$py" push "$registry_dir/registry.log" "$from" "$registry_dir/storage") || fail "$step: $out"
  read -r blobs bytes mounts manifests <<<"$out"
  record 1 "$app" "$tool" push_blobs "$blobs"
  record 1 "$app" "$tool" push_bytes "$bytes"
  record 1 "$app" "$tool" push_mounts "$mounts"
  record 1 "$app" "$tool" push_manifests "$manifests"
  echo "    push           $blobs blobs, $bytes bytes, $mounts mounts, $manifests manifests"
}

bench_app() { # <run> <app> <tool>
  local run=$1 app=$2 tool=$3 dir=$work/apps/$2/$3 cache=$work/caches/$2-$3 goal args
  goal=$(goal_of "$tool")
  rm -rf "$cache"
  mapfile -t args < <(tool_args "$tool" "$cache")
  echo "==> run $run/$runs: $app, $([[ $tool == ours ]] && echo this plugin || echo Jib)"
  timed "$run" "$app" "$tool" cold "$dir" clean package "${args[@]}"
  timed "$run" "$app" "$tool" nochange_pkg "$dir" package "${args[@]}"
  timed "$run" "$app" "$tool" nochange_goal "$dir" "$goal" "${args[@]}"
  edit "$app" "$dir"
  timed "$run" "$app" "$tool" change_pkg "$dir" package "${args[@]}"
  edit "$app" "$dir"
  step="run $run, $app, $tool: compiling the change"
  mvn_at "$dir" "$work/logs/r$run-$app-$tool-compile.log" compile "${args[@]}"
  timed "$run" "$app" "$tool" change_goal "$dir" "$goal" "${args[@]}"
  if $can_run; then start_figure "$run" "$app" "$tool" "$dir/$(image_of "$tool")"; fi
  if ((run == 1)); then
    cp "$dir/$(image_of "$tool")" "$work/images/$app-$tool.tar"
    if [[ $tool == ours ]]; then cp "$dir/target/multistage/report.json" "$work/images/$app-ours.report.json"; fi
    push_figure "$app" "$tool" "$dir" "${args[@]}"
    if [[ $tool == ours ]]; then
      step="$app: this plugin on the full-JRE base (jlink=false), for its size"
      mvn_at "$dir" "$work/logs/$app-ours-jre.log" multistage:image "${args[@]}" \
        "-Dmultistage.runtimeImage=${ref[jre-distroless]}" -Dmultistage.jlink=false \
        "-Dmultistage.outputDirectory=$dir/target/multistage-jre"
      cp "$dir/target/multistage-jre/image.tar" "$work/images/$app-ours-jre.tar"
    fi
  fi
  rm -rf "$cache"
}

bench_reactor() { # <run> <tool> <n>
  local run=$1 tool=$2 n=$3 args
  mapfile -t args < <(tool_args "$tool" "$work/caches/reactor-$tool")
  step="run $run, reactor of $n, $tool"
  mvn_at "$work/reactor/$tool-$n" "$work/logs/r$run-reactor-$n-$tool.log" -T 2 clean package "${args[@]}"
  record "$run" reactor "$tool" "n=$n" "$(secs "$ms")"
  printf '==> run %d/%d: reactor of %d, %-11s %6.1f s\n' "$run" "$runs" "$n" \
    "$([[ $tool == ours ]] && echo this plugin || echo Jib)" "$(secs "$ms")"
}

load_start=$(cut -d' ' -f1 /proc/loadavg)
for ((run = 1; run <= runs; run++)); do
  if ((run % 2)); then order=(ours jib); else order=(jib ours); fi
  for app in "${app_list[@]}"; do
    for tool in "${order[@]}"; do bench_app "$run" "$app" "$tool"; done
  done
  for n in "${reactor_list[@]}"; do
    for tool in "${order[@]}"; do bench_reactor "$run" "$tool" "$n"; done
  done
done
load_end=$(cut -d' ' -f1 /proc/loadavg)

step="measuring the images"
out=$(python3 "$py" oci-sizes "$root/target/stand-in/jdk") || fail "$step: the jdk stand-in"
read -r _ jdk_u <<<"$out"
for app in "${app_list[@]}"; do
  for variant in ours ours-jre jib; do
    out=$(python3 "$py" sizes "$work/images/$app-$variant.tar") || fail "$step: $app-$variant.tar"
    read -r c u <<<"$out"
    record 0 "$app" "$variant" size_compressed "$c"
    record 0 "$app" "$variant" size_uncompressed "$u"
  done
  # the single-stage image our report compares with: the jdk stand-in plus the app's layers
  out=$(jq -r '"\(.baseline.compressedBytes) \(.baseline.appUncompressedBytes)"' \
    "$work/images/$app-ours.report.json") || fail "$step: the baseline in $app's report.json"
  read -r c a <<<"$out"
  record 0 "$app" single-stage size_compressed "$c"
  record 0 "$app" single-stage size_uncompressed "$((jdk_u + a))"
done

step="checking that every figure was made"
last_log=""
python3 "$py" check "$results" "$apps" "$reactor" "$can_run" || fail "$step"

step="writing the report"
elapsed=$(($(date +%s) - started))
command="bench/jib-benchmark.sh"
$smoke && command+=" --smoke"
[[ -n $opt_runs ]] && command+=" --runs $opt_runs"
[[ -n $opt_apps ]] && command+=" --apps $opt_apps"
[[ $opt_reactor != - ]] && command+=" --reactor $opt_reactor"
busy="on 2 cores a load above 1 means other work competed for them: the figures are noisy"
awk -v a="$load_start" -v b="$load_end" 'BEGIN { exit !(a < 1 && b < 1) }' && busy="a quiet machine"
python3 - "$work/meta.json" <<PY
import json, sys
json.dump({
  "command": "$command", "date": "$(date -u +%Y-%m-%d)",
  "machine": "$(uname -m), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/^Mem:/ {print $2}') GB memory",
  "version": "$version", "commit": "$commit",
  "maven": "Maven $(sed -n 's#.*apache-maven-\([0-9.]*\)-bin.zip#\1#p' .mvn/wrapper/maven-wrapper.properties)",
  "java": "$(java -version 2>&1 | head -n 1 | sed 's/"//g')",
  "load_start": "$load_start", "load_end": "$load_end", "load_note": "$busy",
  "elapsed": "$((elapsed / 60)) min $((elapsed % 60)) s", "runs": "$runs",
  "apps": "$apps".split(","), "results": "${results#"$root/"}",
}, open(sys.argv[1], "w"), indent=1)
PY
if $smoke; then
  python3 "$py" report "$results" "$work/meta.json" "$work/benchmarks.md"
else
  python3 "$py" report "$results" "$work/meta.json" "$work/benchmarks.md" "$root/docs/benchmarks.md"
fi
cat "$work/benchmarks.md"
echo "==> done in $((elapsed / 60)) min $((elapsed % 60)) s: $work/benchmarks.md$($smoke || echo ", docs/benchmarks.md")"
