#!/usr/bin/env bash
# Writes a reproducible OCI image layout of a stand-in base image, made only from this host's parts
# (glibc, busybox-static, the host JDK 17), so tests need neither network nor Docker.
#
# usage: make-base.sh <glibc|jre-distroless|jre-busybox|busybox|jdk|jdk-nojmods> <out-dir>
# The manifest digest is printed as the last line of stdout; progress goes to stderr.
# Env: STAND_IN_JDK overrides the JDK 17 used for jlink / copying (must contain jmods/).
set -euo pipefail
umask 022
export LC_ALL=C

die() { echo "make-base.sh: $*" >&2; exit 1; }

[[ $# -eq 2 ]] || die "usage: make-base.sh <glibc|jre-distroless|jre-busybox|busybox|jdk|jdk-nojmods> <out-dir>"
kind=$1
out=$2
case "$kind" in
  glibc|jre-distroless|jre-busybox|busybox|jdk|jdk-nojmods) ;;
  *) die "unknown kind '$kind' (expected glibc, jre-distroless, jre-busybox, busybox, jdk or jdk-nojmods)" ;;
esac

find_jdk() {
  local candidate
  for candidate in "${STAND_IN_JDK:-}" "${JAVA_HOME:-}" /usr/lib/jvm/java-17-openjdk-amd64; do
    [[ -n "$candidate" && -d "$candidate/jmods" && -x "$candidate/bin/jlink" ]] || continue
    grep -q '^JAVA_VERSION="17' "$candidate/release" 2>/dev/null || continue
    echo "$candidate"
    return
  done
  die "no JDK 17 with jmods found (set STAND_IN_JDK)"
}
jdk=$(find_jdk)
busybox=/usr/bin/busybox
[[ -x $busybox ]] || busybox=/bin/busybox
for tool in sha256sum gzip tar ldd; do
  command -v "$tool" >/dev/null || die "missing tool: $tool"
done
busybox_version() { if [[ -x $busybox ]]; then "$busybox" | sed -n 1p; fi; }

manifest_digest() { grep -o '"digest":"sha256:[0-9a-f]*"' "$out/index.json" | head -n 1 | cut -d'"' -f4; }

# The cache key covers everything the output depends on that can change between runs.
inputs=$( { cat "$0"; echo "$kind"; "$jdk/bin/java" -version 2>&1; ldd --version | sed -n 1p; busybox_version; } | sha256sum | cut -d' ' -f1)
if [[ -f "$out/index.json" && -f "$out/.inputs" && "$(cat "$out/.inputs")" == "$inputs" ]]; then
  manifest_digest
  exit 0
fi

mkdir -p "$out"
work=$(mktemp -d "$(dirname "$(realpath "$out")")/.make-base.XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$work/rootfs
layout=$work/layout
mkdir -p "$root" "$layout/blobs/sha256"

java_home=/opt/java/openjdk
with_java=false
with_busybox=false
case "$kind" in
  glibc) ;;
  jre-distroless) with_java=true ;;
  jre-busybox) with_java=true; with_busybox=true ;;
  busybox) with_busybox=true ;;
  jdk|jdk-nojmods) with_java=true ;;
esac

# --- the Java runtime -------------------------------------------------------------------------
if [[ $kind == jdk || $kind == jdk-nojmods ]]; then
  echo "make-base.sh: copying $jdk to $java_home" >&2
  mkdir -p "$root/opt/java"
  cp -a "$jdk" "$root$java_home"
  # Debian's JDK links into /etc and /usr/share; keep what resolves, drop what does not.
  while IFS= read -r -d '' link; do
    host_path=$jdk${link#"$root$java_home"}
    if [[ -e "$host_path" ]]; then
      rm "$link"
      cp -rL "$host_path" "$link"
    else
      rm "$link"
    fi
  done < <(find "$root$java_home" -type l -print0)
  rm -rf "$root$java_home/docs" "$root$java_home/man"
  # what eclipse-temurin JDK images are from 24 on (JEP 493): a JDK without jmods
  if [[ $kind == jdk-nojmods ]]; then rm -rf "$root$java_home/jmods"; fi
elif $with_java; then
  # A full JRE as Temurin's and Debian's JRE packages ship it: every runtime module (the JDK's modules minus its
  # development tools), Java debug attributes kept, and the JDK's default CDS archives. Copied archives, not a fresh
  # -Xshare:dump, because a dump is not byte-for-byte reproducible on JDK 17.
  echo "make-base.sh: jlinking a full JRE from $jdk" >&2
  mkdir -p "$root/opt/java"
  dev_tools='^(jdk\.(compiler|jshell|jdeps|jlink|javadoc|jartool|jcmd|jconsole|hotspot\.agent|jpackage|internal\.le|internal\.opt|editpad|jstatd|random|internal\.jvmstat|internal\.ed)|java\.smartcardio)$'
  modules=$("$jdk/bin/java" --list-modules | cut -d@ -f1 | grep -vE "$dev_tools" | paste -sd, -)
  "$jdk/bin/jlink" --module-path "$jdk/jmods" --add-modules "$modules" --no-header-files --no-man-pages \
    --output "$root$java_home" >&2 2> >(grep -v 'incubator modules' >&2)
  for jsa in classes.jsa classes_nocoops.jsa; do
    if [[ -f "$jdk/lib/server/$jsa" ]]; then cp "$jdk/lib/server/$jsa" "$root$java_home/lib/server/$jsa"; fi
  done
fi

# --- glibc and the libraries the JDK links against ----------------------------------------------
# Libraries are found by ldd over the host JDK, so every kind can host a runtime jlinked from it.
# Desktop-only libraries (X11, splash screen) are left out, as in a headless JRE.
ldd_targets() {
  find "$jdk/bin" -type f -perm -u+x
  find "$jdk/lib" -name '*.so' \
    ! -name 'libawt_xawt.so' ! -name 'libsplashscreen.so' ! -name 'libjawt.so' ! -name 'libatk-wrapper.so'
}
# ldd exits non-zero for any non-ELF file; what matters is that glibc was found, checked below.
libs=$( { ldd_targets | xargs ldd 2>/dev/null || true; } | awk '$2 == "=>" && $3 ~ /^\// {print $3}' \
  | grep -v "^$jdk/" | sort -u)
[[ $libs == */libc.so.6* ]] || die "ldd found no libc.so.6 for $jdk"
# glibc's compatibility stubs, which every Debian slim image has: JDKs built against older glibc (Temurin's)
# still link libdl.so.2 and friends, so a runtime jlinked from such a JDK starts here too.
libc_dir=$(dirname "$(grep '/libc.so.6$' <<<"$libs")")
for stub in libdl.so.2 libpthread.so.0 librt.so.1 libm.so.6; do
  [[ -e $libc_dir/$stub ]] && libs+=$'\n'"$libc_dir/$stub"
done
libs=$(sort -u <<<"$libs")
for lib in $libs /lib64/ld-linux-x86-64.so.2; do
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done

# --- busybox ------------------------------------------------------------------------------------
if $with_busybox; then
  [[ -x $busybox ]] || die "busybox-static is not installed (apt-get install busybox-static)"
  mkdir -p "$root/bin" "$root/usr/bin"
  cp -L "$busybox" "$root/bin/busybox"
  for applet in sh wget id cat ls ps sleep echo; do
    ln -s busybox "$root/bin/$applet"
  done
  ln -s /bin/busybox "$root/usr/bin/wget"
  mkdir -p "$root/etc"
  printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' 'nobody:x:65534:65534:nobody:/nonexistent:/bin/false' \
    > "$root/etc/passwd"
  printf '%s\n' 'root:x:0:' 'nogroup:x:65534:' > "$root/etc/group"
fi

mkdir -p "$root/tmp"
chmod 1777 "$root/tmp"

# --- the layer, config, manifest and index ------------------------------------------------------
blob() { # <file> -> moves it into blobs/, prints its digest
  local digest
  digest=sha256:$(sha256sum "$1" | cut -d' ' -f1)
  mv "$1" "$layout/blobs/sha256/${digest#sha256:}"
  echo "$digest"
}
size() { stat -c %s "$layout/blobs/sha256/${1#sha256:}"; }

(cd "$root" && find . -mindepth 1 | sed 's|^\./||' | sort) > "$work/entries"
tar -C "$root" --format=gnu --no-recursion --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner \
  -cf "$work/layer.tar" -T "$work/entries"
diff_id=sha256:$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
gzip -n "$work/layer.tar"
layer=$(blob "$work/layer.tar.gz")

# JSON written with printf: every value is a fixed string or a digest, nothing needs escaping.
path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
if $with_java; then
  env_json="[\"PATH=$java_home/bin:$path\",\"JAVA_HOME=$java_home\"]"
else
  env_json="[\"PATH=$path\"]"
fi
printf '{"architecture":"amd64","config":{"Env":%s},"created":"1970-01-01T00:00:00Z","os":"linux","rootfs":{"diff_ids":["%s"],"type":"layers"}}' \
  "$env_json" "$diff_id" > "$work/config.json"
config=$(blob "$work/config.json")

printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"%s","size":%s}]}' \
  "$config" "$(size "$config")" "$layer" "$(size "$layer")" > "$work/manifest.json"
manifest=$(blob "$work/manifest.json")

printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":%s,"platform":{"architecture":"amd64","os":"linux"},"annotations":{"org.opencontainers.image.ref.name":"latest"}}]}' \
  "$manifest" "$(size "$manifest")" > "$layout/index.json"
echo '{"imageLayoutVersion":"1.0.0"}' > "$layout/oci-layout"

rm -rf "$out/blobs" "$out/index.json" "$out/oci-layout" "$out/.inputs"
mv "$layout/blobs" "$layout/oci-layout" "$out/"
mv "$layout/index.json" "$out/index.json"
echo "$inputs" > "$out/.inputs"
echo "make-base.sh: $kind written to $out" >&2
manifest_digest
