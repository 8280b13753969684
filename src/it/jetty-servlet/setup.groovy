def it = evaluate(new File(projectDir, 'src/it/support.groovy'))
it.filterPom(standIn: it.standIn('glibc').parentFile.path)
return true
