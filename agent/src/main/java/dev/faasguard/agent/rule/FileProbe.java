package dev.faasguard.agent.rule;

import java.io.File;

/** The one question a rule asks the file system; tests answer it themselves. */
@FunctionalInterface
public interface FileProbe {

    boolean exists(String absolutePath);

    /** The real file system (a class, not a lambda: it is created in premain). */
    FileProbe REAL = new FileProbe() {
        @Override
        public boolean exists(String absolutePath) {
            return new File(absolutePath).exists();
        }
    };
}
