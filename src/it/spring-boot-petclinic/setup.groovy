def it = evaluate(new File(projectDir, 'src/it/support.groovy'))
it.standIn('jre-distroless') // the baseline: the same app on a full JRE
it.filterPom(standIn: it.standIn('glibc').parentFile.path)
return true
