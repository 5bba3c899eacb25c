package io.captrack.platform.web;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Date;
import java.util.HexFormat;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Safe retries: a POST, PUT, PATCH or DELETE with an {@code Idempotency-Key} header runs once; a
 * repeat with the same key and the same request gets the first response again (marked {@code
 * Idempotent-Replayed: true}) and changes nothing. The same key with another request is a 422; a
 * repeat while the first is still running is a 409. Server errors are not remembered, so a retry
 * after one runs again.
 */
class IdempotencyFilter extends OncePerRequestFilter {

  static final String HEADER = "Idempotency-Key";
  static final String COLLECTION = "idempotency_keys";

  private final MongoCollection<Document> keys;
  private final Clock clock;

  IdempotencyFilter(MongoDatabase database, Clock clock) {
    this.keys = database.getCollection(COLLECTION);
    this.clock = clock;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return request.getHeader(HEADER) == null
        || request.getMethod().equals("GET")
        || request.getMethod().equals("HEAD")
        || request.getMethod().equals("OPTIONS");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String key = request.getHeader(HEADER);
    if (key.isBlank() || key.length() > 200 || !key.chars().allMatch(c -> c > 32 && c < 127)) {
      Problems.write(
          response,
          HttpStatus.BAD_REQUEST,
          "invalid-idempotency-key",
          "Idempotency-Key must be 1 to 200 visible ASCII characters");
      return;
    }
    CachedBodyRequest cached = new CachedBodyRequest(request);
    String fingerprint = fingerprint(request, cached.body());
    try {
      keys.insertOne(
          new Document("_id", key)
              .append("fingerprint", fingerprint)
              .append("state", "RUNNING")
              .append("createdAt", Date.from(clock.instant())));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
      replay(key, fingerprint, response);
      return;
    }
    ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
    try {
      chain.doFilter(cached, recorded);
    } finally {
      remember(key, recorded);
      recorded.copyBodyToResponse();
    }
  }

  private void remember(String key, ContentCachingResponseWrapper recorded) {
    if (recorded.getStatus() >= 500) {
      keys.deleteOne(eq("_id", key));
      return;
    }
    keys.updateOne(
        eq("_id", key),
        Updates.combine(
            Updates.set("state", "DONE"),
            Updates.set("status", recorded.getStatus()),
            Updates.set("contentType", recorded.getContentType()),
            Updates.set("location", recorded.getHeader("Location")),
            Updates.set("etag", recorded.getHeader("ETag")),
            Updates.set("body", new Binary(recorded.getContentAsByteArray()))));
  }

  private void replay(String key, String fingerprint, HttpServletResponse response)
      throws IOException {
    Document first = keys.find(eq("_id", key)).first();
    if (first == null) {
      Problems.write(response, HttpStatus.CONFLICT, "request-in-progress", "retry in a moment");
    } else if (!fingerprint.equals(first.getString("fingerprint"))) {
      Problems.write(
          response,
          HttpStatus.UNPROCESSABLE_CONTENT,
          "idempotency-key-reused",
          "this Idempotency-Key was used for a different request");
    } else if (!"DONE".equals(first.getString("state"))) {
      Problems.write(
          response,
          HttpStatus.CONFLICT,
          "request-in-progress",
          "the first request with this Idempotency-Key is still running");
    } else {
      response.setStatus(first.getInteger("status"));
      if (first.getString("contentType") != null) {
        response.setContentType(first.getString("contentType"));
      }
      if (first.getString("location") != null) {
        response.setHeader("Location", first.getString("location"));
      }
      if (first.getString("etag") != null) {
        response.setHeader("ETag", first.getString("etag"));
      }
      response.setHeader("Idempotent-Replayed", "true");
      response.getOutputStream().write(first.get("body", Binary.class).getData());
    }
  }

  private static String fingerprint(HttpServletRequest request, byte[] body) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(
          (request.getMethod() + " " + request.getRequestURI() + "\n")
              .getBytes(StandardCharsets.UTF_8));
      sha.update(body);
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
