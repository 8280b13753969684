def it = evaluate(new File(projectDir, 'src/it/support.groovy'))
String registry = it.startRegistry()
String digest = it.push(it.standIn('jre-busybox'), registry, 'standin/jre-busybox:1')
it.filterPom(registry: registry)
new File(basedir, 'expected.reference').text = "${registry}/standin/jre-busybox:1@${digest}"
return true
