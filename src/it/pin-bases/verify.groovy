// The moved pin is named stale with the new digest; the pom changes in those two values and in no other byte.
def it = evaluate(new File(projectDir, 'src/it/support.groovy'))
try {
  def (registry, old, moved, jdk) = new File(basedir, 'digests').text.readLines()
  String log = new File(basedir, 'build.log').text
  String runtimeOld = "${registry}/standin/runtime:1@${old}"
  String runtimeNew = "${registry}/standin/runtime:1@${moved}"
  String builderNew = "${registry}/standin/jdk:1@${jdk}"
  assert log.contains("runtimeImage: ${runtimeNew} (linux/amd64)") : log
  assert log.contains("${runtimeOld} is stale: the pin's age is unknown (its image config has no date but the epoch)") : log
  assert log.contains("Wrote <runtimeImage>${runtimeNew}</runtimeImage>") : log
  assert log.contains("now points to ${moved}") : log
  assert log.contains("builderImage: ${builderNew} (") : log

  byte[] before = new File(basedir, 'pom.before').bytes
  byte[] after = new File(basedir, 'pom.xml').bytes
  // undo exactly the two intended value changes: what is left must be the original, byte for byte
  String undone = new String(after, 'UTF-8').replace(runtimeNew, runtimeOld).replace(builderNew, "${registry}/standin/jdk:1")
  File undoneFile = new File(basedir, 'pom.undone')
  undoneFile.bytes = undone.getBytes('UTF-8')
  it.sh(['cmp', new File(basedir, 'pom.before').path, undoneFile.path]) // fails the IT on any other changed byte
  assert after != before : 'the pom was not rewritten'
  assert new String(after, 'UTF-8').contains("<runtimeImage>${runtimeNew}</runtimeImage>")
  assert new String(after, 'UTF-8').contains("<builderImage>\n            ${builderNew}\n          </builderImage>")
} finally {
  it.stopRegistry()
}
return true
