def it = evaluate(new File(projectDir, 'src/it/support.groovy'))
it.filterPom(standIn: it.standIn('jre-busybox').parentFile.path)
return true
