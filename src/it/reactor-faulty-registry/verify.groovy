// 1. Eight images pushed four at a time through random registry faults: every one landed whole under both tags,
//    the faults were real, and the retries that rode them out were logged.
// 2. The same reactor and faults again, but with no retries (registryRetryBudget=0): the build fails, clearly, and
//    still no tag points at half an image: each tag holds the first push's image or the second's, whole.
def it = evaluate(new File(projectDir, 'src/it/support.groovy'))
try {
  String registry = new File(basedir, 'registry.address').text
  List<String> modules = (1..8).collect { "svc${it}".toString() }
  List<String> tags = ['1.0.0', 'latest']
  String buildLog = new File(basedir, 'build.log').text
  assert buildLog.contains('thread count of 4') : 'the reactor did not run with -T 4'

  Map<String, Integer> faults = it.faultsInjected('fault-proxy')
  int retries = buildLog.readLines().count { it.contains('; trying again in ') }
  println "phase 1: faults injected ${faults}, retries logged ${retries}"
  assert faults.values().sum(0) >= 5 : "too few faults to mean anything: ${faults}"
  assert retries >= 1
  Map<String, String> first = [:]
  modules.each { module ->
    String built = new File(basedir, "${module}/target/multistage/image-digest").text.trim()
    tags.each { tag ->
      assert it.assertComplete(registry, "fleet/${module}", tag) == built : "fleet/${module}:${tag} is not the built image"
    }
    first[module] = built
  }

  // phase 2: a second proxy with the same fault rate, no retries; new images (a label changes every digest)
  String second = it.startFaultProxy('second-proxy', registry, [random: '0.12', seed: '7', 'hang-limit': '10',
      faults: 'ERROR_500,TOO_MANY_REQUESTS,RESET,RESET_MID_BODY,SLOW_BODY,HANG'])
  File log = new File(basedir, 'no-retries.log')
  int rc = it.mvn(['-T', '4', '-fae', 'package', "-Dregistry=${second}", '-Dmultistage.labels=push=second',
      '-Dmultistage.registryRetryBudget=0', '-Djib.httpTimeout=3000'], [:], log)
  String output = log.text
  assert rc != 0 : 'with no retries, eight pushes of a dozen requests each cannot all have missed the faults'
  def failures = output.readLines().findAll { it.startsWith('[ERROR] Failed to execute goal dev.multistage:') }
  assert failures : "the build failed, but not in this plugin:\n${output.readLines().findAll { it.startsWith('[ERROR]') }.join('\n')}"
  failures.each { line ->
    // each names the parameter, the registry, says it was not retried, and what the push left behind
    assert line =~ /: <(to|runtimeImage)>: / : "not a clear failure: ${line}"
    assert line.contains('1 try (registryRetryBudget is 0: no retries)') : "does not say it was not retried: ${line}"
    // (a push that fails while logging in has sent nothing; the cause Maven appends says that is where it failed)
    assert line.contains('No tag was changed') || line.contains('already point at the new image') ||
        line.contains('could not authenticate with') : "does not say what the push left: ${line}"
  }
  int mixed = 0
  modules.each { module ->
    String secondDigest = new File(basedir, "${module}/target/multistage/image-digest").text.trim()
    tags.each { tag ->
      String served = it.assertComplete(registry, "fleet/${module}", tag)
      assert served in [first[module], secondDigest] : "fleet/${module}:${tag} is neither push's image"
      mixed += served == secondDigest ? 1 : 0
    }
  }
  println "phase 2: ${failures.size()} modules failed clearly, faults ${it.faultsInjected('second-proxy')}, " +
      "${mixed} of ${modules.size() * tags.size()} tags moved to the second push's image, every tag whole"
} finally {
  it.stopFaultProxy('fault-proxy')
  it.stopFaultProxy('second-proxy')
  it.stopRegistry()
}
return true
