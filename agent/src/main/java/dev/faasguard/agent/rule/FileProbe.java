package dev.faasguard.agent.rule;

import java.io.File;

/** The one question a rule asks the file system; tests answer it themselves. */
@FunctionalInterface
public interface FileProbe {

    boolean exists(String absolutePath);

    FileProbe REAL = path -> new File(path).exists();
}
