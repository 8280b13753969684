// A Spring Boot 4 app shaped like the pet clinic sample, built with only documented parameters and jlink unset:
// jlinked on a base without Java, devtools / docker-compose / test jars nowhere, and under runc a JPA query on H2,
// a Thymeleaf page, JSON, a JMX read and German month names (jdk.localedata) all answer. Built twice (see
// invoker.properties): the rebuild after a one-class change takes every dependency jar's analysis from the cache,
// and each build logs the goal's own time.
import groovy.json.JsonSlurper

// The module analysis' log line: "Module analysis: N jars (F from the cache, A analysed) and the application's
// classes in T ms". Groups: 1 jars, 2 from the cache, 3 analysed, 4 milliseconds.
def ANALYSIS_LINE = ~/^\[INFO\] Module analysis: (\d+) jars \((\d+) from the cache, (\d+) analysed\) and the application's classes in (\d+) ms/
// The goal's own time, logged at its end.
def GOAL_TIME_LINE = ~/^\[INFO\] multistage: image goal took [0-9.]+ s/

def it = evaluate(new File(projectDir, 'src/it/support.groovy'))
def app = it.jlinkedApp(['java.sql', 'java.naming', 'java.management', 'java.desktop', 'java.xml', 'jdk.localedata'])
File tar = app.tar
def report = app.report
def files = app.files
def libs = files.dependencies.findAll { it.endsWith('.jar') }
['spring-webmvc-', 'hibernate-core-', 'h2-', 'thymeleaf-', 'hibernate-validator-', 'spring-boot-actuator-'].each { jar ->
  assert libs.any { it.startsWith("app/libs/${jar}") } : "no ${jar}*.jar in the dependencies layer"
}
assert files.classes.contains('app/classes/com/example/petclinic/Edition.class')

// the rebuild (second invocation) took every dependency jar's analysis from the cache
String log = new File(basedir, 'build.log').text
def analyses = log.readLines().collect { ANALYSIS_LINE.matcher(it) }.findAll { it.find() }
// invoker appends the builds to build.log: one analysis line for each of the two that build, the rebuild's last
assert analyses.size() == 2 : "expected one module-analysis line per build matching ${ANALYSIS_LINE}, found ${analyses.size()}"
assert log.readLines().count { it =~ GOAL_TIME_LINE } == 3 : "expected each build to report the goal's time (${GOAL_TIME_LINE})"
// the rebuild names what changed; the third build, with nothing changed, keeps the outputs
assert log.contains('Rebuilding the image, changed since the last build: /app/classes/com/example/petclinic/Edition.class from ') :
    'the rebuild does not name the changed class'
assert log.readLines().count { it.contains(' is up to date (sha256:') } == 1 : 'the unchanged third build was not kept'
// after the one-class change only the classes layer is new; the others are the first build's (report statuses)
def statuses = log.readLines().findAll { it =~ /^\[INFO\]   (dependencies|runtime|classes) +\d+ / }
println "layer lines: ${statuses}"
assert statuses.findAll { it.contains(' classes ') }.last().endsWith('new')
assert statuses.findAll { it.contains(' dependencies ') }.last().endsWith('reused')
assert statuses.findAll { it.contains(' runtime ') }.last().endsWith('reused')
def rebuild = analyses.last()
println "rebuild: ${rebuild.group(0)}"
int jars = rebuild.group(1) as int
assert jars >= libs.size() : "the analysis read ${jars} jars, the image ships ${libs.size()}"
assert (rebuild.group(2) as int) == jars && (rebuild.group(3) as int) == 0 : "rebuild after a one-class change: ${rebuild.group(0)}"

// under runc: healthy, and each endpoint exercises its part of the JDK
def bodies = it.runAndGet(tar, 8091, '/actuator/health', ['/api/owners?lastName=', '/owners?lastName=Dav', '/jmx'])
if (bodies != null) {
  assert new JsonSlurper().parseText(bodies['/actuator/health']).status == 'UP'

  def owners = new JsonSlurper().parseText(bodies['/api/owners?lastName='])
  assert owners*.name == ['Betty Davis', 'Harold Davis', 'George Franklin']
  // German month names: jdk.localedata is in the runtime (the root locale would print "March" / "December")
  assert owners.find { it.name == 'Betty Davis' }.since == '1. M\u00e4rz 2021'
  assert owners.find { it.name == 'George Franklin' }.since == '24. Dezember 2019'

  String page = bodies['/owners?lastName=Dav']
  assert page.contains('<td class="name">Betty Davis</td>') && page.contains('<td class="name">Harold Davis</td>')
  assert !page.contains('Franklin')
  assert page.contains('Edition: second build') : 'the image does not hold the rebuilt class'

  def jmx = new JsonSlurper().parseText(bodies['/jmx'])
  assert jmx.vmName.contains('OpenJDK')
  assert jmx.heapType == 'javax.management.openmbean.CompositeDataSupport'
  assert jmx.springBootMBeans > 0

  String containerLog = new File(basedir, 'target/run-image/container.log').text
  assert !containerLog.contains('Devtools property defaults active')
}
// last, so that every other check has run: at most 0.80x the compressed size of the same app on the full-JRE
// stand-in base (the report's baseline: that base plus this build's application layers)
assert report.baseline.available : "baseline unreadable: ${report.baseline}"
assert report.reduction >= 0.20 : "jlinked image ${report.totals} vs full-JRE baseline ${report.baseline}: reduction ${report.reduction}"
return true
