package io.captrack.learning.course;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The course-to-capability mapping L&D maintains: which capability a course builds and the level a
 * success awards, so completions update skills without anyone re-keying them.
 */
@Component
public class Courses {

  /** A mapped course. */
  public record Course(String courseId, String title, String capabilityId, int levelAwarded) {}

  private final MongoCollection<Document> courses;

  Courses(MongoDatabase database) {
    this.courses = database.getCollection("courses");
  }

  public Optional<Course> find(String courseId) {
    return Optional.ofNullable(courses.find(eq("_id", courseId)).first()).map(Courses::course);
  }

  void put(Course course) {
    courses.replaceOne(
        eq("_id", course.courseId()),
        new Document("_id", course.courseId())
            .append("title", course.title())
            .append("capabilityId", course.capabilityId())
            .append("levelAwarded", course.levelAwarded()),
        new ReplaceOptions().upsert(true));
  }

  List<Course> all() {
    return courses.find().sort(new Document("_id", 1)).map(Courses::course).into(new ArrayList<>());
  }

  private static Course course(Document d) {
    return new Course(
        d.getString("_id"),
        d.getString("title"),
        d.getString("capabilityId"),
        d.getInteger("levelAwarded"));
  }
}
