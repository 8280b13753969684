// The failure names the parameter, shows the pinned reference to paste, and leaves no outputs behind.
def it = evaluate(new File(projectDir, 'src/it/support.groovy'))
try {
  String log = new File(basedir, 'build.log').text
  String expected = new File(basedir, 'expected.reference').text
  assert log.contains('<runtimeImage>: ')
  assert log.contains('is not pinned by digest')
  assert log.contains("<runtimeImage>${expected}</runtimeImage>")
  File out = new File(basedir, 'target/multistage')
  assert !out.exists() || out.list().length == 0
  assert !new File(basedir, 'target').list().any { it.startsWith('.multistage') }
} finally {
  it.stopRegistry()
}
return true
