// The image on a base without shell or wget: layers in order, non-root, the probe healthcheck, labels, and a real run.
def it = evaluate(new File(projectDir, 'src/it/support.groovy'))
File out = new File(basedir, 'target/multistage')
File tar = new File(out, 'image.tar')
assert tar.isFile()
assert new File(out, 'image-digest').text ==~ /sha256:[0-9a-f]{64}/
assert new File(out, 'image-id').text ==~ /sha256:[0-9a-f]{64}/
assert new File(out, 'report.md').text.contains('greeter:1.2.0')

def report = it.report()
assert report.layers*.name == ['base', 'user', 'probe', 'resources', 'classes']
assert report.image.user == '1001:1001'
assert report.image.platform == 'linux/amd64'
assert report.layers.every { it.compressedBytes > 0 && it.digest ==~ /sha256:[0-9a-f]{64}/ }

def config = it.config(tar)
assert config.os == 'linux' && config.architecture == 'amd64'
assert config.config.User == '1001:1001'
assert config.config.Healthcheck.Test[0] == 'CMD'
assert config.config.Healthcheck.Test.contains('dev.multistage.probe.HealthProbe')
assert config.config.Healthcheck.Test.last() == 'http://127.0.0.1:8081/health'
assert config.config.Labels['org.opencontainers.image.title'] == 'Greeter'
assert config.config.Labels['org.opencontainers.image.version'] == '1.2.0'
assert config.config.Labels['org.opencontainers.image.licenses'] == 'MIT'
assert config.config.Labels['org.opencontainers.image.source'] == 'https://git.example.com/greeter'
assert config.config.Labels['org.opencontainers.image.base.name'].startsWith('oci:')

def classes = it.layerFiles(tar, report.layers.find { it.name == 'classes' }.digest)
assert classes.contains('app/classes/com/example/greeter/Greeter.class')
assert classes.every { !it.endsWith('.txt') }
def resources = it.layerFiles(tar, report.layers.find { it.name == 'resources' }.digest)
assert resources.contains('app/classes/greeting.txt')

it.assertPassesCheck()
it.runImage(tar, 8081, '/greeting')
return true
