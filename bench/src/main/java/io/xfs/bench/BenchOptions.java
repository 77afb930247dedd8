package io.xfs.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The command line of xfs-bench, parsed once into an immutable value. Flags take one dash or two
 * ({@code -n} and {@code --n} are the same), as weed benchmark users expect.
 */
record BenchOptions(
        List<String> phases,
        int files,
        int concurrency,
        int size,
        int sizeJitter,
        String target,
        URI proxy,
        URI directory,
        URI url,
        String bucket,
        String prefix,
        @Nullable String durability,
        @Nullable Path secretFile,
        @Nullable Path credentials,
        @Nullable Path manifest,
        boolean json,
        long seed,
        int timeoutMillis) {

    static final String USAGE = """
            usage: java -jar xfs-bench.jar [write] [read] [options]
              phases          write, read, or both (default: write read)
              -n N            files (default 10000)
              -c N            concurrent clients (default 16)
              -size BYTES     base file size (default 1024); accepts 1k, 64k, 1m
              -jitter BYTES   random extra bytes 0..jitter-1 added per file (default 64)
              -target T       proxy | store | http (default proxy)
              -proxy URL      proxy base URL (default http://127.0.0.1:2232)
              -directory URL  directory base URL for -target store (default http://127.0.0.1:6065)
              -url URL        base URL for -target http: PUT and GET <url>/<name> (e.g. nginx WebDAV)
              -bucket NAME    bucket (default bench)
              -prefix NAME    directory inside the bucket (default: a fresh run id)
              -durability P   the store's durability policy, printed in the report (fsync|interval|none)
              -secret-file F  the cluster secret, to sign internal calls as an operator (-target store)
              -credentials F  sign every proxy request with SigV4 with the key in file F (lines
                              access_key_id=... and secret_access_key=..., as <data-dir>/admin.credentials);
                              bodies are sent UNSIGNED-PAYLOAD, so signing costs no hashing of the body
              -manifest FILE  write phase saves the files it wrote here; a read-only run reads it
              -seed N         payload seed (default 42)
              -timeout MS     per-request timeout (default 30000)
              --json          print the report as JSON
            """;

    static BenchOptions parse(String[] args) {
        List<String> phases = new ArrayList<>();
        int files = 10_000;
        int concurrency = 16;
        int size = 1024;
        int jitter = 64;
        String target = "proxy";
        URI proxy = URI.create("http://127.0.0.1:2232");
        URI directory = URI.create("http://127.0.0.1:6065");
        URI url = URI.create("http://127.0.0.1:8080/bench");
        String bucket = "bench";
        String prefix = "run-" + Long.toString(System.currentTimeMillis(), 36);
        String durability = null;
        Path secretFile = null;
        Path credentials = null;
        Path manifest = null;
        boolean json = false;
        long seed = 42;
        int timeout = 30_000;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("write") || arg.equals("read")) {
                phases.add(arg);
                continue;
            }
            String flag = arg.replaceFirst("^--?", "").toLowerCase(Locale.ROOT);
            if (flag.equals("json")) {
                json = true;
                continue;
            }
            if (flag.equals("help") || flag.equals("h")) {
                throw new HelpRequested();
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + arg);
            }
            String value = args[++i];
            switch (flag) {
                case "n" -> files = positive(flag, Integer.parseInt(value));
                case "c" -> concurrency = positive(flag, Integer.parseInt(value));
                case "size" -> size = (int) parseSize(value);
                case "jitter" -> jitter = (int) parseSize(value);
                case "target" -> target = value;
                case "proxy" -> proxy = URI.create(value);
                case "directory" -> directory = URI.create(value);
                case "url" -> url = URI.create(value);
                case "bucket" -> bucket = value;
                case "prefix" -> prefix = value;
                case "durability" -> durability = value;
                case "secret-file" -> secretFile = Path.of(value);
                case "credentials" -> credentials = Path.of(value);
                case "manifest" -> manifest = Path.of(value);
                case "seed" -> seed = Long.parseLong(value);
                case "timeout" -> timeout = positive(flag, Integer.parseInt(value));
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (!List.of("proxy", "store", "http").contains(target)) {
            throw new IllegalArgumentException("-target must be proxy, store or http, not " + target);
        }
        if (phases.isEmpty()) {
            phases = List.of("write", "read");
        }
        if (!phases.contains("write") && manifest == null) {
            throw new IllegalArgumentException("a read-only run needs -manifest from an earlier write run");
        }
        return new BenchOptions(List.copyOf(phases), files, concurrency, size, jitter, target, proxy, directory,
                url, bucket, prefix, durability, secretFile, credentials, manifest, json, seed, timeout);
    }

    /** {@code --help} or {@code -h}: the usage is the answer, not an error. */
    static final class HelpRequested extends IllegalArgumentException {
        HelpRequested() {
            super("");
        }
    }

    private static int positive(String flag, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("-" + flag + " must be positive");
        }
        return value;
    }

    static long parseSize(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (v.endsWith("k") || v.endsWith("kb") || v.endsWith("kib")) {
            unit = 1024;
        } else if (v.endsWith("m") || v.endsWith("mb") || v.endsWith("mib")) {
            unit = 1024 * 1024;
        }
        String digits = v.replaceAll("[a-z]+$", "");
        long n = Long.parseLong(digits) * unit;
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("size out of range: " + value);
        }
        return n;
    }
}
