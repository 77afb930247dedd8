package io.xfs.common.auth.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log of admin calls (docs/operations.md, "Audit log"): one INFO line per call on the logger
 * {@value #LOGGER}, written once the call is answered, refused ones included, with who made it:
 * <pre>
 * directory POST /admin/backup?dir=nightly -> 200 by key:AKIA... from 10.0.0.7
 * </pre>
 * "Who" is what the service's authentication verified when it says so in the request attribute
 * {@link #CALLER}; otherwise what the request claims: {@code key:<id>} (SigV4), {@code internal:<role>/<id>}
 * (internal signature) or {@code anonymous}; the status says
 * whether the claim held. Map it to admin paths only. Thread-safe.
 */
public final class AuditFilter implements Filter {
    /** The logger name, so that operators can route the audit lines to their own file. */
    public static final String LOGGER = "xfs.audit";
    /** Request attribute (a String) naming the caller that authentication verified. */
    public static final String CALLER = "xfs.audit.caller";
    private static final Logger AUDIT = LoggerFactory.getLogger(LOGGER);
    private static final Pattern SIGV4_KEY = Pattern.compile("Credential=([^/,\\s]{1,128})/");
    private static final Pattern INTERNAL = Pattern.compile("^XFS1 .*?\\brole=([a-z]{1,16}),id=([A-Za-z0-9._:@-]{1,128})");
    private static final Pattern PRESIGNED_KEY = Pattern.compile("(?:^|&)X-Amz-Credential=([^&/%]{1,128})(?:/|%2F)");
    private static final Pattern SIGNATURE_PARAM = Pattern.compile("(?i)(X-Amz-Signature=)[^&]*");

    private final String service;

    public AuditFilter(String service) {
        this.service = service;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse answer)) {
            chain.doFilter(request, response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            if (AUDIT.isInfoEnabled()) {
                AUDIT.info("{} {} {} -> {} by {} from {}", service, http.getMethod(), target(http), answer.getStatus(),
                        caller(http), http.getRemoteAddr());
            }
        }
    }

    /** Path and query as sent, a presigned URL's signature left out, control characters escaped. */
    static String target(HttpServletRequest request) {
        String query = request.getQueryString();
        String target = request.getRequestURI()
                + (query == null ? "" : "?" + SIGNATURE_PARAM.matcher(query).replaceAll("$1..."));
        return printable(target);
    }

    static String caller(HttpServletRequest request) {
        if (request.getAttribute(CALLER) instanceof String verified) {
            return printable(verified);
        }
        String internal = request.getHeader("X-Xfs-Auth");
        Matcher m;
        if (internal != null && (m = INTERNAL.matcher(internal)).find()) {
            return "internal:" + m.group(1) + "/" + m.group(2);
        }
        String key = sigV4Key(request);
        if (key != null) {
            return "key:" + printable(key);
        }
        return "anonymous";
    }

    private static @Nullable String sigV4Key(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            Matcher m = SIGV4_KEY.matcher(authorization);
            if (m.find()) {
                return m.group(1);
            }
        }
        // From the raw query: getParameter would read a form body the call itself may not have read.
        String query = request.getQueryString();
        if (query != null) {
            Matcher m = PRESIGNED_KEY.matcher(query);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    /** One log line per call: nothing in a request may start another line. */
    private static String printable(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
