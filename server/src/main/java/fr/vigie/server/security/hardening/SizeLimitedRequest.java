package fr.vigie.server.security.hardening;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A request whose body stream throws {@link RequestBodyTooLargeException} as soon as more than a given number of bytes
 * has been read, and remembers that it did ({@link #overflowed()}), since the code reading the body may swallow or
 * wrap the exception.
 */
final class SizeLimitedRequest extends HttpServletRequestWrapper {

    private final long limitBytes;
    private volatile boolean overflowed;
    private LimitedInputStream stream;
    private BufferedReader reader;

    SizeLimitedRequest(HttpServletRequest request, long limitBytes) {
        super(request);
        this.limitBytes = limitBytes;
    }

    /** Whether a reader went past the limit. */
    boolean overflowed() {
        return overflowed;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (stream == null) {
            stream = new LimitedInputStream(super.getInputStream());
        }
        return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
        if (reader == null) {
            String encoding = getCharacterEncoding();
            // FHIR mandates UTF-8; Spring Boot's encoding filter normally sets it on the request anyway.
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
        return reader;
    }

    private final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private long count;

        LimitedInputStream(ServletInputStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public int read() throws IOException {
            checkNotOverflowed();
            int b = delegate.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            checkNotOverflowed();
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return delegate.available();
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }

        private void checkNotOverflowed() throws RequestBodyTooLargeException {
            if (overflowed) {
                throw new RequestBodyTooLargeException(limitBytes);
            }
        }

        private void counted(int n) throws RequestBodyTooLargeException {
            count += n;
            if (count > limitBytes) {
                overflowed = true;
                throw new RequestBodyTooLargeException(limitBytes);
            }
        }
    }
}
