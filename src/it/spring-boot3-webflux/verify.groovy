// A Spring Boot 3 WebFlux service on Reactor Netty, jlink unset: jlinked on a base without Java, no test jars
// shipped, healthy under runc, and its functional routes answer with Jackson's JSON.
import groovy.json.JsonSlurper

def it = evaluate(new File(projectDir, 'src/it/support.groovy'))
// Netty reaches into sun.misc.Unsafe (jdk.unsupported); Spring uses java.beans (java.desktop)
def app = it.jlinkedApp(['jdk.unsupported', 'java.desktop', 'java.management'])
File tar = app.tar
def files = app.files
def libs = files.dependencies
['spring-webflux-', 'reactor-netty-http-', 'netty-transport-', 'jackson-databind-'].each { jar ->
  assert libs.any { it.startsWith("app/libs/${jar}") } : "no ${jar}*.jar in the dependencies layer"
}
assert !libs.any { it.contains('tomcat') || it.contains('spring-webmvc') }

def bodies = it.runAndGet(tar, 8092, '/actuator/health', ['/quotes', '/quotes/2'])
if (bodies != null) {
  assert new JsonSlurper().parseText(bodies['/actuator/health']).status == 'UP'
  def quotes = new JsonSlurper().parseText(bodies['/quotes'])
  assert quotes*.author == ['Grace Hopper', 'Alan Kay', 'Edsger Dijkstra']
  assert new JsonSlurper().parseText(bodies['/quotes/2']) ==
      [id: 2, author: 'Alan Kay', text: 'The best way to predict the future is to invent it.']
  assert new File(basedir, 'target/run-image/container.log').text.contains('Netty started on port 8092')
}
return true
