package io.xfs.proxy.directory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Sends concurrent calls of one kind to the directory as batches ("smart batching"). A call that finds
 * fewer than {@code maxInFlight} batches on the wire is sent at once, together with whatever is waiting;
 * calls that arrive while the wire is busy wait and leave together in the next batch, sent by the first of
 * them when a batch returns. An idle proxy therefore pays no added latency, and a busy one pays one round
 * trip (and one directory sync) for many callers instead of one each. Thread-safe.
 *
 * @param <Q> one call
 * @param <R> its answer
 */
final class Coalescer<Q, R> {

    /** Sends one batch: returns one answer per call, in order, or throws, which fails every call of it. */
    @FunctionalInterface
    interface Sender<Q, R> {
        List<R> send(List<Q> calls);
    }

    private final Sender<Q, R> sender;
    private final int maxBatch;
    private final int maxInFlight;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Waiter<Q, R>> waiting = new ArrayDeque<>();
    private int inFlight;

    Coalescer(Sender<Q, R> sender, int maxBatch, int maxInFlight) {
        if (maxBatch < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("maxBatch and maxInFlight must be positive");
        }
        this.sender = sender;
        this.maxBatch = maxBatch;
        this.maxInFlight = maxInFlight;
    }

    /**
     * Sends {@code call} in a batch and returns its answer; blocks until that batch returned. Interrupts do
     * not end the wait (this thread may be the one chosen to send the next batch); they are kept for later.
     *
     * @throws RuntimeException whatever sending its batch threw
     */
    R call(Q call) {
        Waiter<Q, R> me = new Waiter<>(call, Thread.currentThread());
        boolean send;
        lock.lock();
        try {
            send = inFlight < maxInFlight;
            if (send) {
                inFlight++;
            } else {
                waiting.add(me);
            }
        } finally {
            lock.unlock();
        }
        if (send) {
            sendBatchOf(me);
        }
        return me.await(this);
    }

    /** Sends {@code first} with as many waiting calls as fit, then hands this batch's slot on. */
    private void sendBatchOf(Waiter<Q, R> first) {
        List<Waiter<Q, R>> batch = new ArrayList<>();
        batch.add(first);
        lock.lock();
        try {
            while (batch.size() < maxBatch && !waiting.isEmpty()) {
                batch.add(waiting.poll());
            }
        } finally {
            lock.unlock();
        }
        try {
            List<Q> calls = new ArrayList<>(batch.size());
            for (Waiter<Q, R> w : batch) {
                calls.add(w.call);
            }
            List<R> answers = sender.send(calls);
            if (answers.size() != calls.size()) {
                throw new IllegalStateException(answers.size() + " answers to a batch of " + calls.size() + " calls");
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).answer(answers.get(i));
            }
        } catch (RuntimeException | Error e) {
            for (Waiter<Q, R> w : batch) {
                w.fail(e);
            }
        } finally {
            Waiter<Q, R> next;
            lock.lock();
            try {
                // The slot passes to the oldest waiting call, taken out of the queue so that no other batch
                // can take it too; with nobody waiting it is given back.
                next = waiting.poll();
                if (next == null) {
                    inFlight--;
                }
            } finally {
                lock.unlock();
            }
            if (next != null) {
                next.lead();
            }
        }
    }

    /** One call, parked until answered or asked to send the next batch. */
    private static final class Waiter<Q, R> {
        private static final int WAITING = 0;
        private static final int SEND = 1;
        private static final int DONE = 2;

        private final Q call;
        private final Thread thread;
        private volatile int state = WAITING;
        private @Nullable R answer;
        private @Nullable RuntimeException runtimeFailure;
        private @Nullable Error errorFailure;

        Waiter(Q call, Thread thread) {
            this.call = call;
            this.thread = thread;
        }

        void answer(R value) {
            answer = value;
            finish(DONE);
        }

        void fail(Throwable failure) {
            if (failure instanceof Error e) {
                errorFailure = e;
            } else {
                runtimeFailure = (RuntimeException) failure;
            }
            finish(DONE);
        }

        void lead() {
            finish(SEND);
        }

        private void finish(int next) {
            state = next; // volatile write: publishes answer and failure
            LockSupport.unpark(thread);
        }

        @SuppressWarnings("NullAway") // a batch answers every call: DONE without a failure means answered
        R await(Coalescer<Q, R> coalescer) {
            boolean interrupted = false;
            try {
                while (true) {
                    int s = state;
                    if (s == DONE) {
                        if (errorFailure != null) {
                            throw errorFailure;
                        }
                        if (runtimeFailure != null) {
                            throw runtimeFailure;
                        }
                        return answer;
                    }
                    if (s == SEND) {
                        state = WAITING;
                        coalescer.sendBatchOf(this);
                        continue;
                    }
                    LockSupport.park(this);
                    if (Thread.interrupted()) {
                        interrupted = true;
                    }
                }
            } finally {
                if (interrupted) {
                    thread.interrupt();
                }
            }
        }
    }
}
