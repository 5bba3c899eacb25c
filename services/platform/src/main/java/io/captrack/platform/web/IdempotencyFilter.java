package io.captrack.platform.web;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Safe retries: a POST, PUT, PATCH or DELETE with an {@code Idempotency-Key} header runs once; a
 * repeat with the same key and the same request gets the first response again (marked {@code
 * Idempotent-Replayed: true}) and changes nothing. The same key with another request is a 422; a
 * repeat while the first is still running is a 409 with {@code Retry-After}. A running key holds a
 * lease ({@code captrack.web.idempotency-lease}, 30 s): a key left running by a crash is taken over
 * by the next repeat once its lease has run out. A server error is remembered (and replayed) when
 * the request committed a write before it failed, so a retry never runs the command twice; after a
 * server error that changed nothing the key is freed and a retry runs again. Keys belong to the
 * caller (the token's subject).
 */
class IdempotencyFilter extends OncePerRequestFilter {

  static final String HEADER = "Idempotency-Key";
  static final String COLLECTION = "idempotency_keys";

  private final MongoCollection<Document> keys;
  private final Clock clock;
  private final Duration lease;

  IdempotencyFilter(MongoDatabase database, Clock clock, Duration lease) {
    this.keys = database.getCollection(COLLECTION);
    this.clock = clock;
    this.lease = lease;
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
    String header = request.getHeader(HEADER);
    if (header.isBlank()
        || header.length() > 200
        || !header.chars().allMatch(c -> c > 32 && c < 127)) {
      Problems.write(
          response,
          HttpStatus.BAD_REQUEST,
          "invalid-idempotency-key",
          "Idempotency-Key must be 1 to 200 visible ASCII characters");
      return;
    }
    // one caller's key never replays to another caller
    String key =
        request.getUserPrincipal() == null
            ? header
            : request.getUserPrincipal().getName() + "\n" + header;
    CachedBodyRequest cached = new CachedBodyRequest(request);
    String fingerprint = fingerprint(request, cached.body());
    Instant now = clock.instant();
    try {
      keys.insertOne(
          new Document("_id", key)
              .append("fingerprint", fingerprint)
              .append("state", "RUNNING")
              .append("createdAt", Date.from(now))
              .append("leaseUntil", Date.from(now.plus(lease))));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
      if (!replayOrTakeOver(key, fingerprint, response)) {
        return;
      }
    }
    ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
    try {
      chain.doFilter(cached, recorded);
    } finally {
      remember(key, cached, recorded);
      recorded.copyBodyToResponse();
    }
  }

  private void remember(
      String key, HttpServletRequest request, ContentCachingResponseWrapper recorded) {
    boolean committed = CommittedWrites.marked(request);
    if (recorded.getStatus() >= 500 && !committed) {
      keys.deleteOne(eq("_id", key));
      return;
    }
    if (recorded.getStatus() >= 500) {
      recorded.setHeader("Captrack-Committed", "true");
    }
    keys.updateOne(
        eq("_id", key),
        Updates.combine(
            Updates.set("state", "DONE"),
            Updates.set("status", recorded.getStatus()),
            Updates.set("contentType", recorded.getContentType()),
            Updates.set("location", recorded.getHeader("Location")),
            Updates.set("etag", recorded.getHeader("ETag")),
            Updates.set("position", recorded.getHeader(IdempotencyHeaders.POSITION)),
            Updates.set("committed", committed),
            Updates.set("body", new Binary(recorded.getContentAsByteArray()))));
  }

  /**
   * Answers a repeat from what the first request left; true when the first one's lease ran out and
   * this request takes the key over, to run the command itself.
   */
  private boolean replayOrTakeOver(String key, String fingerprint, HttpServletResponse response)
      throws IOException {
    Document first = keys.find(eq("_id", key)).first();
    if (first == null) {
      response.setHeader("Retry-After", "1");
      Problems.write(response, HttpStatus.CONFLICT, "request-in-progress", "retry in a moment");
    } else if (!fingerprint.equals(first.getString("fingerprint"))) {
      Problems.write(
          response,
          HttpStatus.UNPROCESSABLE_CONTENT,
          "idempotency-key-reused",
          "this Idempotency-Key was used for a different request");
    } else if (!"DONE".equals(first.getString("state"))) {
      Instant now = clock.instant();
      Date leaseUntil = first.getDate("leaseUntil");
      Instant expires =
          leaseUntil != null
              ? leaseUntil.toInstant()
              : first.getDate("createdAt").toInstant().plus(lease);
      if (!expires.isAfter(now)) {
        // the first request died holding the key: whoever takes the expired lease runs it
        Bson expired =
            Filters.and(
                eq("_id", key),
                eq("state", "RUNNING"),
                leaseUntil != null
                    ? eq("leaseUntil", leaseUntil)
                    : Filters.exists("leaseUntil", false));
        if (keys.updateOne(expired, Updates.set("leaseUntil", Date.from(now.plus(lease))))
                .getModifiedCount()
            == 1) {
          return true;
        }
      }
      long wait = Math.max(1, Duration.between(now, expires).toSeconds());
      response.setHeader("Retry-After", Long.toString(wait));
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
      if (first.getString("position") != null) {
        response.setHeader(IdempotencyHeaders.POSITION, first.getString("position"));
      }
      response.setHeader("Idempotent-Replayed", "true");
      if (first.getBoolean("committed", false) && first.getInteger("status") >= 500) {
        response.setHeader("Captrack-Committed", "true");
      }
      response.getOutputStream().write(first.get("body", Binary.class).getData());
    }
    return false;
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
