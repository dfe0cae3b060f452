package dev.faasguard.lambdasim;

import java.io.IOException;
import java.nio.file.Path;

/** Lets tests in other packages use the fixtures: the function jar, the libraries it needs, the JDKs. */
public final class CliFixtures {
    private CliFixtures() {
    }

    public static Path functionJar(Path dir) throws IOException {
        return Fixtures.functionJar(dir);
    }

    public static Path orgCracJar() {
        return SimTesting.orgCracJar();
    }

    /** A JDK 21+ home for the function, or a loud skip (a failure under CI=true). */
    public static Path jdk21OrLater() {
        return SimTesting.jdk21OrLater();
    }
}
