package io.xfs.bench;

import io.xfs.common.auth.sigv4.CredentialsFile;
import io.xfs.common.auth.internal.ClusterSecret;
import io.xfs.common.auth.internal.InternalRole;
import io.xfs.common.auth.internal.InternalSigner;
import io.xfs.common.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;

/**
 * xfs-bench, the load tool: writes N files with C concurrent clients, then reads them back at random,
 * verifying every byte by SHA-1, and reports requests/s, MB/s and latency percentiles. It measures the
 * proxy, the stores directly, or any HTTP server that takes PUT (the nginx baseline) with the same client.
 * Exit status: 0 when every request succeeded (and for {@code --help}), 1 when some failed, 2 on bad usage.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (BenchOptions.HelpRequested help) {
            System.out.print(BenchOptions.USAGE);
            System.exit(0);
            return;
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("xfs-bench: " + e.getMessage());
            }
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        Map<String, Object> report = run(options, System.err);
        if (options.json()) {
            Map<String, Object> json = new LinkedHashMap<>(report);
            json.remove("text");
            System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
        } else {
            System.out.print(report.get("text"));
        }
        System.exit(((Number) report.get("errors")).longValue() == 0 ? 0 : 1);
    }

    /** Runs the phases and returns the report as a JSON-ready map (with a {@code text} rendering). */
    static Map<String, Object> run(BenchOptions options, PrintStream progress)
            throws IOException, InterruptedException, BenchFailure {
        Target target = switch (options.target()) {
            case "store" -> new StoreTarget(options.directory(), options.bucket(), options.seed(),
                    options.secretFile() == null ? null : new InternalSigner(
                            ClusterSecret.of(ClusterSecret.read(options.secretFile())), InternalRole.OPERATOR, "bench"));
            case "http" -> new HttpTarget(options.url());
            default -> new ProxyTarget(options.proxy(), options.bucket(), options.credentials() == null ? null
                    : CredentialsFile.read(options.credentials()).signer("us-east-1"));
        };
        PhaseRunner runner = new PhaseRunner(target, options.concurrency(), options.timeoutMillis(), options.seed(),
                progress);
        List<PhaseResult> results = new ArrayList<>();
        List<FileEntry> files;
        if (options.phases().contains("write")) {
            List<FileEntry> planned = plan(options);
            planned = target.prepareWrites(planned, options.concurrency());
            List<FileEntry> written = new ArrayList<>();
            results.add(runner.write(planned, written));
            files = target.finishWrites(written, options.concurrency());
            if (options.manifest() != null) {
                Files.write(options.manifest(), Json.write(files));
            }
        } else {
            files = Json.mapper().readValue(Files.readAllBytes(options.manifest()), new TypeReference<List<FileEntry>>() {
            });
        }
        if (options.phases().contains("read")) {
            if (files.isEmpty()) {
                throw new BenchFailure("no-files", "nothing was written, so nothing can be read");
            }
            results.add(runner.read(files, options.files()));
        }
        return report(options, target, results);
    }

    private static List<FileEntry> plan(BenchOptions options) {
        List<FileEntry> files = new ArrayList<>(options.files());
        for (int i = 0; i < options.files(); i++) {
            int size = Payloads.size(options.seed(), i, options.size(), options.sizeJitter());
            byte[] body = Payloads.bytes(options.seed(), i, size);
            String sha1 = FileEntry.hex(Payloads.sha1().digest(body));
            files.add(new FileEntry(i, options.prefix() + "/" + String.format("%08d", i), size, sha1, ""));
        }
        return files;
    }

    private static Map<String, Object> report(BenchOptions options, Target target, List<PhaseResult> results) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("target", target.describe());
        report.put("durability", options.durability() == null ? "unspecified" : options.durability());
        report.put("files", options.files());
        report.put("concurrency", options.concurrency());
        report.put("size", options.size());
        report.put("sizeJitter", options.sizeJitter());
        report.put("phases", results.stream().map(PhaseResult::toJson).toList());
        report.put("errors", results.stream().mapToLong(PhaseResult::errorCount).sum());
        StringBuilder text = new StringBuilder();
        text.append(String.format("xfs-bench: %s, %d files of %d+%d bytes, %d clients, durability %s%n",
                target.describe(), options.files(), options.size(), options.sizeJitter(), options.concurrency(),
                report.get("durability")));
        results.forEach(r -> text.append(r.toText()));
        Map<String, Object> out = new LinkedHashMap<>(report);
        out.put("text", text.toString());
        return out;
    }
}
