package dev.faasguard.agent.invocation;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.BlockingQueue;

/**
 * What the agent may learn of one class of collection without running application code: whether its size can be
 * asked (only where {@code size()} is the JDK's own, in {@code java.util} or {@code java.util.concurrent}, and answers
 * without walking the elements), and whether it is bounded by construction. Worked out once per class by
 * reflection, which neither initializes nor runs anything.
 */
record CollectionShape(boolean sizable, String boundedBy, boolean capacityBounded) {

    static final CollectionShape NOT_SIZABLE = new CollectionShape(false, null, false);

    /** JDK collections whose {@code size()} walks every element: too dear to ask at every invocation. */
    private static final java.util.Set<String> WALKING_SIZE = java.util.Set.of(
            "java.util.concurrent.ConcurrentLinkedQueue", "java.util.concurrent.ConcurrentLinkedDeque",
            "java.util.concurrent.LinkedTransferQueue");

    static CollectionShape of(Class<?> type) {
        if (!Collection.class.isAssignableFrom(type) && !Map.class.isAssignableFrom(type)) {
            return NOT_SIZABLE;
        }
        Class<?> sizer;
        try {
            sizer = type.getMethod("size").getDeclaringClass();
        } catch (NoSuchMethodException | SecurityException unreadable) {
            return NOT_SIZABLE;
        }
        if (!jdkCollection(sizer) || WALKING_SIZE.contains(sizer.getName())) {
            return NOT_SIZABLE;
        }
        if (WeakHashMap.class.isAssignableFrom(type)) {
            return new CollectionShape(true, "WeakHashMap: its entries go when their keys are no longer used", false);
        }
        if (LinkedHashMap.class.isAssignableFrom(type) && evictsEldest(type)) {
            return new CollectionShape(true, "LinkedHashMap evicting its eldest entry (removeEldestEntry)", false);
        }
        boolean capacity = BlockingQueue.class.isAssignableFrom(type) && jdkCollection(type);
        return new CollectionShape(true, null, capacity);
    }

    /** The size of a value of this shape; for a queue with a capacity, -1 when it is bounded by it. */
    int size(Object value) {
        int size = value instanceof Map<?, ?> map ? map.size() : ((Collection<?>) value).size();
        if (capacityBounded && (long) ((BlockingQueue<?>) value).remainingCapacity() + size < Integer.MAX_VALUE) {
            return -1;
        }
        return size;
    }

    /**
     * The JDK's own collection classes: those of the boot loader in java.util and java.util.concurrent, but not the
     * wrappers of {@code java.util.Collections} (synchronized, unmodifiable, checked, set-from-map), whose size is
     * that of a collection they wrap, which may be the application's.
     */
    private static boolean jdkCollection(Class<?> type) {
        String name = type.getName();
        String packageName = type.getPackageName();
        return type.getClassLoader() == null
                && (packageName.equals("java.util") || packageName.equals("java.util.concurrent"))
                && !name.startsWith("java.util.Collections$");
    }

    /** Whether a class below LinkedHashMap declares {@code removeEldestEntry}: an LRU cache with a limit. */
    private static boolean evictsEldest(Class<?> type) {
        for (Class<?> at = type; at != null && at != LinkedHashMap.class; at = at.getSuperclass()) {
            try {
                at.getDeclaredMethod("removeEldestEntry", Map.Entry.class);
                return true;
            } catch (NoSuchMethodException notHere) {
                // Not declared at this level: look further up.
            }
        }
        return false;
    }
}
