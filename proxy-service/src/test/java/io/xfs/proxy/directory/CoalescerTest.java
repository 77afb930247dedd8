package io.xfs.proxy.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CoalescerTest {

    /** Answers each call with its own number times ten, after a pause, and records every batch's size. */
    private static final class SlowDoubler implements Coalescer.Sender<Integer, Integer> {
        final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger concurrent = new AtomicInteger();
        final AtomicInteger mostConcurrent = new AtomicInteger();

        @Override
        public List<Integer> send(List<Integer> calls) {
            int now = concurrent.incrementAndGet();
            mostConcurrent.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                concurrent.decrementAndGet();
            }
            batchSizes.add(calls.size());
            return calls.stream().map(c -> c * 10).toList();
        }
    }

    @Test
    void aLoneCallerIsSentAtOnceAlone() {
        SlowDoubler sender = new SlowDoubler();
        Coalescer<Integer, Integer> coalescer = new Coalescer<>(sender, 64, 2);
        for (int i = 0; i < 5; i++) {
            assertThat(coalescer.call(i)).isEqualTo(i * 10);
        }
        assertThat(sender.batchSizes).containsExactly(1, 1, 1, 1, 1);
    }

    @Test
    void concurrentCallersShareBatchesAndEachGetsItsOwnAnswer() throws Exception {
        SlowDoubler sender = new SlowDoubler();
        Coalescer<Integer, Integer> coalescer = new Coalescer<>(sender, 8, 2);
        int callers = 32;
        int callsEach = 50;
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            List<Future<Integer>> wrong = new ArrayList<>();
            for (int t = 0; t < callers; t++) {
                int base = t * 1000;
                wrong.add(pool.submit(() -> {
                    start.await();
                    int mismatches = 0;
                    for (int i = 0; i < callsEach; i++) {
                        if (coalescer.call(base + i) != (base + i) * 10) {
                            mismatches++;
                        }
                    }
                    return mismatches;
                }));
            }
            start.countDown();
            for (Future<Integer> f : wrong) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isZero();
            }
        }
        int calls = sender.batchSizes.stream().mapToInt(Integer::intValue).sum();
        assertThat(calls).isEqualTo(callers * callsEach);
        assertThat(sender.batchSizes).allSatisfy(size -> assertThat(size).isBetween(1, 8));
        assertThat(sender.batchSizes.size()).as("batches for %d calls", calls).isLessThan(calls / 2);
        assertThat(sender.mostConcurrent.get()).as("batches on the wire at once").isBetween(1, 2);
    }

    @Test
    void aFailedBatchFailsItsCallsOnlyAndTheNextCallsStillGo() throws Exception {
        AtomicInteger batches = new AtomicInteger();
        Coalescer<Integer, Integer> coalescer = new Coalescer<>(calls -> {
            if (batches.incrementAndGet() % 2 == 1) {
                throw new IllegalStateException("directory down");
            }
            return calls;
        }, 4, 1);
        assertThatThrownBy(() -> coalescer.call(1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("directory down");
        assertThat(coalescer.call(2)).isEqualTo(2);
        // Failures must hand the slot on: with one slot, a leaked one would block every later call.
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int call = i;
                outcomes.add(pool.submit(() -> {
                    try {
                        return coalescer.call(call) == call ? "ok" : "wrong";
                    } catch (IllegalStateException e) {
                        return "failed";
                    }
                }));
            }
            List<String> seen = new ArrayList<>();
            for (Future<String> f : outcomes) {
                seen.add(f.get(30, TimeUnit.SECONDS));
            }
            assertThat(seen).doesNotContain("wrong").contains("ok", "failed");
        }
    }

    @Test
    void aSenderAnsweringTheWrongNumberOfCallsFailsTheBatch() {
        Coalescer<Integer, Integer> coalescer = new Coalescer<>(calls -> List.of(), 4, 1);
        assertThatThrownBy(() -> coalescer.call(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("0 answers to a batch of 1");
    }

    @Test
    void anInterruptDoesNotAbandonTheCallAndIsKept() {
        Coalescer<Integer, Integer> coalescer = new Coalescer<>(calls -> calls, 4, 1);
        Thread.currentThread().interrupt();
        try {
            assertThat(coalescer.call(7)).isEqualTo(7);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
