package io.xfs.common.testing;

import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Property-style fuzzing with a fixed seed: a property is run on many inputs made by mutating valid
 * samples with characters parsers trip on. In a plain build each property runs its CI count (seconds in
 * all); the {@code fuzz} profile raises it with {@code -Dxfs.fuzz.iterations} and may move the seed with
 * {@code -Dxfs.fuzz.seed} (docs/operations.md "Fuzzing"). A failure names the case's own seed, which
 * {@code -Dxfs.fuzz.case} replays alone. Jazzer was tried first: it runs on JDK 25 but cannot
 * instrument class files of version 69, so it fuzzes blind (docs/operations.md).
 */
public final class RandomInputs {
    /** Characters that parsers of URLs, headers and paths treat specially, plus some that are never valid. */
    public static final String TRICKY = "%+=&;,/\\.:?#@[]!$'()*\"<> \t\r\n\0\u007f0123456789abcdefxXFZ-_~"
            + "\u00e9\u00ff\u0100\u2028\ud800\udc00\ufffd\ufeff";

    private RandomInputs() {
    }

    /** Runs {@code property} {@code ciIterations} times (or as the fuzz profile says), each with its own seed. */
    public static void check(String name, int ciIterations, Consumer<Random> property) {
        long only = Long.getLong("xfs.fuzz.case", 0L);
        if (only != 0) {
            run(name, only, property);
            return;
        }
        long seed = Long.getLong("xfs.fuzz.seed", 0L);
        if (seed == 0) {
            seed = 0x5eed_f00dL;
        }
        long iterations = Long.getLong("xfs.fuzz.iterations", 0L);
        long runs = iterations > 0 ? iterations : ciIterations;
        Random seeds = new Random(seed ^ name.hashCode());
        for (long i = 0; i < runs; i++) {
            run(name, seeds.nextLong(), property);
        }
    }

    private static void run(String name, long caseSeed, Consumer<Random> property) {
        try {
            property.accept(new Random(caseSeed));
        } catch (RuntimeException | AssertionError e) {
            throw new AssertionError(name + " failed; replay with -Dxfs.fuzz.case=" + caseSeed + ": " + e, e);
        }
    }

    /** One of {@code samples}, changed by up to four random edits with characters from {@link #TRICKY}. */
    public static String mutate(Random random, List<String> samples) {
        StringBuilder text = new StringBuilder(samples.get(random.nextInt(samples.size())));
        int edits = random.nextInt(5);
        for (int i = 0; i < edits; i++) {
            int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
            switch (random.nextInt(5)) {
                case 0 -> text.insert(at, tricky(random));
                case 1 -> {
                    if (at < text.length()) {
                        text.deleteCharAt(at);
                    }
                }
                case 2 -> {
                    if (at < text.length()) {
                        text.setCharAt(at, tricky(random));
                    }
                }
                case 3 -> text.insert(at, text, 0, Math.min(text.length(), random.nextInt(8))); // repeat a part
                default -> text.insert(at, Long.toString(random.nextLong() >>> random.nextInt(64)));
            }
        }
        return text.toString();
    }

    /** A string of up to {@code maxLength} characters from {@link #TRICKY}. */
    public static String tricky(Random random, int maxLength) {
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(maxLength + 1); n > 0; n--) {
            text.append(tricky(random));
        }
        return text.toString();
    }

    private static char tricky(Random random) {
        return TRICKY.charAt(random.nextInt(TRICKY.length()));
    }
}
