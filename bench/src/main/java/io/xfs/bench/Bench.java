package io.xfs.bench;

/** The xfs load tool (issue 8 fills this in). */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) {
        System.err.println("xfs-bench: not written yet");
        System.exit(2);
    }
}
