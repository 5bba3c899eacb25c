package io.captrack.talent.hire;

import io.captrack.platform.web.ETags;
import io.captrack.schemas.talent.CapabilityLevel;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class HireController {

  private final Hiring hiring;
  private final CsvHireImport csvImport;

  HireController(Hiring hiring, CsvHireImport csvImport) {
    this.hiring = hiring;
    this.csvImport = csvImport;
  }

  @PostMapping("/hires")
  ResponseEntity<HireView> hire(@Valid @RequestBody HireRequest request) {
    HireView view =
        hiring.hire(
            new Hiring.Hire(
                request.hrId().trim(),
                request.capabilities().stream()
                    .map(c -> new CapabilityLevel(c.capabilityId(), c.level()))
                    .toList(),
                request.startDate(),
                request.hireType(),
                request.name(),
                request.email()));
    return ResponseEntity.status(HttpStatus.CREATED).eTag(ETags.of(view.version())).body(view);
  }

  /**
   * Bulk import of hires from a CSV export: valid rows are recorded, every bad row is reported with
   * its line number and reason, rows already recorded are counted as duplicates.
   */
  @PostMapping(path = "/hires/import", consumes = "text/csv")
  CsvHireImport.Report importCsv(@RequestBody String csv) {
    return csvImport.run(csv);
  }
}
