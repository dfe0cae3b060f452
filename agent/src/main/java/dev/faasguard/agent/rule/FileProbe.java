package dev.faasguard.agent.rule;

import dev.faasguard.bootstrap.Hooks;
import dev.faasguard.bootstrap.WritableRoots;
import java.io.File;

/** The questions a rule asks the file system; tests answer them themselves. */
@FunctionalInterface
public interface FileProbe {

    boolean exists(String absolutePath);

    /**
     * Where an absolute path really leads, the symbolic links of its directory followed; by default a file system
     * without links.
     */
    default String realPath(String absolutePath) {
        return WritableRoots.normalize(absolutePath);
    }

    /**
     * Where a file opened for writing really is: {@link #realPath}, and the name followed when it is a symbolic link
     * (opening one opens its target). By default the same as {@link #realPath}.
     */
    default String openedRealPath(String absolutePath) {
        return realPath(absolutePath);
    }

    /** The real file system (a class, not a lambda: it is created in premain). */
    FileProbe REAL = new FileProbe() {
        @Override
        public boolean exists(String absolutePath) {
            return new File(absolutePath).exists();
        }

        @Override
        public String realPath(String absolutePath) {
            return Hooks.realPath(absolutePath);
        }

        @Override
        public String openedRealPath(String absolutePath) {
            return Hooks.openedRealPath(absolutePath);
        }
    };
}
