// The image with a password in its environment failed the check with the rule that names the fault; the clean
// image passed, and its check results are in check.json, check.sarif and report.html.
import groovy.json.JsonSlurper

String log = new File(basedir, 'build.log').text
assert log.contains('[critical] secret-in-config: Environment variable DB_PASSWORD looks like a secret')
assert log.contains('multistage check: FAILED')
assert log.contains('multistage check: passed')

File out = new File(basedir, 'target/multistage')
def check = new JsonSlurper().parse(new File(out, 'check.json'))
assert check.passed == true
assert check.subject == 'ledger:1.0.0'
assert check.failOn == 'high'
assert check.findings == []
def sarif = new JsonSlurper().parse(new File(out, 'check.sarif'))
assert sarif.version == '2.1.0'
assert sarif.runs[0].results == []
assert sarif.runs[0].tool.driver.rules*.id.contains('secret-in-config')
assert new File(out, 'report.html').text.contains('<p class="summary pass">Passed: 0 findings')
return true
