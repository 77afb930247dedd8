package io.xfs.common.auth.servlet;

import io.xfs.common.auth.internal.InternalSigner;
import io.xfs.common.auth.internal.InternalVerifier;
import io.xfs.common.auth.internal.VerifiedCall;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.json.Json;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * {@link InternalVerifier} as a servlet filter, for the services on Tomcat (the directory, a store's
 * management port, sts): open paths pass, every other call must be signed; a signed body is hash-checked as
 * it is read. Form bodies are refused: the container parses them for request parameters past any wrapper,
 * and internal calls carry their parameters in the query (docs/api.md, "Internal calls").
 */
public final class InternalAuthFilter implements Filter {
    /** The request attribute holding the {@link VerifiedCall} of a signed call (for logs of admin calls). */
    public static final String CALL = InternalAuthFilter.class.getName() + ".call";

    private final InternalVerifier verifier;

    public InternalAuthFilter(InternalVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        String path = request.getRequestURI();
        if (verifier.isOpen(path)) {
            chain.doFilter(request, response);
            return;
        }
        VerifiedCall call;
        try {
            String type = request.getContentType();
            if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")
                    && request.getContentLengthLong() != 0) {
                throw new XfsException(ErrorCode.BAD_ARGUMENT, "internal calls carry their parameters in the query, "
                        + "not in a form body");
            }
            call = verifier.verify(request.getMethod(), path, request.getQueryString(),
                    request.getHeader(InternalSigner.HEADER), request.getContentLengthLong());
        } catch (XfsException e) {
            byte[] json = Json.write(e.body());
            response.setStatus(e.errorCode().httpStatus());
            response.setContentType("application/json");
            response.setContentLength(json.length);
            response.setHeader("Connection", "close");
            response.getOutputStream().write(json);
            return;
        }
        request.setAttribute(CALL, call);
        chain.doFilter(call.bodySigned() ? new CheckedBody(request, call) : request, response);
    }

    /** The request with its body read through {@link VerifiedCall#checking}. */
    private static final class CheckedBody extends HttpServletRequestWrapper {
        private final VerifiedCall call;
        private @Nullable ServletInputStream body;

        CheckedBody(HttpServletRequest request, VerifiedCall call) {
            super(request);
            this.call = call;
        }

        @Override
        public synchronized ServletInputStream getInputStream() throws IOException {
            if (body == null) {
                ServletInputStream raw = super.getInputStream();
                InputStream checked = call.checking(raw);
                body = new ServletInputStream() {
                    @Override
                    public int read() throws IOException {
                        return checked.read();
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        return checked.read(b, off, len);
                    }

                    @Override
                    public boolean isFinished() {
                        return raw.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return raw.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        throw new UnsupportedOperationException("internal calls read their bodies blocking");
                    }
                };
            }
            return body;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
        }
    }
}
