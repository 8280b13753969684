#!/usr/bin/env bash
# Real-application benchmark: the Spring Boot 4 pet-clinic-shaped app of src/it/spring-boot-petclinic (web,
# actuator, JPA on H2, Thymeleaf, validation, cache; ~100 jars), built offline on stand-in bases:
#   - jlinked on the `glibc` base, cold (empty plugin cache): module analysis time, image size
#   - the same after a one-class change: analysis from the cache, the image goal's own time
#   - the same app on the full-JRE stand-in `jre-distroless` with jlink=false: the size to compare with
#   - jdeps (the JDK's tool) over the same class path, for the analysis time side by side
# Writes the section between the "real-app" markers of docs/benchmarks.md. Needs: JDK 17, network for the
# first Maven resolution of the app's dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/section.sh
root=$PWD
work=$root/target/bench/petclinic
cache=$root/target/bench/petclinic-cache
out=$root/docs/benchmarks.md

./mvnw -q -B install -DskipTests -Dinvoker.skip=true
for kind in glibc jre-distroless; do
  bash src/test/stand-in/make-base.sh "$kind" "$root/target/stand-in/$kind" >/dev/null
done
version=$(./mvnw -q -B help:evaluate -Dexpression=project.version -DforceStdout)
rm -rf "$work" "$cache"
mkdir -p "$(dirname "$work")"
cp -r src/it/spring-boot-petclinic "$work"
sed -i "s#@project.version@#$version#; s#@standIn@#$root/target/stand-in#g" "$work/pom.xml"

mvn_app() { ./mvnw -B -f "$work/pom.xml" package -DskipTests -Dmultistage.cacheDirectory="$cache" "$@"; }
line() { grep -o "$1.*" "$2" | head -n 1; }

mvn_app > "$work/cold.log"
cp "$work/target/multistage/report.json" "$work/jlinked.json"
sed -i 's/first build/second build/' "$work/src/main/java/com/example/petclinic/Edition.java"
mvn_app > "$work/warm.log"
mvn_app -Dmultistage.runtimeImage="oci:$root/target/stand-in/jre-distroless" -Dmultistage.jlink=false \
  -Dmultistage.outputDirectory="$work/target/multistage-jre" > "$work/jre.log"
cp "$work/target/multistage-jre/report.json" "$work/jre.json"

./mvnw -q -B -f "$work/pom.xml" dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$work/cp.txt" >/dev/null
jars=$(tr ':' '\n' < "$work/cp.txt" | grep -c '\.jar$')
start=$(date +%s%N)
"${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/jdeps" --ignore-missing-deps --multi-release 17 \
  --print-module-deps --class-path "$(cat "$work/cp.txt")" "$work/target/classes" >/dev/null 2>&1 || true
jdeps_ms=$(( ($(date +%s%N) - start) / 1000000 ))

total() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["totals"]["compressedBytes"])' "$1"; }
runtime_layer() { python3 -c 'import json,sys; print([l for l in json.load(open(sys.argv[1]))["layers"] if l["name"]=="runtime"][0]["compressedBytes"])' "$1"; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1000000 }'; }
j=$(total "$work/jlinked.json"); f=$(total "$work/jre.json")
section=$(cat <<TEXT
<!-- real-app: written by bench/real-app-benchmark.sh -->
## A real application: Spring Boot 4, pet-clinic shape

Written by \`bench/real-app-benchmark.sh\` on $(date -u +%Y-%m-%d) ($(java -version 2>&1 | head -n 1), $(uname -m),
$(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg) at the end). The app of \`src/it/spring-boot-petclinic\`
(web, actuator, data-jpa on H2, Thymeleaf, validation, cache; devtools and docker-compose declared and left out):
$jars runtime jars on the class path jdeps gets (the image ships the same, less devtools and docker-compose).

| | figure |
|---|---|
| jlinked image, compressed (glibc stand-in base) | $(mb "$j") (runtime layer $(mb "$(runtime_layer "$work/jlinked.json")")) |
| same app on the full-JRE stand-in, compressed | $(mb "$f") |
| jlinked / full JRE | $(awk -v a="$j" -v b="$f" 'BEGIN { printf "%.2f", a / b }') |
| module analysis, cold (empty cache) | $(line "Module analysis:" "$work/cold.log") |
| module analysis after a one-class change | $(line "Module analysis:" "$work/warm.log") |
| jdeps over the same class path (\`--ignore-missing-deps --multi-release 17\`) | ${jdeps_ms} ms |
| image goal, cold (analysis, link, runtime check, layers) | $(line "image goal took" "$work/cold.log") |
| image goal after a one-class change | $(line "image goal took" "$work/warm.log") |

Linked modules: $(python3 -c 'import json,sys; print(", ".join(m["name"] for m in json.load(open(sys.argv[1]))["runtime"]["modules"]))' "$work/jlinked.json").
<!-- /real-app -->
TEXT
)
write_section "$out" real-app "$section"
echo "$section"
