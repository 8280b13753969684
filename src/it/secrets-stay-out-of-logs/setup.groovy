// Two registries that need a login, one user per way of giving credentials, each with its own random secret.
import groovy.json.JsonOutput

def it = evaluate(new File(projectDir, 'src/it/support.groovy'))
def secret = { String route -> "leak-canary-${route}-${UUID.randomUUID()}".toString() }
Map secrets = [
    bases : ['config-user': secret('config'), 'settings-user': secret('settings'), 'helper-user': secret('helper-bases')],
    target: ['file-user': secret('file'), 'env-user': secret('env'), 'helper-user': secret('helper-target')],
]
String bases = it.startRegistry('registry-bases', it.htpasswd(secrets.bases, new File(basedir, 'bases.htpasswd')))
String target = it.startRegistry('registry-target', it.htpasswd(secrets.target, new File(basedir, 'target.htpasswd')))
String digest = it.push(it.standIn('jre-busybox'), bases, 'standin/jre-busybox:1',
    "config-user:${secrets.bases['config-user']}")
it.filterPom(bases: bases, target: target, baseDigest: digest)
new File(basedir, 'secrets.json').text = JsonOutput.toJson(secrets + [basesRegistry: bases, targetRegistry: target])

// the invoker's own build (invoker.properties): config.json auth for the bases, files for the target
String auth = "config-user:${secrets.bases['config-user']}".bytes.encodeBase64().toString()
new File(basedir, 'docker-config').mkdirs()
new File(basedir, 'docker-config/config.json').text = JsonOutput.toJson([auths: [(bases): [auth: auth]]])
new File(basedir, 'secrets').mkdirs()
new File(basedir, 'secrets/username').text = 'file-user\n'
new File(basedir, 'secrets/password').text = secrets.target['file-user'] + '\n'
return true
