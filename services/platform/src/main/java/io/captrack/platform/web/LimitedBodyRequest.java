package io.captrack.platform.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** A request whose body, of unannounced length, may not be read past the limit. */
final class LimitedBodyRequest extends HttpServletRequestWrapper {

  private final long limit;
  private ServletInputStream limited;

  LimitedBodyRequest(HttpServletRequest request, long limit) {
    super(request);
    this.limit = limit;
  }

  @Override
  public synchronized ServletInputStream getInputStream() throws IOException {
    if (limited == null) {
      ServletInputStream in = super.getInputStream();
      limited =
          new ServletInputStream() {
            private long read;

            @Override
            public int read() throws IOException {
              int b = in.read();
              if (b >= 0) {
                count(1);
              }
              return b;
            }

            @Override
            public int read(byte[] buffer, int off, int len) throws IOException {
              int n = in.read(buffer, off, len);
              if (n > 0) {
                count(n);
              }
              return n;
            }

            private void count(int n) throws BodyTooLargeException {
              read += n;
              if (read > limit) {
                throw new BodyTooLargeException(limit);
              }
            }

            @Override
            public boolean isFinished() {
              return in.isFinished();
            }

            @Override
            public boolean isReady() {
              return in.isReady();
            }

            @Override
            public void setReadListener(ReadListener listener) {
              in.setReadListener(listener);
            }
          };
    }
    return limited;
  }

  @Override
  public BufferedReader getReader() throws IOException {
    return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
  }
}
