#!/usr/bin/env bash
# Builds the bundled example's image with no Docker daemon and no registry: installs the plugin, makes a
# stand-in glibc base (and a stand-in JDK image as the single-stage baseline) from this machine's own parts, and
# runs `mvn verify` on the example
# with jlink linking a runtime from the build JDK, then the check goal on the image. Prints the size report at the
# end.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

echo "==> installing the plugin (./mvnw install, tests skipped)"
./mvnw -q -B install -DskipTests -Dinvoker.skip=true

echo "==> making stand-in bases from this host's parts: target/stand-in/glibc (glibc, no shell, no Java) and"
echo "    target/stand-in/jdk (glibc + the JDK: the builder image a single-stage Dockerfile would ship)"
bash src/test/stand-in/make-base.sh glibc "$root/target/stand-in/glibc" >/dev/null
bash src/test/stand-in/make-base.sh jdk "$root/target/stand-in/jdk" >/dev/null

echo "==> building examples/hello-web"
./mvnw -B -f examples/hello-web/pom.xml verify \
  -Dmultistage.runtimeImage="oci:$root/target/stand-in/glibc" \
  -Dmultistage.baselineImage="oci:$root/target/stand-in/jdk" \
  -Dmultistage.cacheDirectory="$root/target/multistage-cache"

echo
cat examples/hello-web/target/multistage/report.md
echo
echo "Image: examples/hello-web/target/multistage/image.tar ($(cat examples/hello-web/target/multistage/image-digest))"
