def it = evaluate(new File(projectDir, 'src/it/support.groovy'))
String registry = it.startRegistry()
// the pin in the pom is of jre-busybox; the same tag then moves to jre-distroless
String old = it.push(it.standIn('jre-busybox'), registry, 'standin/runtime:1')
String moved = it.push(it.standIn('jre-distroless'), registry, 'standin/runtime:1')
String jdk = it.push(it.standIn('jdk'), registry, 'standin/jdk:1')
it.filterPom(registry: registry, oldDigest: old)
new File(basedir, 'pom.before').bytes = new File(basedir, 'pom.xml').bytes
new File(basedir, 'digests').text = [registry, old, moved, jdk].join('\n')
return true
