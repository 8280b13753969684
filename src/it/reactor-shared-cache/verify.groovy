// Three image modules built two at a time on one base: the shared cache downloaded each base blob exactly once.
import groovy.json.JsonSlurper

def it = evaluate(new File(projectDir, 'src/it/support.groovy'))
try {
  String registry = new File(basedir, 'registry.address').text
  String baseDigest = new File(basedir, 'base.digest').text
  String buildLog = new File(basedir, 'build.log').text
  assert buildLog.contains('thread count of 2') : 'the reactor did not run with -T 2'

  def images = ['alpha', 'beta', 'gamma'].collect { module ->
    File out = new File(basedir, "${module}/target/multistage")
    assert new File(out, 'image.tar').isFile() : "${module} has no image.tar"
    def report = it.report(module)
    it.assertPassesCheck(module)
    assert report.bases.runtime == "${registry}/standin/jre-busybox:1@${baseDigest}".toString()
    report
  }
  def baseLayers = images*.layers.collect { layers -> layers.findAll { l -> l.name == 'base' }*.digest }
  assert baseLayers.unique(false).size() == 1 : "the modules disagree on the base layers: ${baseLayers}"

  // distribution's access log: "GET /v2/standin/jre-busybox/blobs/sha256:… HTTP/1.1" 200 … "<user agent>";
  // the plugin's requests only (setup's skopeo inspect reads the config blob too)
  String registryLog = new File(basedir, 'target-registry/registry.log').text
  def blobGets = registryLog.readLines().findAll {
    it =~ /"GET \/v2\/standin\/jre-busybox\/blobs\/sha256:[0-9a-f]{64} HTTP/ && it.contains('multistage-maven-plugin')
  }
  def perBlob = blobGets.collect { (it =~ /sha256:[0-9a-f]{64}/)[0] }.countBy { it }
  println "base blob GETs: ${perBlob}"
  baseLayers[0].each { digest ->
    assert perBlob[digest] == 1 : "layer ${digest} was fetched ${perBlob[digest] ?: 0} times, not once: ${perBlob}"
  }
  assert perBlob.values().every { it == 1 } : "a blob was fetched more than once: ${perBlob}"
  assert perBlob.size() == baseLayers[0].size() + 1 : "expected the layers and the config once each: ${perBlob}"

  // offline -o would now build from this cache; the cache holds the manifest too
  File cache = new File(basedir, 'target-base-cache/blobs/sha256')
  assert new File(cache, baseDigest.substring(7)).isFile() : 'the pinned manifest is not in the cache'
} finally {
  it.stopRegistry()
}
return true
