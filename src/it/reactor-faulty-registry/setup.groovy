// A registry holding the base, FaultProxy in front of it with random faults, and the eight service modules.
def it = evaluate(new File(projectDir, 'src/it/support.groovy'))
String registry = it.startRegistry()
String digest = it.push(it.standIn('jre-busybox'), registry, 'standin/jre-busybox:1')
// about one request in eight meets a fault; the seed makes the run repeatable as far as timing allows
String proxy = it.startFaultProxy('fault-proxy', registry, [random: '0.12', seed: '15', 'hang-limit': '10',
    faults: 'ERROR_500,TOO_MANY_REQUESTS,RESET,RESET_MID_BODY,SLOW_BODY,HANG'])
File cache = new File(basedir, 'target-base-cache')
cache.deleteDir()
it.filterPom(proxy: proxy, baseDigest: digest, cache: cache.path)
new File(basedir, 'registry.address').text = registry

(1..8).each { n ->
  File module = new File(basedir, "svc${n}")
  new File(module, "src/main/java/com/example/fleet/svc${n}").mkdirs()
  new File(module, 'pom.xml').text = """<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>com.example.fleet</groupId>
    <artifactId>fleet-parent</artifactId>
    <version>1.0.0</version>
  </parent>
  <artifactId>svc${n}</artifactId>
  <build>
    <plugins>
      <plugin>
        <groupId>dev.multistage</groupId>
        <artifactId>multistage-maven-plugin</artifactId>
      </plugin>
    </plugins>
  </build>
</project>
"""
  new File(module, "src/main/java/com/example/fleet/svc${n}/Service${n}.java").text = """package com.example.fleet.svc${n};

public final class Service${n} {
  public static void main(String[] args) {
    System.out.println("service ${n}");
  }
}
"""
}
return true
