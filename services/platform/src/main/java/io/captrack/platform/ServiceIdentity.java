package io.captrack.platform;

/**
 * Who this service is in the events it writes.
 *
 * @param name the application name
 */
public record ServiceIdentity(String name) {

  /** The CloudEvents source of this service's events. */
  public String source() {
    return "/captrack/" + name;
  }
}
