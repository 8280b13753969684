// A plain servlet app on embedded Jetty 12, jlink unset: jlinked on a base without Java, healthy under runc, and
// the servlet answers with Jackson's JSON; Jetty logs through SLF4J to java.util.logging.
import groovy.json.JsonSlurper

def it = evaluate(new File(projectDir, 'src/it/support.groovy'))
def app = it.jlinkedApp(['java.logging', 'java.management'])
File tar = app.tar
def files = app.files
['jetty-ee10-servlet-', 'jetty-server-', 'jakarta.servlet-api-', 'jackson-databind-', 'slf4j-jdk14-'].each { jar ->
  assert files.dependencies.any { it.startsWith("app/libs/${jar}") } : "no ${jar}*.jar in the dependencies layer"
}
def entrypoint = it.config(tar).config.Entrypoint
assert entrypoint[-1] == 'com.example.library.LibraryServer'

def bodies = it.runAndGet(tar, 8095, '/health', ['/books'])
if (bodies != null) {
  def books = new JsonSlurper().parseText(bodies['/books'])
  assert books.count == 2
  assert books.books*.title == ['Effective Java', 'Java Concurrency in Practice']
  assert books.servletContainer == 'jetty/12.1.14'
  // SLF4J bound to java.util.logging: JUL's two-line format names Jetty's Server
  assert new File(basedir, 'target/run-image/container.log').text.contains('org.eclipse.jetty.server.Server doStart')
}
return true
