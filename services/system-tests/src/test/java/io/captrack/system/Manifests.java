package io.captrack.system;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The resources of one file of {@code deploy/k8s/base}, read into a model class by kind. */
final class Manifests {

  static final Path BASE = Path.of("..", "..", "deploy", "k8s", "base");

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  private Manifests() {}

  /** Every resource of {@code kind} in {@code file}, as {@code type}. */
  static <T> List<T> read(String file, String kind, Class<T> type) {
    List<T> found = new ArrayList<>();
    try (YAMLParser parser = new YAMLFactory().createParser(BASE.resolve(file).toFile())) {
      for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
        if (kind.equals(doc.path("kind").asText())) {
          found.add(YAML.treeToValue(doc, type));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }
}
