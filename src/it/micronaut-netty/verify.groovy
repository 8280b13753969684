// A Micronaut 4 service on Netty, jlink unset: jlinked on a base without Java, no test jars, healthy under runc
// (micronaut-management's /health), and the controller answers with Micronaut Serde's JSON.
import groovy.json.JsonSlurper

def it = evaluate(new File(projectDir, 'src/it/support.groovy'))
// Micronaut reads META-INF/micronaut service entries from the jars as zip file systems (jdk.zipfs): without it
// startup fails with ProviderNotFoundException in IOUtils.loadNestedJarUri
def app = it.jlinkedApp(['jdk.unsupported', 'java.management', 'jdk.zipfs'])
File tar = app.tar
def report = app.report
def files = app.files
def libs = files.dependencies
['micronaut-http-server-netty-', 'micronaut-serde-jackson-', 'micronaut-management-', 'logback-classic-'].each { jar ->
  assert libs.any { it.startsWith("app/libs/${jar}") } : "no ${jar}*.jar in the dependencies layer"
}
// the app's classes, with what Micronaut's annotation processors generated at compile time
assert files.classes.any { it.startsWith('app/classes/com/example/weather/$ForecastController$Definition') }
assert report.image.healthcheck.last() == 'http://127.0.0.1:8094/health'

def bodies = it.runAndGet(tar, 8094, '/health', ['/forecast/Berlin'])
if (bodies != null) {
  assert new JsonSlurper().parseText(bodies['/health']).status == 'UP'
  assert new JsonSlurper().parseText(bodies['/forecast/Berlin']) == [
      [city: 'Berlin', highCelsius: 21, lowCelsius: 12, sky: 'sunny'],
      [city: 'Berlin', highCelsius: 18, lowCelsius: 9, sky: 'cloudy']]
}
return true
