package io.xfs.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Untimed fan-out over a list with N workers, each with its own connections; keeps the list's order. */
final class Parallel {
    interface Step {
        FileEntry apply(Connections connections, FileEntry file) throws IOException, BenchFailure;
    }

    private Parallel() {
    }

    static List<FileEntry> map(List<FileEntry> files, int workers, Step step) throws IOException, BenchFailure {
        FileEntry[] out = new FileEntry[files.size()];
        AtomicInteger next = new AtomicInteger();
        List<Future<Void>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(() -> {
                    try (Connections connections = new Connections(30_000)) {
                        for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
                            out[i] = step.apply(connections, files.get(i));
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BenchFailure failure) {
                throw failure;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause);
        }
        return List.of(out);
    }
}
