# Sourced by the bench scripts: write_section DOC NAME TEXT puts TEXT (which begins with "<!-- NAME: …" and ends
# with "<!-- /NAME -->") in place of DOC's section of that name, or at DOC's end when it has none yet; the rest
# of DOC stays as it is. Written aside and moved into place, so an interrupted script leaves DOC whole.
write_section() {
  python3 - "$1" "$2" "$3" <<'PY'
import os, re, sys
path, name, section = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path).read() if os.path.exists(path) else "# Benchmarks\n"
pattern = re.compile(r"<!-- " + re.escape(name) + r":.*?<!-- /" + re.escape(name) + r" -->", re.S)
text = pattern.sub(lambda m: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section + "\n"
open(path + ".tmp", "w").write(text)
PY
  mv "$1.tmp" "$1"
}
