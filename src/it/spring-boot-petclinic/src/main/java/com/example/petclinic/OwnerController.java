package com.example.petclinic;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

@Controller
class OwnerController {
  /** German month names come from jdk.localedata: without it the runtime falls back to English. */
  static final DateTimeFormatter GERMAN_DATE = DateTimeFormatter.ofPattern("d. MMMM yyyy", Locale.GERMAN);

  private final OwnerRepository owners;

  OwnerController(OwnerRepository owners) {
    this.owners = owners;
  }

  /** A Thymeleaf page over a JPA query. */
  @GetMapping("/owners")
  String list(@RequestParam(defaultValue = "") String lastName, Model model) {
    model.addAttribute("owners", owners.findByLastNamePrefix(lastName));
    model.addAttribute("edition", Edition.NAME);
    return "owners";
  }

  /** JSON over the same query, with each owner's date in German. */
  @GetMapping("/api/owners")
  @ResponseBody
  List<Map<String, Object>> api(@RequestParam(defaultValue = "") String lastName) {
    return owners.findByLastNamePrefix(lastName).stream()
        .map(o -> Map.<String, Object>of(
            "id", o.getId(),
            "name", o.getFirstName() + " " + o.getLastName(),
            "telephone", o.getTelephone(),
            "since", GERMAN_DATE.format(o.getSince())))
        .toList();
  }
}
