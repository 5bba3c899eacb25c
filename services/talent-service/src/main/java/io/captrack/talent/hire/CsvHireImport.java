package io.captrack.talent.hire;

import io.captrack.platform.web.CommandRejectedException;
import io.captrack.schemas.EffectiveDates;
import io.captrack.schemas.talent.CapabilityLevel;
import io.captrack.schemas.talent.HireType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Imports hires from CSV as HR systems export it: a header row naming {@code hrId}, {@code
 * startDate}, {@code hireType} and {@code capabilities} (as {@code data.ml:4;build.devops:3}), and
 * optionally {@code name} and {@code email}, in any order. Each row is one hire, recorded on its
 * own.
 */
@Component
class CsvHireImport {

  /** One refused row. */
  record Rejected(int line, String reason) {}

  /** The outcome of an import. */
  record Report(int rows, int created, int duplicates, List<Rejected> rejected) {}

  private static final List<String> REQUIRED =
      List.of("hrid", "startdate", "hiretype", "capabilities");

  private final Hiring hiring;

  CsvHireImport(Hiring hiring) {
    this.hiring = hiring;
  }

  Report run(String csv) {
    String[] lines = csv.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    if (lines.length == 0 || lines[0].isBlank()) {
      throw invalid("the file is empty; its first line must name the columns");
    }
    Map<String, Integer> columns = header(lines[0]);
    int rows = 0;
    int created = 0;
    int duplicates = 0;
    List<Rejected> rejected = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      rows++;
      int line = i + 1;
      try {
        hiring.hire(row(Csv.fields(lines[i]), columns));
        created++;
      } catch (CommandRejectedException e) {
        if (e.type().toString().endsWith("/duplicate-hire")) {
          duplicates++;
        } else {
          rejected.add(new Rejected(line, e.getMessage()));
        }
      } catch (IllegalArgumentException | DateTimeParseException e) {
        rejected.add(new Rejected(line, e.getMessage()));
      }
    }
    return new Report(rows, created, duplicates, rejected);
  }

  private static Map<String, Integer> header(String line) {
    Map<String, Integer> columns = new HashMap<>();
    List<String> names = Csv.fields(line);
    for (int i = 0; i < names.size(); i++) {
      columns.put(names.get(i).trim().toLowerCase(Locale.ROOT), i);
    }
    List<String> missing = REQUIRED.stream().filter(c -> !columns.containsKey(c)).toList();
    if (!missing.isEmpty()) {
      throw invalid("the header lacks the columns " + String.join(", ", missing));
    }
    return columns;
  }

  private static Hiring.Hire row(List<String> fields, Map<String, Integer> columns) {
    String hrId = field(fields, columns, "hrid");
    if (hrId.isEmpty() || hrId.length() > 64) {
      throw new IllegalArgumentException("hrId must have 1 to 64 characters");
    }
    LocalDate start;
    try {
      start = LocalDate.parse(field(fields, columns, "startdate"));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("startDate must be a date such as 2026-02-01");
    }
    if (!EffectiveDates.accepted(start)) {
      throw new IllegalArgumentException(
          "startDate must be within " + EffectiveDates.FIRST_DAY + ".." + EffectiveDates.LAST_DAY);
    }
    HireType type;
    try {
      type = HireType.valueOf(field(fields, columns, "hiretype").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "hireType must be one of PERMANENT, FIXED_TERM, INTERN, CONTRACTOR");
    }
    List<CapabilityLevel> capabilities = new ArrayList<>();
    for (String item : field(fields, columns, "capabilities").split(";")) {
      String[] parts = item.trim().split(":");
      if (parts.length != 2) {
        throw new IllegalArgumentException("capabilities must read like data.ml:4;build.devops:3");
      }
      int level;
      try {
        level = Integer.parseInt(parts[1].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("level of " + parts[0].trim() + " must be a number");
      }
      if (level < 1 || level > 7) {
        throw new IllegalArgumentException(
            "level of " + parts[0].trim() + " must be between 1 and 7");
      }
      capabilities.add(new CapabilityLevel(parts[0].trim(), level));
    }
    String name = optional(fields, columns, "name");
    String email = optional(fields, columns, "email");
    if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
      throw new IllegalArgumentException("email is not an e-mail address");
    }
    return new Hiring.Hire(hrId, capabilities, start, type, name, email);
  }

  private static String field(List<String> fields, Map<String, Integer> columns, String name) {
    int at = columns.get(name);
    if (at >= fields.size()) {
      throw new IllegalArgumentException("the row has no " + name + " column");
    }
    return fields.get(at).trim();
  }

  private static String optional(List<String> fields, Map<String, Integer> columns, String name) {
    Integer at = columns.get(name);
    if (at == null || at >= fields.size() || fields.get(at).isBlank()) {
      return null;
    }
    return fields.get(at).trim();
  }

  private static CommandRejectedException invalid(String detail) {
    return new CommandRejectedException(HttpStatus.BAD_REQUEST, "invalid-csv", detail);
  }
}
