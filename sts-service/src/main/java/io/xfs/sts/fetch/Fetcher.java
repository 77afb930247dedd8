package io.xfs.sts.fetch;

import io.xfs.common.error.ErrorCode;
import io.xfs.common.error.XfsException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Opens a uri at its origin: checks the target with the {@link AddressGuard}, connects to the checked address,
 * and follows at most {@value #MAX_REDIRECTS} redirects, checking each new target the same way. Any failure
 * (refused target, unreachable origin, a status other than 200) is a {@link ErrorCode#FETCH_FAILED} whose
 * message says why. Thread-safe.
 */
public final class Fetcher {
    public static final int MAX_REDIRECTS = 3;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final AddressGuard guard;
    private final OriginClient client;

    public Fetcher(AddressGuard guard, OriginClient client) {
        this.guard = guard;
        this.client = client;
    }

    public AddressGuard guard() {
        return guard;
    }

    /** The origin's 200 response for {@code uri}; the caller reads and closes it. */
    public OriginResponse open(URI uri) {
        URI current = uri;
        for (int redirects = 0; ; redirects++) {
            InetAddress address = checked(current, uri, redirects);
            OriginResponse response;
            try {
                response = client.get(current, address);
            } catch (IOException e) {
                throw failed("fetching " + current + " from " + address.getHostAddress() + " failed: " + e, e);
            }
            int status = response.status();
            if (status == 200) {
                return response;
            }
            String location = response.header("location");
            closeQuietly(response);
            if (!REDIRECTS.contains(status) || location == null) {
                throw failed("origin answered " + status + " for " + current, null);
            }
            if (redirects == MAX_REDIRECTS) {
                throw failed("more than " + MAX_REDIRECTS + " redirects fetching " + uri, null);
            }
            current = nextTarget(current, location);
        }
    }

    private InetAddress checked(URI target, URI original, int redirects) {
        try {
            return guard.check(target.getHost(), FetchUri.port(target));
        } catch (XfsException e) {
            if (e.errorCode() == ErrorCode.FORBIDDEN && redirects == 0) {
                throw e;
            }
            String prefix = redirects == 0 ? "" : "redirect of " + original + " to " + target + ": ";
            throw failed(prefix + e.getMessage(), e);
        }
    }

    private static URI nextTarget(URI current, String location) {
        try {
            return FetchUri.validate(current.resolve(location.trim()));
        } catch (IllegalArgumentException | XfsException e) {
            throw failed("origin redirected " + current + " to an unusable location '" + location + "': "
                    + e.getMessage(), e);
        }
    }

    static XfsException failed(String message, @Nullable Throwable cause) {
        return cause == null ? new XfsException(ErrorCode.FETCH_FAILED, message)
                : new XfsException(ErrorCode.FETCH_FAILED, message, cause);
    }

    private static void closeQuietly(OriginResponse response) {
        try {
            response.close();
        } catch (IOException ignored) {
            // The connection is gone either way.
        }
    }
}
