package io.xfs.standalone;

/** Runs a whole xfs cluster in one JVM (issue 7 fills this in). */
public final class Standalone {
    private Standalone() {
    }

    public static void main(String[] args) {
        System.err.println("xfs standalone: not assembled yet");
        System.exit(2);
    }
}
