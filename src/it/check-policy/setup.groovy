def it = evaluate(new File(projectDir, 'src/it/support.groovy'))
it.filterPom(standIn: it.standIn('jre-distroless').parentFile.path)
return true
