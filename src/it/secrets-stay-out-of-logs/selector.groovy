// Runs this IT only where its loopback registries can be started (CI=true requires them; see support.groovy skip).
def it = evaluate(new File(projectDir, 'src/it/support.groovy'))
return it.have(['docker-registry', 'skopeo', 'htpasswd'])
