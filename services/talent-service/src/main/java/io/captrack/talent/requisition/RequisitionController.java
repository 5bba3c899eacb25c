package io.captrack.talent.requisition;

import io.captrack.platform.web.ETags;
import jakarta.validation.Valid;
import java.net.URI;
import org.bson.Document;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/requisitions")
class RequisitionController {

  private final Requisitions requisitions;

  RequisitionController(Requisitions requisitions) {
    this.requisitions = requisitions;
  }

  @PostMapping
  ResponseEntity<Document> open(@Valid @RequestBody RequisitionRequests.Open request) {
    Document opened = requisitions.open(request);
    return ResponseEntity.created(URI.create("/requisitions/" + opened.getString("_id")))
        .eTag(ETags.of(1))
        .body(opened);
  }

  @GetMapping("/{requisitionId}")
  ResponseEntity<Document> get(@PathVariable String requisitionId) {
    Document d = requisitions.load(requisitionId);
    return ResponseEntity.ok().eTag(ETags.of(((Number) d.get("version")).longValue())).body(d);
  }

  @PostMapping("/{requisitionId}/closure")
  ResponseEntity<Document> close(
      @PathVariable String requisitionId,
      @Valid @RequestBody RequisitionRequests.Close request,
      @RequestHeader(name = "If-Match", required = false) String ifMatch) {
    Document closed = requisitions.close(requisitionId, request, ifMatch);
    return ResponseEntity.ok()
        .eTag(ETags.of(((Number) closed.get("version")).longValue()))
        .body(closed);
  }
}
