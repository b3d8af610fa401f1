package org.hallphone.app;

/** Entry point of {@code bin/hallphone} (placeholder; the composition root follows). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("Hallphone");
    }
}
