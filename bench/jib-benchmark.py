#!/usr/bin/env python3
"""Helpers of bench/jib-benchmark.sh: app poms, the one-class change, figures read from logs, image tars and the
registry's access log, and the report (a section of docs/benchmarks.md) with medians, spreads and ratios.

Subcommands (each prints its answer on stdout):
  pom ours|jib SRC_POM DST_POM APP REGISTRY VERSION PORT RUNTIME_REF BASELINE_REF JRE_REF [ARTIFACT_ID]
  change JAVA_FILE TOKEN N          the one-class change: TOKEN becomes "TOKEN (edit N)" in a string literal
  goal LOG                          "<span> <self>": the image goal's time between log timestamps (from its
                                    '--- plugin:goal' line to the next mojo or the build's end) and our own
                                    'image goal took X s' line (-1 when absent)
  sizes TAR                         "<compressed> <uncompressed>" of a docker-archive: config + layers as stored
                                    (gzip, what a pull moves) and config + layers unpacked (what a disk holds)
  gunzip-size FILE                  the unpacked size of a gzip file
  oci-sizes LAYOUT                  "<compressed> <uncompressed>" of an OCI layout's image, counted as for sizes
  check RESULTS APPS REACTOR WITH_START   exits 1 naming every figure the run should have made and did not
  push LOG FROM_LINE STORAGE        "<blobs> <bytes> <mounts> <manifests>" uploaded after FROM_LINE of the
                                    registry's access log: completed blob uploads (PUT .../blobs/uploads/...?digest=
                                    answered 201), their sizes read from the registry's storage; cross-repository
                                    mounts (POST ?mount= answered 201); manifests (PUT .../manifests/ answered 201)
  report RESULTS META OUT [DOC]     writes the section to OUT; with DOC, also puts it between the markers in DOC
  junit XML STATUS SECONDS REASON [DETAILS_FILE]
"""
import gzip
import json
import os
import re
import statistics
import sys
import tarfile
from urllib.parse import unquote

MARK_BEGIN = "<!-- jib-benchmark: written by bench/jib-benchmark.sh -->"
MARK_END = "<!-- /jib-benchmark -->"


# --- poms -----------------------------------------------------------------------------------------------------------

def jib_environment(app):
    """Jib ships the Spring Boot app's optional dependencies, spring-boot-docker-compose and spring-boot-devtools
    among them (this plugin leaves them out, as Spring Boot's own repackager does). With docker-compose on the
    class path the app fails at start ("No Docker Compose file found"), so Jib's container gets what a user would
    add to make it start at all; devtools stays in the image, and active (its restart launcher runs the app)."""
    if app == "petclinic":
        return "<environment><SPRING_DOCKER_COMPOSE_ENABLED>false</SPRING_DOCKER_COMPOSE_ENABLED></environment>"
    return ""


def pom(tool, src, dst, app, registry, version, port, runtime_ref, baseline_ref, jre_ref, artifact_id=None):
    text = open(src).read()
    if tool == "ours":
        block = f"""<plugin>
        <groupId>dev.multistage</groupId>
        <artifactId>multistage-maven-plugin</artifactId>
        <version>{version}</version>
        <executions>
          <execution><goals><goal>image</goal></goals></execution>
        </executions>
        <configuration>
          <runtimeImage>{runtime_ref}</runtimeImage>
          <baselineImage>{baseline_ref}</baselineImage>
          <jlink>true</jlink>
          <allowInsecureRegistries>true</allowInsecureRegistries>
          <to>{registry}/bench/{app}-ours</to>
          <ports>{port}</ports>
        </configuration>
      </plugin>"""
    else:
        block = f"""<plugin>
        <groupId>com.google.cloud.tools</groupId>
        <artifactId>jib-maven-plugin</artifactId>
        <version>3.5.2</version>
        <executions>
          <execution><phase>package</phase><goals><goal>buildTar</goal></goals></execution>
        </executions>
        <configuration>
          <from><image>{jre_ref}</image></from>
          <to><image>{registry}/bench/{app}-jib</image></to>
          <allowInsecureRegistries>true</allowInsecureRegistries>
          <container><ports><port>{port}</port></ports>{jib_environment(app)}</container>
        </configuration>
      </plugin>"""
    # the IT poms mark the plugin; the example's pom does not
    marked = re.compile(r"<!-- MULTISTAGE-PLUGIN -->.*?<!-- /MULTISTAGE-PLUGIN -->", re.S)
    plain = re.compile(r"<plugin>\s*<groupId>dev\.multistage</groupId>.*?</plugin>", re.S)
    pattern = marked if marked.search(text) else plain
    if not pattern.search(text):
        sys.exit(f"no multistage plugin block in {src}")
    text = pattern.sub(lambda m: block, text, count=1)
    if artifact_id:
        text = re.sub(r"(</groupId>\s*<artifactId>)[^<]+(</artifactId>)", rf"\g<1>{artifact_id}\g<2>", text, count=1)
    # an unreplaced @placeholder@ (the IT poms have them) would fail the build later, less clearly
    leftovers = re.findall(r"@[\w.]+@", text)
    if leftovers:
        sys.exit(f"unreplaced placeholders in {dst}: {leftovers}")
    open(dst, "w").write(text)


def change(path, token, n):
    text = open(path).read()
    pattern = re.compile(re.escape(token) + r"( \(edit \d+\))?")
    if not pattern.search(text):
        sys.exit(f"token {token!r} not in {path}")
    open(path, "w").write(pattern.sub(f"{token} (edit {n})", text, count=1))


# --- figures from logs, tars and the registry ------------------------------------------------------------------------

LINE = re.compile(r"^(\d\d):(\d\d):(\d\d)\.(\d\d\d) \[(\w+)\] ?(.*)$")
GOAL_START = re.compile(r"^--- (multistage:[^ ]+:image|jib:[^ ]+:(buildTar|build)) ")
GOAL_END = re.compile(r"^(--- |-{8,}|BUILD )")
SELF = re.compile(r"multistage: image goal took ([0-9.]+) s")


def goal(log):
    start = end = None
    self_time = -1.0
    previous = None
    for raw in open(log, errors="replace"):
        m = LINE.match(raw.rstrip("\n"))
        if not m:
            continue
        h, mi, s, ms, _level, msg = m.groups()
        t = int(h) * 3600 + int(mi) * 60 + int(s) + int(ms) / 1000
        if previous is not None and t < previous - 43200:  # past midnight
            t += 86400
        previous = t
        if start is None:
            if GOAL_START.match(msg):
                start = t
            continue
        own = SELF.search(msg)
        if own:
            self_time = float(own.group(1))
        if end is None and GOAL_END.match(msg):
            end = t
            break
    if start is None or end is None:
        sys.exit(f"no image goal found in {log}")
    print(f"{end - start:.3f} {self_time:.3f}")


def unpacked(fileobj):
    total = 0
    with gzip.GzipFile(fileobj=fileobj) as g:
        while True:
            chunk = g.read(1 << 20)
            if not chunk:
                return total
            total += len(chunk)


def sizes(path):
    with tarfile.open(path) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))[0]
        config = tar.getmember(manifest["Config"]).size
        compressed = uncompressed = config
        for layer in manifest["Layers"]:
            member = tar.getmember(layer)
            compressed += member.size
            f = tar.extractfile(member)
            magic = f.read(2)
            f.seek(0)
            uncompressed += unpacked(f) if magic == b"\x1f\x8b" else member.size
    print(compressed, uncompressed)


def oci_sizes(layout):
    """config + layers of an OCI layout's first manifest, as stored and unpacked."""
    def blob(digest):
        return os.path.join(layout, "blobs", *digest.split(":", 1))
    index = json.load(open(os.path.join(layout, "index.json")))
    manifest = json.load(open(blob(index["manifests"][0]["digest"])))
    compressed = uncompressed = manifest["config"]["size"]
    for layer in manifest["layers"]:
        compressed += layer["size"]
        with open(blob(layer["digest"]), "rb") as f:
            uncompressed += unpacked(f) if layer["mediaType"].endswith("gzip") else layer["size"]
    print(compressed, uncompressed)


def check(results, apps, reactor, with_start):
    """Every figure the run should have made is there: names what is missing, exit 1."""
    rows = load(results)
    have = {(a, t, m) for _r, a, t, m, _v in rows}
    missing = []
    metrics = [m for m, _l, _n in TIMES if m != "start"] + (["start"] if with_start == "true" else [])
    for app in apps.split(","):
        for tool in ("ours", "jib"):
            for metric in metrics:
                if metric.endswith("_self") and tool == "jib":
                    continue
                if (app, tool, metric) not in have:
                    missing.append(f"{app} {tool} {metric}")
            blobs = values(rows, app, tool, "push_blobs")
            if not blobs or blobs[0] < 1:
                missing.append(f"{app} {tool} push (no blob uploaded after a one-class change)")
        for variant in ("ours", "ours-jre", "jib", "single-stage"):
            if (app, variant, "size_compressed") not in have:
                missing.append(f"{app} {variant} size")
    for n in [x for x in reactor.split(",") if x]:
        for tool in ("ours", "jib"):
            if ("reactor", tool, f"n={n}") not in have:
                missing.append(f"reactor of {n} {tool}")
    if missing:
        print("missing figures: " + "; ".join(missing))
        sys.exit(1)


def gunzip_size(path):
    with open(path, "rb") as f:
        print(unpacked(f))


REQUEST = re.compile(r'"(GET|HEAD|POST|PUT|PATCH|DELETE) (\S+) HTTP/[\d.]+" (\d{3}) ')


def push(log, from_line, storage):
    blobs = size = mounts = manifests = 0
    with open(log, errors="replace") as f:
        for i, line in enumerate(f):
            if i < from_line:
                continue
            m = REQUEST.search(line)
            if not m:
                continue
            method, uri, status = m.groups()
            if status != "201":
                continue
            if method == "PUT" and "/blobs/uploads/" in uri:
                digest = re.search(r"[?&]digest=([^&]+)", uri)
                if not digest:
                    continue
                algorithm, hexa = unquote(digest.group(1)).split(":", 1)
                data = os.path.join(storage, "docker/registry/v2/blobs", algorithm, hexa[:2], hexa, "data")
                blobs += 1
                size += os.path.getsize(data)
            elif method == "POST" and "mount=" in uri:
                mounts += 1
            elif method == "PUT" and "/manifests/" in uri:
                manifests += 1
    print(blobs, size, mounts, manifests)


# --- the report -------------------------------------------------------------------------------------------------------

APPS = {
    "hello": "`examples/hello-web`: the bundled example, a jdk.httpserver service, no dependencies",
    "jetty": "`src/it/jetty-servlet`: embedded Jetty 12 servlets, Jackson, SLF4J (about 20 jars)",
    "petclinic": "`src/it/spring-boot-petclinic`: Spring Boot 4, web, actuator, JPA on H2, Thymeleaf (about 100 jars)",
}

# metric, its row in the table, its name in "Where we lose"
TIMES = [
    ("cold_total", "cold build: `mvn clean package`, empty tool caches", "cold `mvn clean package`"),
    ("cold_goal", "… of which the image goal", "the image goal in a cold build"),
    ("nochange_pkg_total", "`mvn package`, nothing changed", "`mvn package` with nothing changed"),
    ("nochange_pkg_goal", "… of which the image goal", "the image goal in `mvn package` with nothing changed"),
    ("nochange_goal_total", "goal alone, nothing changed", "the goal alone (whole command) with nothing changed"),
    ("nochange_goal_goal", "… the goal's own time (target: under 0.5 s)", "the goal's own time with nothing changed"),
    ("nochange_goal_self", None, None),
    ("change_pkg_total", "`mvn package` after a one-class change", "`mvn package` after a one-class change"),
    ("change_pkg_goal", "… of which the image goal", "the image goal in `mvn package` after a one-class change"),
    ("change_goal_total", "goal alone after a one-class change",
     "the goal alone (whole command) after a one-class change"),
    ("change_goal_goal", "… the goal's own time", "the goal's own time after a one-class change"),
    ("change_goal_self", "… our own log line `image goal took` (Maven's plugin loading left out)", None),
    ("start", "container start to first healthy answer under runc", "container start to healthy"),
]


def load(path):
    rows = []
    for line in open(path):
        parts = line.rstrip("\n").split("\t")
        if len(parts) == 5:
            rows.append(parts)
    return rows


def values(rows, app, tool, metric):
    return [float(v) for _run, a, t, m, v in rows if a == app and t == tool and m == metric]


def seconds(x):
    return f"{x:.2f} s" if x < 10 else f"{x:.1f} s"


def spread(vals, fmt):
    med = statistics.median(vals)
    if len(vals) == 1:
        return fmt(med)
    return f"{fmt(med)} ({fmt(min(vals))}–{fmt(max(vals))})"


def nbytes(b):
    b = float(b)
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if b >= scale:
            return f"{b / scale:.1f} {unit}"
    return f"{b:.0f} B"


def ratio_words(r, kind):
    if kind == "size":
        word = "smaller" if r < 0.98 else "larger" if r > 1.02 else "the same"
    else:
        word = "faster" if r < 0.95 else "slower" if r > 1.05 else "even"
    return f"{r:.2f}× ({word})"


def report(results, meta_path, out, doc=None):
    rows = load(results)
    meta = json.load(open(meta_path))
    lines = [MARK_BEGIN, "## Side by side with Jib", ""]
    lines += [
        f"Written by `{meta['command']}` on {meta['date']}: {meta['machine']}; this plugin {meta['version']} "
        f"(commit {meta['commit']}), jib-maven-plugin 3.5.2, {meta['maven']}, {meta['java']}. "
        f"Load average {meta['load_start']} at the start, {meta['load_end']} at the end "
        f"({meta['load_note']}). Whole run: {meta['elapsed']}.",
        "",
        f"Each time is the median of {meta['runs']} run{'s' if int(meta['runs']) > 1 else ''}"
        + (" (fastest–slowest in brackets)" if int(meta["runs"]) > 1 else "")
        + "; the two tools ran interleaved, each run alternating which went first. The ratio is this plugin's "
        "median over Jib's: above 1 we are slower (or larger), below 1 faster (or smaller).",
        "",
        "Both tools build the same app copy against the same stand-in bases "
        "([stand-in-bases.md](stand-in-bases.md)), served by digest from a loopback `docker-registry`: this plugin "
        "links a runtime onto `glibc` (no Java in the base), Jib puts the app on `jre-distroless` (a full JRE, as a "
        "Temurin JRE image), its only choice without a Dockerfile. Maven runs with the same flags for both "
        "(`-B -nsu`, its local repository warm); only the image plugin differs in the app's pom, each bound to "
        "`package` (ours `image`, Jib's `buildTar`).",
        "",
    ]
    verdicts = []
    apps = [a for a in meta["apps"]]
    for app in apps:
        lines += [f"### {app}: {APPS.get(app, app)}", ""]
        lines += ["| figure | this plugin | Jib | ours / Jib |", "|---|---:|---:|---:|"]
        for metric, label, _name in TIMES:
            ours, jib = values(rows, app, "ours", metric), values(rows, app, "jib", metric)
            if label is None or (not ours and not jib):
                continue
            if metric.endswith("_self"):
                lines.append(f"| {label} | {spread(ours, seconds) if ours else '—'} | — | |")
                continue
            r = ratio_words(statistics.median(ours) / statistics.median(jib), "time") if ours and jib else ""
            lines.append(f"| {label} | {spread(ours, seconds) if ours else '—'} | "
                         f"{spread(jib, seconds) if jib else '—'} | {r} |")
        push_cells = {}
        for tool in ("ours", "jib"):
            b = values(rows, app, tool, "push_blobs")
            if b:
                by = values(rows, app, tool, "push_bytes")[0]
                mo = values(rows, app, tool, "push_mounts")[0]
                ma = values(rows, app, tool, "push_manifests")[0]
                push_cells[tool] = (by, f"{int(b[0])} blob{'s' if b[0] != 1 else ''}, {nbytes(by)} "
                                        f"(+{int(ma)} manifest{'s' if ma != 1 else ''}"
                                        + (f", {int(mo)} mounts" if mo else "") + ")")
        if push_cells:
            o, j = push_cells.get("ours"), push_cells.get("jib")
            if o and j and o[0] > 1.05 * j[0]:
                verdicts.append(f"{app}, push after a one-class change: {nbytes(o[0])} uploaded against {nbytes(j[0])}")
            r = ratio_words(o[0] / j[0], "size") if o and j and j[0] else ""
            lines.append(f"| push after a one-class change: blobs and bytes uploaded | {o[1] if o else '—'} | "
                         f"{j[1] if j else '—'} | {r} |")
        lines.append("")
        # sizes
        size_rows = [("ours", "this plugin, runtime jlinked onto `glibc`"),
                     ("ours-jre", "this plugin on `jre-distroless`, `jlink=false`"),
                     ("jib", "Jib on `jre-distroless`"),
                     ("single-stage", "single-stage on `jdk` (our report's baseline: FROM jdk + the app's layers)")]
        jib_c = values(rows, app, "jib", "size_compressed")
        present = [(k, label) for k, label in size_rows if values(rows, app, k, "size_compressed")]
        if present:
            lines += ["| image | compressed | uncompressed | compressed, vs Jib |", "|---|---:|---:|---:|"]
            for key, label in present:
                c = values(rows, app, key, "size_compressed")[0]
                u = values(rows, app, key, "size_uncompressed")
                lines.append(f"| {label} | {nbytes(c)} | {nbytes(u[0]) if u else 'n/a'} | "
                             f"{ratio_words(c / jib_c[0], 'size') if jib_c and key != 'jib' else ''} |")
            lines.append("")
        # the targets, stated plainly
        def med(tool, metric):
            v = values(rows, app, tool, metric)
            return statistics.median(v) if v else None
        checks = []
        o, j = med("ours", "change_goal_total"), med("jib", "change_goal_total")
        if o and j:
            checks.append((o / j <= 0.8, f"goal alone after a one-class change at most 0.8× Jib's: {o / j:.2f}×"))
        o, j = med("ours", "change_pkg_total"), med("jib", "change_pkg_total")
        if o and j:
            checks.append((o / j <= 1.0, f"`mvn package` after a one-class change at most 1.0× Jib's: {o / j:.2f}×"))
        o = med("ours", "nochange_goal_goal")
        if o is not None:
            s = med("ours", "nochange_goal_self")
            checks.append((o < 0.5, f"no-change rebuild of the goal under 0.5 s: {seconds(o)} between log timestamps"
                                     + (f" ({seconds(s)} by our own log line)" if s is not None and s >= 0 else "")))
        o, j = values(rows, app, "ours", "size_compressed"), values(rows, app, "jib", "size_compressed")
        if o and j and o[0] >= j[0]:
            verdicts.append(f"{app}, image size: the jlinked image is {nbytes(o[0])}, Jib's {nbytes(j[0])}")
        if o and j:
            checks.append((o[0] < j[0], f"jlinked image smaller than Jib's: {nbytes(o[0])} against {nbytes(j[0])}"))
        if checks:
            lines.append("Against the targets of issue 11: " + "; ".join(
                ("met: " if ok else "**not met**: ") + text for ok, text in checks) + ".")
            lines.append("")
        for metric, _label, name in TIMES:
            o, j = med("ours", metric), med("jib", metric)
            if name and o and j and o / j > 1.05:
                verdicts.append(f"{app}, {name}: {seconds(o)} against {seconds(j)}, {o / j:.2f}× Jib's time")
    # reactor
    sizes = sorted({int(m.split("=")[1]) for _r, a, _t, m, _v in rows if a == "reactor"})
    if sizes:
        lines += ["### A reactor of image modules, `mvn -T 2 clean package`", "",
                  "N copies of the bundled example, each its own image module, built in one reactor with two "
                  "threads; the tools' caches warm (filled by a build before the runs), `target/` cleaned.", "",
                  "| modules | this plugin | Jib | ours / Jib |", "|---:|---:|---:|---:|"]
        for n in sizes:
            o, j = values(rows, "reactor", "ours", f"n={n}"), values(rows, "reactor", "jib", f"n={n}")
            r = ratio_words(statistics.median(o) / statistics.median(j), "time") if o and j else ""
            lines.append(f"| {n} | {spread(o, seconds) if o else '—'} | {spread(j, seconds) if j else '—'} | {r} |")
            if o and j and statistics.median(o) / statistics.median(j) > 1.05:
                verdicts.append(f"reactor of {n}: {seconds(statistics.median(o))} against "
                                f"{seconds(statistics.median(j))}, "
                                f"{statistics.median(o) / statistics.median(j):.2f}× Jib's time")
        if len(sizes) > 1:
            lo, hi = sizes[0], sizes[-1]
            growth = []
            for tool in ("ours", "jib"):
                a, b = values(rows, "reactor", tool, f"n={lo}"), values(rows, "reactor", tool, f"n={hi}")
                if a and b:
                    growth.append(f"{'this plugin' if tool == 'ours' else 'Jib'} "
                                  f"{(statistics.median(b) - statistics.median(a)) / (hi - lo):.1f} s")
            lines += ["", f"Each module past the first ({lo} → {hi} modules, medians): " + ", ".join(growth) + "."]
        lines.append("")
    lines += ["### Where we lose", ""]
    lines += [f"- {v}" for v in verdicts] if verdicts else ["- nowhere in this run (no time above 1.05× Jib's)"]
    lines += ["", "How each figure is taken, and how to rerun: see [Side by side with Jib: the harness]"
                  "(#side-by-side-with-jib-the-harness). Every run's raw figures: `" + meta["results"] + "`.",
              MARK_END]
    section = "\n".join(lines)
    open(out, "w").write(section + "\n")
    if doc:
        text = open(doc).read() if os.path.exists(doc) else "# Benchmarks\n"
        pattern = re.compile(re.escape(MARK_BEGIN) + r".*?" + re.escape(MARK_END), re.S)
        if pattern.search(text):
            text = pattern.sub(lambda m: section, text)
        else:
            text = text.rstrip("\n") + "\n\n" + section + "\n"
        open(doc + ".tmp", "w").write(text)
        os.replace(doc + ".tmp", doc)


def junit(xml, status, secs, reason, details=None):
    from xml.sax.saxutils import escape, quoteattr
    body = ""
    if status != "0":
        text = open(details, errors="replace").read()[-20000:] if details and os.path.exists(details) else ""
        body = f"<failure message={quoteattr(reason)}>{escape(text)}</failure>"
    os.makedirs(os.path.dirname(xml), exist_ok=True)
    with open(xml, "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        f.write(f'<testsuite name="bench.jib-benchmark" tests="1" failures="{0 if status == "0" else 1}" '
                f'errors="0" skipped="0" time="{secs}">\n')
        f.write(f'  <testcase classname="bench.jib-benchmark" name="smoke" time="{secs}">{body}</testcase>\n')
        f.write("</testsuite>\n")


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "pom":
        pom(*args)
    elif cmd == "change":
        change(args[0], args[1], int(args[2]))
    elif cmd == "goal":
        goal(args[0])
    elif cmd == "sizes":
        sizes(args[0])
    elif cmd == "oci-sizes":
        oci_sizes(args[0])
    elif cmd == "check":
        check(*args)
    elif cmd == "gunzip-size":
        gunzip_size(args[0])
    elif cmd == "push":
        push(args[0], int(args[1]), args[2])
    elif cmd == "report":
        report(*args)
    elif cmd == "junit":
        junit(*args)
    else:
        sys.exit(f"unknown subcommand {cmd}")
