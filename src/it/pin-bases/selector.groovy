// Runs this IT only where its loopback registry can be started (CI=true requires it; see support.groovy skip).
def it = evaluate(new File(projectDir, 'src/it/support.groovy'))
return it.have(['docker-registry', 'skopeo', 'curl'])
