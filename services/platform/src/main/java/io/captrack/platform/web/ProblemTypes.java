package io.captrack.platform.web;

import java.net.URI;

/** Where captrack's problem types live. */
public final class ProblemTypes {

  private static final String BASE = "https://captrack.io/problems/";

  private ProblemTypes() {}

  public static URI uri(String type) {
    return URI.create(BASE + type);
  }
}
