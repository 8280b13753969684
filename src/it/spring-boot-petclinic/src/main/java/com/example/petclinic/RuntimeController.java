package com.example.petclinic;

import java.lang.management.ManagementFactory;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Reads platform MBeans over JMX (java.management) and counts the MBeans Spring Boot exported. */
@RestController
class RuntimeController {
  @GetMapping("/jmx")
  Map<String, Object> jmx() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    Object vmName = server.getAttribute(new ObjectName("java.lang:type=Runtime"), "VmName");
    Object heap = server.getAttribute(new ObjectName("java.lang:type=Memory"), "HeapMemoryUsage");
    int springBeans = server.queryNames(new ObjectName("org.springframework.boot:*"), null).size();
    return Map.of("vmName", vmName, "heapType", heap.getClass().getName(), "springBootMBeans", springBeans);
  }
}
