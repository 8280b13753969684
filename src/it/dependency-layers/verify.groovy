// Release and SNAPSHOT dependencies each in their own layer, test-scoped ones nowhere, and the entrypoint's class path.
def it = evaluate(new File(projectDir, 'src/it/support.groovy'))
File tar = new File(basedir, 'target/multistage/image.tar')
// a batch job: the pom turns the healthcheck off on purpose, which is the one finding
it.assertPassesCheck('.', ['healthcheck-missing': 'a batch job that serves nothing to probe'])
def report = it.report()
assert report.layers*.name == ['base', 'user', 'dependencies', 'snapshot-dependencies', 'classes']

def deps = it.layerFiles(tar, report.layers.find { it.name == 'dependencies' }.digest)
assert deps.contains('app/libs/commons-lang3-3.18.0.jar')
assert !deps.any { it.contains('snapshot-lib') || it.contains('junit') }
def snapshots = it.layerFiles(tar, report.layers.find { it.name == 'snapshot-dependencies' }.digest)
assert snapshots.contains('app/libs/snapshot-lib-2.0-SNAPSHOT.jar')
assert !snapshots.any { it.contains('commons-lang3') }

def config = it.config(tar)
assert config.config.Healthcheck == null
def entrypoint = config.config.Entrypoint
assert entrypoint[0] == '/opt/java/openjdk/bin/java'
assert entrypoint[-1] == 'com.example.report.ReportJob'
String cp = entrypoint[entrypoint.indexOf('-cp') + 1]
assert cp == '/app/classes:/app/libs/commons-lang3-3.18.0.jar:/app/libs/snapshot-lib-2.0-SNAPSHOT.jar'
assert config.config.Cmd == ['--month', '2026-11']
return true
