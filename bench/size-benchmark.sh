#!/usr/bin/env bash
# Size benchmark: the bundled example (examples/hello-web) built on stand-in bases, offline, in two pairs:
#   distroless-like: the `glibc` base + a runtime jlinked by the plugin  vs  `jre-distroless` (same + a full JRE)
#   with a shell:    the `busybox` base + the jlinked runtime            vs  `jre-busybox` (same + a full JRE)
# A full JRE is every runtime module of the JDK plus its CDS archives, as Temurin's JRE images ship it.
# Writes the section between the "size" markers of docs/benchmarks.md with the figures from each build's
# report.json (the other sections stay as they are). Needs: JDK 17, busybox-static.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/section.sh
root=$PWD
out=$root/docs/benchmarks.md
work=$root/target/bench
mkdir -p "$work"

./mvnw -q -B install -DskipTests -Dinvoker.skip=true
for kind in glibc busybox jre-distroless jre-busybox; do
  bash src/test/stand-in/make-base.sh "$kind" "$root/target/stand-in/$kind" >/dev/null
done

build() { # <name> <base kind> <jlink true|false>
  ./mvnw -q -B -f examples/hello-web/pom.xml package \
    -Dmultistage.runtimeImage="oci:$root/target/stand-in/$2" -Dmultistage.jlink="$3" \
    -Dmultistage.cacheDirectory="$root/target/multistage-cache" >/dev/null
  cp examples/hello-web/target/multistage/report.json "$work/$1.json"
}
build glibc glibc true
build jre-distroless jre-distroless false
build busybox busybox true
build jre-busybox jre-busybox false

field() { # <name> <jq-like path: totals.compressedBytes>
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
for k in sys.argv[2].split("."): d=d[k]
print(d)' "$work/$1.json" "$2"
}
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1000000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", 100 * a / b }'; }

row() { # <jlinked build> <full-JRE build> <label>
  local c u jc
  c=$(field "$1" totals.compressedBytes); u=$(field "$1" totals.uncompressedBytes)
  jc=$(field "$2" totals.compressedBytes)
  echo "| $3 | $(mb "$c") | $(mb "$u") | $(mb "$jc") | $(mb "$(field "$2" totals.uncompressedBytes)") | $(ratio "$c" "$jc") |"
}
section=$({
  echo "<!-- size: written by bench/size-benchmark.sh -->"
  echo "## Image size: the bundled example"
  echo
  echo "Written by \`bench/size-benchmark.sh\` on $(date -u +%Y-%m-%d) ($(java -version 2>&1 | head -n 1), $(uname -m))."
  echo "The bundled example \`examples/hello-web\` (a jdk.httpserver service), built offline on stand-in bases"
  echo "(see [stand-in-bases.md](stand-in-bases.md)). Sizes are the builds' own \`report.json\` totals:"
  echo "compressed is what a pull moves, uncompressed what a disk holds."
  echo
  echo "| base | jlinked image, compressed | uncompressed | same app on a full JRE, compressed | uncompressed | jlinked / full JRE |"
  echo "|---|---:|---:|---:|---:|---:|"
  row glibc jre-distroless "distroless-like (glibc, no shell)"
  row busybox jre-busybox "busybox (shell, wget)"
  echo
  echo "Linked modules: $(python3 -c 'import json,sys; print(", ".join(m["name"] for m in (json.load(open(sys.argv[1])).get("runtime") or {}).get("modules", [])) or "(see the build log)")' "$work/glibc.json")."
  echo "The runtime layer alone: $(mb "$(python3 -c 'import json,sys; print([l for l in json.load(open(sys.argv[1]))["layers"] if l["name"]=="runtime"][0]["compressedBytes"])' "$work/glibc.json")") compressed."
  echo "<!-- /size -->"
})
write_section "$out" size "$section"
echo "$section"
