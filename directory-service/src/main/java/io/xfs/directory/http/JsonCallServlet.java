package io.xfs.directory.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.xfs.common.error.ErrorBody;
import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import io.xfs.common.json.Json;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One of the directory's hot calls ({@code /upload}, {@code /commit}, {@code /get}) as a plain servlet
 * rather than a controller: no handler lookup, argument binding or message conversion, which cost the
 * proxy's every write and cache miss more than the call's own work. Answers exactly as Spring MVC and
 * {@link ErrorAdvice} did: a JSON body (written with {@link Json}), errors as {@link ErrorBody} with
 * the status of their code, 405 for another method ({@code OPTIONS} lists the one served). The internal-call
 * check runs before, as a filter ({@code HttpConfiguration}). Counts answers by
 * status in {@code xfs.directory.requests} (the {@code http.server.requests} observation is kept off
 * these paths, see {@code HttpConfiguration}). Thread-safe.
 */
final class JsonCallServlet extends HttpServlet {
    private static final String JSON = "application/json";

    /** The call itself: the answer to serialize, or an {@link XfsException} to answer as an error. */
    @FunctionalInterface
    interface Call {
        Object answer(HttpServletRequest request) throws IOException;
    }

    private final String method;
    private final String name;
    private final transient Call call;
    private final transient MeterRegistry meters;
    private final transient ConcurrentMap<Integer, Counter> answers = new ConcurrentHashMap<>();

    /**
     * @param method the one method served ({@code GET} also serves {@code HEAD}, without the body)
     * @param name   the call's name in the counters
     */
    JsonCallServlet(String method, String name, Call call, MeterRegistry meters) {
        this.method = method;
        this.name = name;
        this.call = call;
        this.meters = meters;
    }

    @Override
    protected final void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String given = request.getMethod();
        boolean head = given.equals("HEAD") && method.equals("GET");
        if (given.equals("OPTIONS")) {
            // As Spring MVC answered it for a mapped path, secret or not.
            response.setHeader("Allow", method.equals("GET") ? "GET,HEAD,OPTIONS" : method + ",OPTIONS");
            response.setContentLength(0);
            return;
        }
        int status;
        byte[] body;
        if (!given.equals(method) && !head) {
            status = HttpServletResponse.SC_METHOD_NOT_ALLOWED;
            body = Json.write(ErrorBody.of(ErrorCode.BAD_ARGUMENT, "Request method '" + given + "' is not supported"));
        } else {
            try {
                body = Json.write(call.answer(request));
                status = HttpServletResponse.SC_OK;
            } catch (XfsException e) {
                ErrorAdvice.logIfServerError(e);
                status = e.errorCode().httpStatus();
                body = Json.write(e.body());
            } catch (RuntimeException e) {
                XfsException failure = ErrorAdvice.unexpectedFailure(e);
                status = failure.errorCode().httpStatus();
                body = Json.write(failure.body());
            }
        }
        counter(status).increment();
        response.setStatus(status);
        response.setContentType(JSON);
        response.setContentLength(body.length);
        if (!head) {
            response.getOutputStream().write(body);
        }
    }

    private Counter counter(int status) {
        Counter counter = answers.get(status);
        return counter != null ? counter : answers.computeIfAbsent(status, s -> Counter.builder("xfs.directory.requests")
                .description("Answers of the directory's hot calls, by call and HTTP status")
                .tag("call", name).tag("status", Integer.toString(s))
                .register(meters));
    }
}
