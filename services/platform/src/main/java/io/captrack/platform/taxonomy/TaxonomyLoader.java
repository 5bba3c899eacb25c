package io.captrack.platform.taxonomy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.core.io.Resource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Reads the taxonomy seed. */
public final class TaxonomyLoader {

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private TaxonomyLoader() {}

  public static Taxonomy load(Resource resource) {
    try (InputStream in = resource.getInputStream()) {
      return JSON.readValue(in, Taxonomy.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read taxonomy " + resource, e);
    }
  }
}
