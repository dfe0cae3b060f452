package dev.faasguard.lambdasim;

import java.io.IOException;
import java.nio.file.Path;

/** Lets tests in other packages build the fixture jar. */
public final class CliFixtures {
    private CliFixtures() {
    }

    public static Path functionJar(Path dir) throws IOException {
        return Fixtures.functionJar(dir);
    }
}
