// The reactor module the app depends on goes into its own "modules" layer; the parent builds no image.
def it = evaluate(new File(projectDir, 'src/it/support.groovy'))
assert !new File(basedir, 'target/multistage').exists()
assert !new File(basedir, 'pricing/target/multistage').exists()
File tar = new File(basedir, 'shop/target/multistage/image.tar')
def report = it.report('shop')
assert report.layers*.name == ['base', 'user', 'probe', 'modules', 'classes']
def modules = it.layerFiles(tar, report.layers.find { it.name == 'modules' }.digest)
assert modules.contains('app/modules/pricing-1.0.0.jar')
it.runImage(tar, 8082, '/health')
return true
