// environment, volumes, labels, entrypoint, workingDirectory and extraDirectories in the config, the layers and the
// report; then a real run: the app sees the variable and reads the extra file as the app user, mode rw-r-----.
def it = evaluate(new File(projectDir, 'src/it/support.groovy'))
File tar = new File(basedir, 'target/multistage/image.tar')
assert tar.isFile()

def config = it.config(tar).config
assert config.Env.contains('APP_MODE=production')
assert config.Volumes.keySet() as List == ['/data']
assert config.Labels.team == 'platform'
assert config.Labels['org.opencontainers.image.title'] == 'Settings service' // the user's label wins
assert config.Labels['org.opencontainers.image.version'] == '1.0.0'
assert config.Entrypoint == ['/opt/java/openjdk/bin/java', '-XX:-UsePerfData', '-Djava.io.tmpdir=/tmp', '-cp',
    '/app/classes', 'com.example.settings.SettingsServer']
assert config.WorkingDir == '/srv/settings'

it.assertPassesCheck()
def report = it.report()
assert report.layers*.name == ['base', 'user', 'probe', 'extra', 'classes']
assert report.image.environment == [APP_MODE: 'production']
assert report.image.volumes == ['/data']
assert report.image.extraFiles == 2
assert report.image.workingDirectory == '/srv/settings'
def extra = it.layerFiles(tar, report.layers.find { it.name == 'extra' }.digest)
assert extra.containsAll(['app/config/', 'app/config/settings.properties', 'app/config/certs/ca.txt'])

String run = it.runImage(tar, 8093, '/settings', 1001, ['--print-body'])
if (run != 'skipped') {
  assert run.contains('body: APP_MODE=production')
  assert run.contains('body: file=greeting=hello from an extra directory')
  assert run.contains('body: mode=rw-r-----')
  assert run.contains('body: cwd=/srv/settings')
}
return true
