// Every way of giving a registry credential, each in a whole `mvn -X` build that pulls the base from one registry with
// a login and pushes to another: no secret, nor its base64 (alone, or in the user:secret of basic auth, at any
// alignment), reaches the complete console output, any file under target/ (jars, tars and gzip layers opened) or
// the image. The one exception is MULTISTAGE_REGISTRY_PASSWORD: with -X, another plugin prints the environment, so
// that secret is allowed in the console only inside other plugins' output, never this plugin's (see docs/ci.md).
import groovy.json.JsonSlurper
import groovy.json.JsonOutput
import java.util.zip.GZIPInputStream
import java.util.zip.ZipInputStream
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream

// binding variables (no def), so the methods below see them too
support = evaluate(new File(projectDir, 'src/it/support.groovy'))
s = new JsonSlurper().parse(new File(basedir, 'secrets.json'))
bases = s.basesRegistry as String
target = s.targetRegistry as String

/** The secret as it could appear: plain, base64 (alone or as user:secret) at each of the three byte alignments. */
List<String> forms(String user, String secret) {
  List<String> found = [secret]
  [secret, "${user}:${secret}".toString()].each { plain ->
    (0..2).each { shift ->
      String b64 = (('x' * shift) + plain).bytes.encodeBase64().toString()
      String core = b64.substring(shift == 0 ? 0 : 4, b64.length() - 4) // the characters only plain's bytes decide
      found << core << core.replace('+', '-').replace('/', '_')
    }
  }
  return found.unique()
}

/** Where in bytes (a file, or an entry inside it) any form occurs: opens gzip, tar and zip (jar) content. */
List<String> scan(byte[] bytes, String name, List<String> needles) {
  List<String> hits = []
  String text = new String(bytes, 'ISO-8859-1')
  needles.each { if (text.contains(it)) hits << "${name} holds ${it}".toString() }
  if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
    hits += scan(new GZIPInputStream(new ByteArrayInputStream(bytes)).bytes, "${name}!gunzip", needles)
  } else if (bytes.length > 262 && new String(bytes, 257, 5, 'ISO-8859-1') == 'ustar') {
    def tar = new TarArchiveInputStream(new ByteArrayInputStream(bytes))
    for (def e = tar.nextEntry; e != null; e = tar.nextEntry) {
      if (!e.directory) hits += scan(tar.readAllBytes(), "${name}!${e.name}", needles)
    }
  } else if (bytes.length > 4 && bytes[0] == 0x50 && bytes[1] == 0x4b && bytes[2] == 3 && bytes[3] == 4) {
    def zip = new ZipInputStream(new ByteArrayInputStream(bytes))
    for (def e = zip.nextEntry; e != null; e = zip.nextEntry) {
      if (!e.directory) hits += scan(zip.readAllBytes(), "${name}!${e.name}", needles)
    }
  }
  return hits
}

List<String> scanTarget(List<String> needles) {
  List<String> hits = []
  new File(basedir, 'target').eachFileRecurse(groovy.io.FileType.FILES) { f ->
    hits += scan(f.bytes, f.path.substring(basedir.path.length() + 1), needles)
  }
  return hits
}

/** Console lines holding a needle, by the mojo whose output they are in ("maven" outside any mojo). */
Map<String, List<String>> consoleHits(File log, List<String> needles) {
  Map<String, List<String>> hits = [:]
  String section = 'maven'
  log.eachLine { line ->
    def header = line =~ /^\[INFO\] --- (\S+) /
    if (header.find()) {
      section = header.group(1)
    } else if (line ==~ /^\[INFO\] -{20,}$/ || line.startsWith('[INFO] BUILD ')) {
      section = 'maven'
    }
    if (needles.any { line.contains(it) }) {
      hits.computeIfAbsent(section) { [] } << line
    }
  }
  return hits
}

/**
 * One route's build: each registry got the credential from the expected source, the image landed in the target
 * registry (read back as pushLogin, user:secret), and no secret of logins ([user, secret] pairs) is anywhere;
 * envSecret (the environment route's) may be in other plugins' console output only. Returns the mojos whose output
 * held envSecret.
 */
Set<String> check(String route, File log, Map<String, String> sources, List<List<String>> logins, String pushLogin,
    String envSecret = null) {
  String console = log.text
  assert console.contains('[DEBUG]') : "${route}: not a -X build"
  sources.each { registry, source ->
    assert console.contains("Credentials for ${registry} come from ${source}") :
        "${route}: ${registry}'s credentials did not come from ${source}:\n" + console.readLines().findAll { it.contains('Credentials for') }.join('\n')
  }
  String digest = new File(basedir, 'target/multistage/image-digest').text.trim()
  assert support.digestOf(target, 'team/vault:1.0.0', pushLogin) == digest : "${route}: the pushed image is not the built one"

  List<String> needles = logins.collect { user, secret -> forms(user, secret) }.flatten()
  List<String> fileHits = scanTarget(needles)
  assert fileHits.isEmpty() : "${route}: a secret is in target/: ${fileHits}"
  List<String> strict = logins.findAll { user, secret -> secret != envSecret }.collect { user, secret -> forms(user, secret) }.flatten()
  Map<String, List<String>> strictHits = consoleHits(log, strict)
  assert strictHits.isEmpty() : "${route}: a secret is in the console output: ${strictHits}"
  if (envSecret == null) {
    return [] as Set
  }
  Map<String, List<String>> envHits = consoleHits(log, forms('env-user', envSecret))
  assert envHits.keySet().every { !it.startsWith('multistage:') } : "${route}: this plugin printed the secret: ${envHits}"
  println "${route}: MULTISTAGE_REGISTRY_PASSWORD printed by: ${envHits.keySet() ?: 'nobody'}"
  return envHits.keySet()
}

try {
  String baseSource = "the explicit credentials for ${bases} (settings.xml server)"
  Map<String, String> noRoute = [MULTISTAGE_REGISTRY_USERNAME: null, MULTISTAGE_REGISTRY_PASSWORD: null,
      MULTISTAGE_REGISTRY_USERNAME_FILE: null, MULTISTAGE_REGISTRY_PASSWORD_FILE: null]

  // 1. the invoker's build: config.json auth for the bases, *_FILE for the target
  check('config.json auth + *_FILE', new File(basedir, 'build.log'),
      [(bases): "Docker's config docker-config/config.json", (target): 'the files named by MULTISTAGE_REGISTRY_USERNAME_FILE/MULTISTAGE_REGISTRY_PASSWORD_FILE'],
      [['config-user', s.bases['config-user']], ['file-user', s.target['file-user']]],
      "file-user:${s.target['file-user']}")

  // 2. a settings.xml <server> for the bases, MULTISTAGE_REGISTRY_USERNAME/PASSWORD for the target
  new File(basedir, 'no-docker-config').mkdirs()
  File settings = support.itSettings(new File(basedir, 'route-settings.xml'), "<servers><server><id>${bases}</id>"
      + "<username>settings-user</username><password>${s.bases['settings-user']}</password></server></servers>")
  File log2 = new File(basedir, 'route-settings-env.log')
  assert support.mvn(['-X', 'clean', 'package'], noRoute + [DOCKER_CONFIG: new File(basedir, 'no-docker-config').path,
      MULTISTAGE_REGISTRY_USERNAME: 'env-user', MULTISTAGE_REGISTRY_PASSWORD: s.target['env-user']], log2, settings) == 0 :
      "the settings.xml + environment build failed; see ${log2}"
  Set<String> printedBy = check('settings.xml server + MULTISTAGE_REGISTRY_PASSWORD', log2,
      [(bases): baseSource, (target): 'the environment variables MULTISTAGE_REGISTRY_USERNAME/MULTISTAGE_REGISTRY_PASSWORD'],
      [['settings-user', s.bases['settings-user']], ['env-user', s.target['env-user']]],
      "env-user:${s.target['env-user']}", s.target['env-user'])
  new File(basedir, 'environment-route-printed-by.txt').text = printedBy.join('\n') + '\n'

  // 3. a Docker credential helper for both registries (credHelpers in $DOCKER_CONFIG/config.json)
  File bin = new File(basedir, 'bin')
  bin.mkdirs()
  File helper = new File(bin, 'docker-credential-ittest')
  helper.text = '''#!/bin/sh
# a Docker credential helper: "get" reads a server URL on stdin and prints its credential as JSON
[ "$1" = get ] || exit 1
read -r server
server=${server#https://}; server=${server#http://}; server=${server%%/*}
cat "$(dirname "$0")/../helper-store/$server.json" 2>/dev/null || { echo "credentials not found in native keychain"; exit 1; }
'''
  helper.setExecutable(true)
  File store = new File(basedir, 'helper-store')
  store.mkdirs()
  new File(store, "${bases}.json").text = JsonOutput.toJson([ServerURL: bases, Username: 'helper-user', Secret: s.bases['helper-user']])
  new File(store, "${target}.json").text = JsonOutput.toJson([ServerURL: target, Username: 'helper-user', Secret: s.target['helper-user']])
  File helperConfig = new File(basedir, 'helper-config')
  helperConfig.mkdirs()
  new File(helperConfig, 'config.json').text = JsonOutput.toJson([credHelpers: [(bases): 'ittest', (target): 'ittest']])
  File log3 = new File(basedir, 'route-helper.log')
  assert support.mvn(['-X', 'clean', 'package'], noRoute + [DOCKER_CONFIG: helperConfig.path,
      PATH: "${bin.path}:${System.getenv('PATH')}".toString()], log3) == 0 : "the credential helper build failed; see ${log3}"
  check('credential helper', log3,
      [(bases): "Docker's config ${helperConfig.path}/config.json", (target): "Docker's config ${helperConfig.path}/config.json"],
      [['helper-user', s.bases['helper-user']], ['helper-user', s.target['helper-user']]],
      "helper-user:${s.target['helper-user']}")
} finally {
  support.stopRegistry('registry-bases')
  support.stopRegistry('registry-target')
}
return true
