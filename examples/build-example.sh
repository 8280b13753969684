#!/usr/bin/env bash
# Builds the bundled example's image with no Docker daemon and no registry: installs the plugin, makes a
# stand-in glibc base from this machine's own libraries (an OCI layout), and runs `mvn package` on the example
# with jlink linking a runtime from the build JDK. Prints the size report at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

echo "==> installing the plugin (./mvnw install, tests skipped)"
./mvnw -q -B install -DskipTests -Dinvoker.skip=true

echo "==> making the stand-in base target/stand-in/glibc (glibc from this host, no shell, no Java)"
bash src/test/stand-in/make-base.sh glibc "$root/target/stand-in/glibc" >/dev/null

echo "==> building examples/hello-web"
./mvnw -B -f examples/hello-web/pom.xml package \
  -Dmultistage.runtimeImage="oci:$root/target/stand-in/glibc" \
  -Dmultistage.cacheDirectory="$root/target/multistage-cache"

echo
cat examples/hello-web/target/multistage/report.md
echo
echo "Image: examples/hello-web/target/multistage/image.tar ($(cat examples/hello-web/target/multistage/image-digest))"
