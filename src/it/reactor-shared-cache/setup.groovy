def it = evaluate(new File(projectDir, 'src/it/support.groovy'))
String registry = it.startRegistry()
String digest = it.push(it.standIn('jre-busybox'), registry, 'standin/jre-busybox:1')
File cache = new File(basedir, 'target-base-cache')
cache.deleteDir() // an earlier run's blobs would hide the downloads this IT counts
it.filterPom(registry: registry, baseDigest: digest, cache: cache.path)
new File(basedir, 'registry.address').text = registry
new File(basedir, 'base.digest').text = digest
return true
