package com.example.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Application classes as StaticStateTransformerTest rewrites them: statics with and without a static initializer. */
public final class StaticShapes {

    private StaticShapes() {}

    /** A static list filled by the static initializer. */
    public static final class WithInitializer {
        public static final List<String> ITEMS = new ArrayList<>();

        static {
            ITEMS.add("first");
        }
    }

    /** A static map set lazily, so the class has no static initializer of its own. */
    public static final class WithoutInitializer {
        public static Map<String, String> cache;
    }

    /** Statics that cannot hold a collection. */
    public static final class NothingToWatch {
        public static int count = 3;
        public static String name = "x";
        public final List<String> notStatic = new ArrayList<>();
    }
}
