package io.captrack.learning.course;

import io.captrack.platform.taxonomy.Taxonomy;
import io.captrack.platform.web.CommandRejectedException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/courses")
class CourseController {

  /** Body of {@code PUT /courses/{courseId}}. */
  record CourseMapping(
      @NotBlank @Size(max = 200) String title,
      @NotBlank String capabilityId,
      @NotNull @Min(1) @Max(7) Integer levelAwarded) {}

  private final Courses courses;
  private final Taxonomy taxonomy;

  CourseController(Courses courses, Taxonomy taxonomy) {
    this.courses = courses;
    this.taxonomy = taxonomy;
  }

  @PutMapping("/{courseId}")
  Courses.Course put(
      @PathVariable @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}") String courseId,
      @Valid @RequestBody CourseMapping mapping) {
    if (!courseId.matches("[A-Za-z0-9._:-]{1,64}")) {
      throw CommandRejectedException.unprocessable(
          "invalid-course-id", "course ids use letters, digits and ._:-");
    }
    if (taxonomy.capability(mapping.capabilityId()).isEmpty()) {
      throw CommandRejectedException.unprocessable(
          "unknown-capability", "unknown capability id: " + mapping.capabilityId());
    }
    Courses.Course course =
        new Courses.Course(
            courseId, mapping.title(), mapping.capabilityId(), mapping.levelAwarded());
    courses.put(course);
    return course;
  }

  @GetMapping("/{courseId}")
  Courses.Course get(@PathVariable String courseId) {
    return courses
        .find(courseId)
        .orElseThrow(() -> CommandRejectedException.notFound("course", courseId));
  }

  @GetMapping
  List<Courses.Course> all() {
    return courses.all();
  }
}
