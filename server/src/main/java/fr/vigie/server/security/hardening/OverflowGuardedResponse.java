package fr.vigie.server.security.hardening;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A response that ignores everything written to it once the request body went past its limit, so that
 * {@link RequestSizeLimitFilter} can answer 413 itself.
 *
 * <p>Why: the code reading the body does not let the {@link RequestBodyTooLargeException} through. HAPI catches it and
 * answers {@code 400 HAPI-0308: Could not load request resource}; the import service answers {@code 400 cannot receive
 * the upload}. Both would commit the response before the filter sees anything. Whatever was written before the limit
 * was reached goes through unchanged.
 */
final class OverflowGuardedResponse extends HttpServletResponseWrapper {

    private final BooleanSupplier overflowed;
    private ServletOutputStream stream;
    private PrintWriter writer;

    OverflowGuardedResponse(HttpServletResponse response, BooleanSupplier overflowed) {
        super(response);
        this.overflowed = overflowed;
    }

    private boolean open() {
        return !overflowed.getAsBoolean();
    }

    /** A call on the wrapped response that may throw what the servlet API throws. */
    @FunctionalInterface
    private interface IoCall {
        void run() throws IOException;
    }

    /** Passes {@code call} to the wrapped response until the body overflows, then drops it. */
    private void whileOpen(Runnable call) {
        if (open()) {
            call.run();
        }
    }

    /** {@link #whileOpen} for the calls that throw {@link IOException}. */
    private void ioWhileOpen(IoCall call) throws IOException {
        if (open()) {
            call.run();
        }
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            stream = open() ? new GuardedOutputStream(super.getOutputStream()) : new GuardedOutputStream(null);
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            writer = new PrintWriter(open() ? new GuardedWriter(super.getWriter()) : new GuardedWriter(null));
        }
        return writer;
    }

    @Override
    public void addCookie(Cookie cookie) {
        whileOpen(() -> super.addCookie(cookie));
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        ioWhileOpen(() -> super.sendError(sc, msg));
    }

    @Override
    public void sendError(int sc) throws IOException {
        ioWhileOpen(() -> super.sendError(sc));
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        ioWhileOpen(() -> super.sendRedirect(location));
    }

    @Override
    public void setDateHeader(String name, long date) {
        whileOpen(() -> super.setDateHeader(name, date));
    }

    @Override
    public void addDateHeader(String name, long date) {
        whileOpen(() -> super.addDateHeader(name, date));
    }

    @Override
    public void setHeader(String name, String value) {
        whileOpen(() -> super.setHeader(name, value));
    }

    @Override
    public void addHeader(String name, String value) {
        whileOpen(() -> super.addHeader(name, value));
    }

    @Override
    public void setIntHeader(String name, int value) {
        whileOpen(() -> super.setIntHeader(name, value));
    }

    @Override
    public void addIntHeader(String name, int value) {
        whileOpen(() -> super.addIntHeader(name, value));
    }

    @Override
    public void setStatus(int sc) {
        whileOpen(() -> super.setStatus(sc));
    }

    @Override
    public void setTrailerFields(Supplier<Map<String, String>> supplier) {
        whileOpen(() -> super.setTrailerFields(supplier));
    }

    @Override
    public void setCharacterEncoding(String charset) {
        whileOpen(() -> super.setCharacterEncoding(charset));
    }

    @Override
    public void setContentLength(int len) {
        whileOpen(() -> super.setContentLength(len));
    }

    @Override
    public void setContentLengthLong(long len) {
        whileOpen(() -> super.setContentLengthLong(len));
    }

    @Override
    public void setContentType(String type) {
        whileOpen(() -> super.setContentType(type));
    }

    @Override
    public void setLocale(Locale locale) {
        whileOpen(() -> super.setLocale(locale));
    }

    @Override
    public void setBufferSize(int size) {
        whileOpen(() -> super.setBufferSize(size));
    }

    @Override
    public void flushBuffer() throws IOException {
        ioWhileOpen(() -> super.flushBuffer());
    }

    @Override
    public void resetBuffer() {
        whileOpen(() -> super.resetBuffer());
    }

    @Override
    public void reset() {
        whileOpen(() -> super.reset());
    }

    /** Writes through to {@code delegate} until the overflow; a {@code null} delegate discards everything. */
    private final class GuardedOutputStream extends ServletOutputStream {

        private final ServletOutputStream delegate;

        GuardedOutputStream(ServletOutputStream delegate) {
            this.delegate = delegate;
        }

        private boolean passing() {
            return delegate != null && open();
        }

        @Override
        public void write(int b) throws IOException {
            if (passing()) {
                delegate.write(b);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (passing()) {
                delegate.write(bytes, offset, length);
            }
        }

        @Override
        public void flush() throws IOException {
            if (passing()) {
                delegate.flush();
            }
        }

        @Override
        public void close() throws IOException {
            if (passing()) {
                delegate.close();
            }
        }

        @Override
        public boolean isReady() {
            return delegate == null || delegate.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            if (delegate != null) {
                delegate.setWriteListener(listener);
            }
        }
    }

    /** Writes through to {@code delegate} until the overflow; a {@code null} delegate discards everything. */
    private final class GuardedWriter extends Writer {

        private final Writer delegate;

        GuardedWriter(Writer delegate) {
            this.delegate = delegate;
        }

        private boolean passing() {
            return delegate != null && open();
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            if (passing()) {
                delegate.write(chars, offset, length);
            }
        }

        @Override
        public void flush() throws IOException {
            if (passing()) {
                delegate.flush();
            }
        }

        @Override
        public void close() throws IOException {
            if (passing()) {
                delegate.close();
            }
        }
    }
}
