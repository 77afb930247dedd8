package io.xfs.standalone;

import io.xfs.common.auth.access.BucketPolicy;
import io.xfs.common.auth.client.AuthClient;
import io.xfs.common.auth.sigv4.SigV4;
import io.xfs.common.auth.sigv4.SigV4Signer;
import io.xfs.common.error.XfsException;
import io.xfs.common.http.client.KeepAliveClient;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./xfs keys create|list|revoke} and {@code ./xfs policy set|list}: the directory's key calls, signed
 * with the admin key read from the environment or {@code <data-dir>/admin.credentials} (never a command line);
 * {@code ./xfs presign} makes a presigned URL of the proxy with that key, offline.
 * Options: {@code --directory URL} (default {@code http://127.0.0.1:6065}), {@code --data-dir DIR}.
 */
final class KeysCommand {
    static final String USAGE = """
            usage: xfs keys create <bucket>:<perm>[,<perm>...]...   (perm: read, list, write, delete, *)
                   xfs keys list
                   xfs keys revoke <access key id>
                   xfs policy set <bucket> private|public-read
                   xfs policy list
                   xfs presign <path> [GET|PUT] [seconds]   (a presigned URL, default GET for 3600 s)
            options: --directory URL (default http://127.0.0.1:6065), --data-dir DIR (default data),
                     --proxy URL (for presign, default http://127.0.0.1:2232)
            """;

    private KeysCommand() {
    }

    static boolean handles(String[] args) {
        return args.length > 0 && (args[0].equals("keys") || args[0].equals("policy") || args[0].equals("presign"));
    }

    /**
     * A URL for {@code GET} (or {@code PUT}) of the path, signed with the admin key for {@code seconds} (at
     * most 7 days): whoever holds it may make that one call until it expires (docs/api.md, "Authentication").
     */
    private static String presign(URI proxy, AdminCredentials admin, List<String> args) {
        String method = args.size() > 1 ? args.get(1).toUpperCase(java.util.Locale.ROOT) : "GET";
        if (!method.equals("GET") && !method.equals("PUT")) {
            throw new IllegalArgumentException("presign makes GET or PUT URLs, not " + method);
        }
        Duration expires = Duration.ofSeconds(args.size() > 2 ? Long.parseLong(args.get(2)) : 3600);
        String query = "path=" + SigV4.encode(args.getFirst(), false);
        return proxy + "/file?" + new SigV4Signer(admin.accessKeyId(), admin.secretAccessKey(), "us-east-1")
                .presign(method, "/file", query, proxy.getRawAuthority(), Instant.now(), expires);
    }

    /** Runs the command; returns the exit status (0 done, 1 refused or failed, 2 usage). */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        URI directory = URI.create("http://127.0.0.1:6065");
        URI proxy = URI.create("http://127.0.0.1:2232");
        // The standalone's default data directory, where it keeps admin.credentials.
        Path dataDir = Path.of(env.getOrDefault("XFS_DATA_DIR", "data"));
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--directory") && i + 1 < args.length) {
                directory = URI.create(args[++i]);
            } else if (args[i].equals("--proxy") && i + 1 < args.length) {
                proxy = URI.create(args[++i]);
            } else if (args[i].equals("--data-dir") && i + 1 < args.length) {
                dataDir = Path.of(args[++i]);
            } else {
                words.add(args[i]);
            }
        }
        if (words.size() < 2) {
            err.print(USAGE);
            return 2;
        }
        try (KeepAliveClient http = new KeepAliveClient(KeepAliveClient.Settings.of(Duration.ofSeconds(5),
                Duration.ofSeconds(30)))) {
            AdminCredentials admin = AdminCredentials.loadExisting(dataDir, env);
            AuthClient client = new AuthClient(http, directory,
                    new SigV4Signer(admin.accessKeyId(), admin.secretAccessKey(), "us-east-1"), Clock.systemUTC());
            String command = words.get(0) + " " + words.get(1);
            List<String> rest = words.subList(2, words.size());
            if (words.get(0).equals("presign")) {
                command = "presign";
                rest = words.subList(1, words.size());
            }
            Object answer = switch (command) {
                case "presign" -> rest.size() <= 3 ? presign(proxy, admin, rest) : null;
                case "keys create" -> client.createKey(rest);
                case "keys list" -> client.listKeys();
                case "keys revoke" -> rest.size() == 1 ? client.revokeKey(rest.getFirst()) : null;
                case "policy set" -> rest.size() == 2 ? client.setPolicy(rest.get(0), BucketPolicy.of(rest.get(1))) : null;
                case "policy list" -> client.listPolicies();
                default -> null;
            };
            if (answer == null) {
                err.print(USAGE);
                return 2;
            }
            out.println(answer);
            return 0;
        } catch (XfsException | IOException | IllegalArgumentException e) {
            err.println("xfs " + words.get(0) + ": " + e.getMessage());
            return 1;
        }
    }
}
