// Shared helpers for the invoker ITs' setup.groovy and verify.groovy: stand-in bases, a loopback registry,
// runc runs and report reading. Load with: def it = evaluate(new File(projectDir, 'src/it/support.groovy'))
import dev.multistage.check.CheckPlan
import dev.multistage.check.CheckPolicy
import dev.multistage.check.CheckSubject
import dev.multistage.check.Suppression
import dev.multistage.engine.ImageCheck
import dev.multistage.plan.Platform
import dev.multistage.plan.PullPlan
import dev.multistage.registry.RegistryOptions
import dev.multistage.testing.Requirements
import groovy.json.JsonSlurper

class ItSupport {
  File projectDir
  File standInDir
  File basedir

  String sh(List cmd, File dir = basedir) {
    def (int rc, String out) = run(cmd, dir)
    if (rc != 0) {
      throw new AssertionError("command failed (${rc}): ${cmd.join(' ')}\n${out}")
    }
    return out
  }

  /** Exit code and output (stdout and stderr) of a command. */
  List run(List cmd, File dir = basedir) {
    def p = new ProcessBuilder(cmd.collect { it.toString() }).directory(dir).redirectErrorStream(true).start()
    def out = p.inputStream.text
    return [p.waitFor(), out]
  }

  /**
   * A check this IT cannot make here, by the rule the Java tests use (Requirements.unmet): with CI=true it fails;
   * otherwise it is printed and written to skipped-checks.txt beside build.log, so the CI summary counts the IT
   * as skipped with the reason, never as passed.
   */
  void skip(String check, String reason) {
    Requirements.unmet(reason)
    println "SKIPPED ${check}: ${reason}"
    new File(basedir, 'skipped-checks.txt') << "${check}: ${reason}\n"
  }

  /** For a selector.groovy: whether every tool is on the PATH; a missing one skips the whole IT (see skip). */
  boolean have(List<String> tools) {
    def absent = tools.findAll { ['sh', '-c', "command -v ${it}"].execute().waitFor() != 0 }
    if (absent) {
      skip('IT', "needs ${absent.join(', ')} on PATH")
    }
    return absent.isEmpty()
  }

  /** Builds (once, cached by the script) a stand-in base as an OCI layout and returns its directory. */
  File standIn(String kind) {
    File dir = new File(standInDir, kind)
    sh(['bash', new File(projectDir, 'src/test/stand-in/make-base.sh').path, kind, dir.path])
    return dir
  }

  /**
   * Starts a loopback registry for this IT in basedir/<name>; it is stopped by stopRegistry(name) or when Maven
   * exits. With htpasswd (see htpasswd()), it requires HTTP basic auth.
   */
  String startRegistry(String name = 'target-registry', File htpasswd = null) {
    File dir = new File(basedir, name)
    String script = new File(projectDir, 'src/test/sh/registry.sh').path
    String address = sh(['bash', script, 'start', dir.path] + (htpasswd ? [htpasswd.path] : [])).trim().readLines().last()
    Runtime.runtime.addShutdownHook(new Thread({
      new ProcessBuilder(['bash', script, 'stop', dir.path]).start().waitFor()
    }))
    return address
  }

  void stopRegistry(String name = 'target-registry') {
    sh(['bash', new File(projectDir, 'src/test/sh/registry.sh').path, 'stop', new File(basedir, name).path])
  }

  /**
   * Starts FaultProxy (src/test/java/dev/multistage/testing) as a process in front of upstream, with its options
   * (--random, --seed, --faults, --hang-limit; see its main), logging each request and fault to basedir/<name>.log.
   * Returns its host:port; it is stopped by stopFaultProxy(name), when Maven exits, or after 15 minutes.
   */
  String startFaultProxy(String name, String upstream, Map<String, String> options) {
    File address = new File(basedir, "${name}.address")
    address.delete()
    List cmd = [new File(System.getProperty('java.home'), 'bin/java').path, '-cp',
        new File(projectDir, 'target/test-classes').path, 'dev.multistage.testing.FaultProxy', '--upstream', upstream,
        '--address-file', address.path, '--log', new File(basedir, "${name}.log").path, '--lifetime', '900'] +
        options.collectMany { k, v -> ["--${k}", v] }
    Process proxy = new ProcessBuilder(cmd.collect { it.toString() }).redirectErrorStream(true)
        .redirectOutput(new File(basedir, "${name}.out")).start()
    new File(basedir, "${name}.pid").text = proxy.pid().toString()
    Runtime.runtime.addShutdownHook(new Thread({ proxy.destroyForcibly() }))
    for (int i = 0; i < 300 && !address.exists(); i++) {
      assert proxy.alive : "FaultProxy exited: ${new File(basedir, "${name}.out").text}"
      Thread.sleep(50)
    }
    assert address.exists() : 'FaultProxy did not start within 15 s'
    return address.text.trim()
  }

  void stopFaultProxy(String name) {
    File pid = new File(basedir, "${name}.pid")
    if (pid.exists()) {
      ProcessHandle.of(pid.text.trim() as long).ifPresent { it.destroy() }
    }
  }

  /** The faults a FaultProxy injected, by kind, read from its log. */
  Map<String, Integer> faultsInjected(String name) {
    def counts = [:].withDefault { 0 }
    new File(basedir, "${name}.log").eachLine { line ->
      def m = line =~ /^fault-proxy: ([A-Z_0-9]+) for /
      if (m.find()) counts[m.group(1)] += 1
    }
    return counts
  }

  /**
   * Reads registry/repository:tag straight from the registry (no proxy) and checks it is whole: the manifest's bytes
   * hash to the digest it is served under, and the config and every layer it names are served with the bytes of
   * their digests. Returns the manifest digest.
   */
  String assertComplete(String registry, String repository, String tag) {
    def http = java.net.http.HttpClient.newHttpClient()
    def get = { String path, String accept ->
      def response = http.send(java.net.http.HttpRequest.newBuilder(URI.create("http://${registry}${path}"))
          .header('Accept', accept).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray())
      assert response.statusCode() == 200 : "GET ${path}: HTTP ${response.statusCode()}"
      return response
    }
    def sha256 = { byte[] bytes -> 'sha256:' + java.security.MessageDigest.getInstance('SHA-256').digest(bytes).encodeHex() }
    def response = get("/v2/${repository}/manifests/${tag}",
        'application/vnd.docker.distribution.manifest.v2+json,application/vnd.oci.image.manifest.v1+json')
    String digest = sha256(response.body())
    assert response.headers().firstValue('Docker-Content-Digest').orElse(digest) == digest
    def manifest = new JsonSlurper().parse(response.body())
    ([manifest.config] + manifest.layers).each { blob ->
      assert sha256(get("/v2/${repository}/blobs/${blob.digest}", '*/*').body()) == blob.digest :
          "${repository}:${tag} names blob ${blob.digest}, which the registry does not serve whole"
    }
    return digest
  }

  /** An htpasswd file (bcrypt) with these users and passwords, for startRegistry. */
  File htpasswd(Map<String, String> users, File file) {
    file.text = users.collect { user, password -> sh(['htpasswd', '-Bbn', user, password]).trim() }.join('\n') + '\n'
    return file
  }

  /** Copies a stand-in base into the registry (as user:password when given) and returns its manifest digest. */
  String push(File ociLayout, String registry, String repoTag, String creds = null) {
    List auth = creds ? ['--dest-creds', creds] : []
    sh(['skopeo', 'copy', '--quiet', '--dest-tls-verify=false'] + auth + ["oci:${ociLayout.path}:latest", "docker://${registry}/${repoTag}"])
    return digestOf(registry, repoTag, creds)
  }

  /** The manifest digest registry/repoTag serves. */
  String digestOf(String registry, String repoTag, String creds = null) {
    List auth = creds ? ['--creds', creds] : []
    return sh(['skopeo', 'inspect', '--tls-verify=false', '--format', '{{.Digest}}'] + auth + ["docker://${registry}/${repoTag}"]).trim()
  }

  /**
   * Runs Maven (this build's own) on the cloned IT project as the invoker does — its local repository, the ITs'
   * settings (or settingsXml, a complete settings file) — with the environment changes env (a null value removes
   * the variable). All its output goes to log. Returns the exit code.
   */
  int mvn(List args, Map<String, String> env, File log, File settingsXml = null) {
    File settings = settingsXml ?: itSettings(new File(basedir, 'it-settings.xml'), '')
    List cmd = [new File(System.getProperty('maven.home'), 'bin/mvn').path, '-B', '-s', settings.path,
        "-Dmaven.repo.local=${new File(projectDir, 'target/local-repo').path}"] + args
    def pb = new ProcessBuilder(cmd.collect { it.toString() }).directory(basedir).redirectErrorStream(true)
        .redirectOutput(log)
    env.each { k, v -> v == null ? pb.environment().remove(k) : pb.environment().put(k, v.toString()) }
    pb.environment().put('MAVEN_OPTS', "-Dmultistage.cacheDirectory=${new File(projectDir, 'target/it-cache').path}"
        .toString())
    return pb.start().waitFor()
  }

  /** The ITs' settings (src/it/settings.xml, as the invoker fills it in) with extra XML inside <settings>. */
  File itSettings(File file, String extra) {
    String repo = new File(System.getProperty('maven.repo.local') ?: "${System.getProperty('user.home')}/.m2/repository")
        .toURI().toString()
    file.text = new File(projectDir, 'src/it/settings.xml').text.replace('@localRepositoryUrl@', repo)
        .replace('</settings>', extra + '\n</settings>')
    return file
  }

  /** Replaces @token@ placeholders in the cloned IT's pom. */
  void filterPom(Map<String, String> tokens, String path = 'pom.xml') {
    File pom = new File(basedir, path)
    String text = pom.text
    tokens.each { k, v -> text = text.replace("@${k}@", v) }
    pom.text = text
  }

  boolean canRunContainers() {
    boolean root = 'id -u'.execute().text.trim() == '0'
    boolean runc = ['sh', '-c', 'command -v runc'].execute().waitFor() == 0
    if (root && runc) {
      return true
    }
    skip('run check', "running images needs root and runc (root=${root}, runc=${runc})")
    return false
  }

  /**
   * Runs the built image under runc: the app answers on port/path, runs as uid, and its HEALTHCHECK exits 0.
   * extraArgs go to run-image.sh ('--print-body' adds the answer's lines, each after "body: ").
   */
  String runImage(File tar, int port, String path, int uid = 1001, List extraArgs = []) {
    if (!canRunContainers()) {
      return 'skipped'
    }
    List cmd = ['bash', new File(projectDir, 'src/test/sh/run-image.sh').path, tar.path, '--port', "${port}",
        '--path', path, '--expect-uid', "${uid}"] + extraArgs
    def (int rc, String out) = run(cmd)
    println out
    if (rc == 77) { // the scripts' "skipped": a requirement is missing
      skip('run check', out.readLines().findAll { it.trim() }.with { it ? it.last() : 'run-image.sh exited 77' })
      return 'skipped'
    }
    if (rc != 0) {
      throw new AssertionError("command failed (${rc}): ${cmd.join(' ')}\n${out}")
    }
    assert out.contains('RUN-IMAGE OK')
    return out
  }

  /**
   * Runs the image as runImage does and, while it runs, GETs each of paths (each must answer 2xx). Returns the
   * bodies (UTF-8) by path, the health path's included, or null when containers cannot run here. The container's
   * output is kept in target/run-image/container.log.
   */
  Map<String, String> runAndGet(File tar, int port, String path, List<String> paths, int uid = 1001) {
    if (!canRunContainers()) {
      return null
    }
    File dir = new File(basedir, 'target/run-image')
    dir.deleteDir()
    List cmd = ['bash', new File(projectDir, 'src/test/sh/run-image.sh').path, tar.path, '--port', "${port}",
        '--path', path, '--expect-uid', "${uid}", '--save-dir', dir.path]
    paths.each { cmd += ['--get', it] }
    def (int rc, String out) = run(cmd)
    println out
    if (rc == 77) { // the scripts' "skipped": a requirement is missing
      skip('run check', out.readLines().findAll { it.trim() }.with { it ? it.last() : 'run-image.sh exited 77' })
      return null
    }
    if (rc != 0) {
      throw new AssertionError("command failed (${rc}): ${cmd.join(' ')}\n${out}")
    }
    assert out.contains('RUN-IMAGE OK')
    Map<String, String> bodies = [(path): new File(dir, '0.body').getText('UTF-8')]
    paths.eachWithIndex { p, i -> bodies[p] = new File(dir, "${i + 1}.body").getText('UTF-8') }
    return bodies
  }

  /**
   * The image the IT built passes every rule of the check goal, whatever a finding's severity: the goal's engine run
   * on the module's target/multistage, its results written to target/check-it so the IT's own outputs stay as built.
   * {@code suppressions} (rule id -> reason) are the findings the IT's configuration makes on purpose.
   */
  void assertPassesCheck(String module = '.', Map<String, String> suppressions = [:]) {
    File out = new File(basedir, "${module}/target/multistage")
    File results = new File(basedir, "${module}/target/check-it")
    def plan = new CheckPlan(new CheckSubject.Built(out.toPath(), module), [Platform.LINUX_AMD64],
        CheckPolicy.parse('low', [], suppressions.collect { rule, reason -> new Suppression(rule, reason) }),
        new CheckPlan.Directories(results.toPath(),
        results.toPath().resolve('work'), results.toPath().resolve('cache')), PullPlan.direct(),
        new CheckPlan.Tool('it', 'pom.xml'))
    def report = new ImageCheck(plan, RegistryOptions.defaults(), { println it }).run()
    assert report.rows().every { it.suppressed().isPresent() } : report.consoleLines().join('\n')
    assert report.rows()*.rule()*.id().toSet() == suppressions.keySet() : "not found: ${suppressions.keySet()}"
  }

  /**
   * The checks every real-application IT shares: image.tar was written, the runtime is jlinked with a reason for each
   * module and holds {@code required}, no development or test jar is in any layer, and it passes the check goal's
   * rules. Returns the image, its report,
   * the linked modules and the files of each layer.
   */
  Map jlinkedApp(List<String> required) {
    File tar = new File(basedir, 'target/multistage/image.tar')
    assert tar.isFile()
    def report = report()
    def modules = assertJlinked(report)
    def linked = linkedModules(tar, report)
    println "runtime modules (report, with reasons): ${modules}\nlinked: ${linked}"
    assert linked.containsAll(modules.keySet())
    required.each { assert linked.contains(it) : "${it} missing from the runtime: ${linked}" }
    def files = allLayerFiles(tar, report)
    assert devOrTestJars(files).isEmpty() : "development or test jars in the image: ${devOrTestJars(files)}"
    assertPassesCheck()
    return [tar: tar, report: report, modules: modules, linked: linked, files: files]
  }

  /** Every path in every layer of a docker-archive image.tar, by layer name as the report lists them. */
  Map<String, List<String>> allLayerFiles(File tar, Map report) {
    report.layers.collectEntries { [(it.name): layerFiles(tar, it.digest)] }
  }

  /**
   * The image's runtime was jlinked (not the base's JRE): a runtime layer, modules in the report each with at least
   * one reason, java.base among them and no JDK development tool. Returns module name -> reasons.
   */
  Map<String, List<String>> assertJlinked(Map report) {
    assert report.runtime != null : 'report.json has no runtime: the image was not jlinked'
    assert report.layers*.name.contains('runtime')
    assert report.runtime.linkedBy.startsWith('build JDK 17')
    Map<String, List<String>> modules = report.runtime.modules.collectEntries { [(it.name): it.reasons] }
    assert modules.containsKey('java.base')
    modules.each { name, reasons -> assert reasons && reasons.every { it } : "module ${name} has no reason in the report" }
    def devTools = modules.keySet().findAll { it in ['jdk.compiler', 'jdk.jshell', 'jdk.jdeps', 'jdk.jlink', 'jdk.javadoc'] }
    assert devTools.isEmpty() : "development tools linked into the runtime: ${devTools}"
    return modules
  }

  /**
   * The modules actually linked into the image's runtime (the report lists the roots; jlink adds what they require),
   * read from the runtime layer's release file.
   */
  List<String> linkedModules(File tar, Map report, String javaHome = '/opt/java/openjdk') {
    String layer = report.layers.find { it.name == 'runtime' }.digest.substring(7) + '.tar.gz'
    String release = sh(['sh', '-c', "tar -xOf '${tar}' '${layer}' | tar -xzO '${javaHome.substring(1)}/release'"])
    def line = release.readLines().find { it.startsWith('MODULES=') }
    assert line : "no MODULES line in ${javaHome}/release:\n${release}"
    return line.substring('MODULES='.length()).replace('"', '').split(' ').toList()
  }

  /** Dependency jars that must never ship (development-only and test-scoped), found in any layer. */
  List<String> devOrTestJars(Map<String, List<String>> layerFiles) {
    def pattern = ~/.*[\/.](spring-boot-devtools|spring-boot-docker-compose|spring-boot-testcontainers|spring-boot-test|spring-boot-starter-test|spring-test|junit|junit-jupiter[^\/]*|junit-platform[^\/]*|mockito[^\/]*|assertj[^\/]*|hamcrest|rest-assured|quarkus-junit5[^\/]*|micronaut-test[^\/]*|testcontainers)-[0-9][^\/]*\.jar/
    layerFiles.values().flatten().findAll { it ==~ pattern }
  }

  Map report(String module = '.') {
    new JsonSlurper().parse(new File(basedir, "${module}/target/multistage/report.json")) as Map
  }

  /** The image config JSON from a docker-archive image.tar (read raw: skopeo drops Healthcheck). */
  Map config(File tar) {
    def manifest = new JsonSlurper().parseText(sh(['tar', '-xOf', tar.path, 'manifest.json']))
    return new JsonSlurper().parseText(sh(['tar', '-xOf', tar.path, manifest[0].Config])) as Map
  }

  /** Paths inside one layer blob of a docker-archive image.tar. */
  List<String> layerFiles(File tar, String layerDigest) {
    String name = layerDigest.substring(7) + '.tar.gz'
    File tmp = File.createTempFile('layer', '.tar.gz')
    try {
      tmp.bytes = ['tar', '-xOf', tar.path, name].collect { it.toString() }.execute().inputStream.bytes
      return sh(['tar', '-tzf', tmp.path]).readLines()
    } finally {
      tmp.delete()
    }
  }
}

// invoker passes scriptVariables as strings
return new ItSupport(projectDir: new File("${projectDir}"), standInDir: new File("${standInDir}"), basedir: basedir as File)
