#!/usr/bin/env bash
# The image goal's own time ("image goal took X s") before and after a change to the plugin, on the Spring Boot 4
# app of src/it/spring-boot-petclinic (jlinked on the glibc stand-in, offline): the plugin at <revision> against
# this checkout, interleaved run by run. Figures, each the goal's own time (Maven's startup is the same for both):
#   cold               `mvn package` with an empty plugin cache (analysis, jlink, runtime check, every layer)
#   one-class change   `mvn multistage:image` after a class changed and was compiled
#   nothing changed    `mvn multistage:image` again
# Writes the section between the "before-after" markers of docs/benchmarks.md.
#
# usage: bench/goal-before-after.sh <revision-before> [runs]      (default: 3 runs)
# Needs: JDK 17, Maven Central once for the app's dependencies (then offline is fine).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/section.sh
root=$PWD
before=${1:?usage: bench/goal-before-after.sh <revision-before> [runs]}
runs=${2:-3}
work=$root/target/bench/before-after
repo=$work/m2
out=$root/docs/benchmarks.md
before_rev=$(git rev-parse --short "$before")
after_rev="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo '+changes')"

rm -rf "$work"
mkdir -p "$work"
cleanup() { git worktree remove --force "$work/src-before" >/dev/null 2>&1 || true; }
trap cleanup EXIT

mvn_in() { local dir=$1; shift; ./mvnw -B -q -f "$dir/pom.xml" -Dmaven.repo.local="$repo" \
  -Dmaven.repo.local.tail="$HOME/.m2/repository" "$@"; }

# the two plugins, as versions 0.0.0-before and 0.0.0-after of one local repository
git worktree add --detach "$work/src-before" "$before" >/dev/null
mkdir -p "$work/src-after"
git ls-files -z | xargs -0 cp --parents -t "$work/src-after"
git diff --name-only HEAD -- src pom.xml | while read -r f; do [[ -f $f ]] && cp --parents "$f" "$work/src-after"; done
git ls-files --others --exclude-standard -z src | xargs -0 -r cp --parents -t "$work/src-after"
for side in before after; do
  sed -i "0,/<version>0.1.0-SNAPSHOT<\/version>/s//<version>0.0.0-$side<\/version>/" "$work/src-$side/pom.xml"
  mvn_in "$work/src-$side" install -DskipTests -Dinvoker.skip=true
done
for kind in glibc jre-distroless; do
  bash src/test/stand-in/make-base.sh "$kind" "$root/target/stand-in/$kind" >/dev/null
done
for side in before after; do
  cp -r src/it/spring-boot-petclinic "$work/app-$side"
  sed -i "s#@project.version@#0.0.0-$side#; s#@standIn@#$root/target/stand-in#g" "$work/app-$side/pom.xml"
done

goal_time() { grep -o 'image goal took [0-9.]* s' "$1" | tail -n 1 | awk '{print $4}'; }
results=$work/results.tsv
: > "$results"
one() { # side figure command...
  local side=$1 figure=$2; shift 2
  local log=$work/logs/$side-$figure-$run.log
  mkdir -p "$work/logs"
  mvn_in "$work/app-$side" "$@" -Dmultistage.cacheDirectory="$work/cache-$side-$run" > "$log" 2>&1 \
    || { echo "failed: $side $figure (see $log)" >&2; exit 1; }
  printf '%s\t%s\t%s\t%s\n' "$run" "$side" "$figure" "$(goal_time "$log")" >> "$results"
}
for run in $(seq 1 "$runs"); do
  order=(before after)
  (( run % 2 == 0 )) && order=(after before)
  for side in "${order[@]}"; do
    one "$side" cold clean package -DskipTests
    sed -i "s/build [0-9a-z]*\"/build $run$side\"/; s/first build/build $run$side/" \
      "$work/app-$side/src/main/java/com/example/petclinic/Edition.java"
    mvn_in "$work/app-$side" compile > /dev/null
    one "$side" one-class-change multistage:image
    one "$side" nothing-changed multistage:image
  done
done

table=$(python3 - "$results" <<'PY'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
def times(side, figure):
    return [float(r[3]) for r in rows if r[1] == side and r[2] == figure]
labels = {"cold": "`mvn package`, empty plugin cache", "one-class-change": "`mvn multistage:image` after a one-class change",
          "nothing-changed": "`mvn multistage:image`, nothing changed"}
for figure, label in labels.items():
    b, a = times("before", figure), times("after", figure)
    mb, ma = statistics.median(b), statistics.median(a)
    print(f"| {label} | {mb:.1f} s ({min(b):.1f}–{max(b):.1f}) | {ma:.1f} s ({min(a):.1f}–{max(a):.1f}) | {ma / mb:.2f} |")
PY
)
section=$(cat <<TEXT
<!-- before-after: written by bench/goal-before-after.sh -->
## The image goal before and after the speed work

Written by \`bench/goal-before-after.sh $before_rev $runs\` on $(date -u +%Y-%m-%d) ($(java -version 2>&1 | head -n 1),
$(uname -m), $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg) at the end): the goal's own time
(\`image goal took\`) on the Spring Boot app of \`src/it/spring-boot-petclinic\`, jlinked on the glibc stand-in,
the plugin at $before_rev ("before") and at $after_rev ("after"), $runs interleaved runs, median (fastest–slowest).

| | before | after | after / before |
|---|---:|---:|---:|
$table

What changed between them: the up-to-date check (nothing changed: no image work), the content-keyed layer cache
(one-class change: the classes layer alone is compressed), the remembered base file lists and baseline sizes,
image.tar by file-to-file copy, and gzip on every core (cold); see [configuration.md](configuration.md#rebuilds-what-is-done-again-and-what-is-not).
<!-- /before-after -->
TEXT
)
write_section "$out" before-after "$section"
echo "$section"
