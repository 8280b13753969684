// The reactor module the app depends on goes into its own "modules" layer; the parent builds no image; with jlink
// left at its default on a base without Java, a runtime is linked from the build JDK and holds only what is used.
def it = evaluate(new File(projectDir, 'src/it/support.groovy'))
assert !new File(basedir, 'target/multistage').exists()
assert !new File(basedir, 'pricing/target/multistage').exists()
File tar = new File(basedir, 'shop/target/multistage/image.tar')
def report = it.report('shop')
assert report.layers*.name == ['base', 'runtime', 'user', 'probe', 'modules', 'classes']
assert report.runtime.modules*.name.containsAll(['java.base', 'jdk.httpserver'])
assert !report.runtime.modules*.name.contains('java.desktop')
def modules = it.layerFiles(tar, report.layers.find { it.name == 'modules' }.digest)
assert modules.contains('app/modules/pricing-1.0.0.jar')
it.assertPassesCheck('shop')
it.runImage(tar, 8082, '/health')
return true
