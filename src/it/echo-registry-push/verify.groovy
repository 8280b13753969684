// Pulled from the loopback registry by digest, pushed back under both tags, the wget healthcheck, and a real run.
def it = evaluate(new File(projectDir, 'src/it/support.groovy'))
try {
  String registry = new File(basedir, 'registry.address').text
  String baseDigest = new File(basedir, 'base.digest').text
  File out = new File(basedir, 'target/multistage')
  File tar = new File(out, 'image.tar')
  String digest = new File(out, 'image-digest').text

  ['0.9.1', 'latest'].each { tag ->
    String pushed = it.sh(['skopeo', 'inspect', '--tls-verify=false', '--format', '{{.Digest}}',
        "docker://${registry}/team/echo:${tag}"]).trim()
    assert pushed == digest : "registry has ${pushed} under ${tag}, the build wrote ${digest}"
  }

  def config = it.config(tar)
  assert config.config.Healthcheck.Test == ['CMD', '/usr/bin/wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:9090/ready']
  assert config.config.Healthcheck.Interval == 5_000_000_000L
  assert config.config.Healthcheck.Retries == 2
  assert config.config.Labels['org.opencontainers.image.base.digest'] == baseDigest
  assert config.config.Labels['org.opencontainers.image.base.name'] == "${registry}/standin/jre-busybox:1@${baseDigest}".toString()

  it.assertPassesCheck()
  def report = it.report()
  assert report.layers*.name == ['base', 'user', 'classes']
  def passwd = it.sh(['sh', '-c', "tar -xOf '${tar}' '${report.layers[1].digest.substring(7)}.tar.gz' | tar -xzO etc/passwd"])
  assert passwd.readLines().first().startsWith('root:')
  assert passwd.contains('app:x:1001:1001:')

  it.runImage(tar, 9090, '/ready')
} finally {
  it.stopRegistry()
}
return true
