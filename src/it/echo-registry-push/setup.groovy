def it = evaluate(new File(projectDir, 'src/it/support.groovy'))
String registry = it.startRegistry()
String digest = it.push(it.standIn('jre-busybox'), registry, 'standin/jre-busybox:1')
it.filterPom(registry: registry, baseDigest: digest)
new File(basedir, 'registry.address').text = registry
new File(basedir, 'base.digest').text = digest
return true
