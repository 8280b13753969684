// -Dmultistage.to, -Dmultistage.runtime and -Dmultistage.healthcheck.path win over the pom's <to>, <runtime> and
// <healthcheck><path>; the pom's <healthcheck><interval> stays.
def it = evaluate(new File(projectDir, 'src/it/support.groovy'))
File tar = new File(basedir, 'target/multistage/image.tar')
String log = new File(basedir, 'build.log').text

def manifest = new groovy.json.JsonSlurper().parseText(it.sh(['tar', '-xOf', tar.path, 'manifest.json']))
assert manifest[0].RepoTags == ['registry.ci.example.com:5000/team/shop:1.4.0']
it.assertPassesCheck()
assert it.report().image.reference == 'registry.ci.example.com:5000/team/shop:1.4.0'
assert log.contains('multistage: -Dmultistage.to on the command line wins over <to> in the pom.')

// runtime=slim: the single-stage baseline is the slim preset's builder image (Ubuntu noble), not alpine's
String baseline = it.report().baseline.image
assert baseline.contains('eclipse-temurin') && baseline.contains('noble') && !baseline.contains('alpine') : baseline
assert log.contains('multistage: -Dmultistage.runtime on the command line wins over <runtime> in the pom.')

def healthcheck = it.config(tar).config.Healthcheck
assert healthcheck.Test.join(' ').contains('/live') : healthcheck.Test
assert !healthcheck.Test.join(' ').contains('/ready')
assert healthcheck.Interval == 7_000_000_000L
assert log.contains('multistage: -Dmultistage.healthcheck.path on the command line wins over <healthcheck.path> in the pom.')
return true
