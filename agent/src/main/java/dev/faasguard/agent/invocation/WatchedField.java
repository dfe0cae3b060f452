package dev.faasguard.agent.invocation;

import dev.faasguard.agent.rule.StateAcrossInvocationsRule;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * One field whose collection is sized at each invocation end: a static field of an initialized application class, or
 * a field of the handler instance. Keeps the last sizes, as many as the rule looks at, and what it learnt of the
 * class of value it holds.
 */
final class WatchedField {

    private static final int KEPT = StateAcrossInvocationsRule.GROWING_INVOCATIONS + 1;

    private final Field field;
    /** The handler instance, or null for a static field. */
    private final Object holder;
    /** The last sizes, a ring: the next goes at {@code next}; {@code filled} of them are set. */
    private final int[] sizes = new int[KEPT];
    private int next;
    private int filled;
    private Class<?> lastType;
    private CollectionShape lastShape = CollectionShape.NOT_SIZABLE;
    private List<AddSites.Site> addSites;

    /** @param field made accessible already */
    WatchedField(Field field, Object holder) {
        this.field = field;
        this.holder = holder;
    }

    Object holder() {
        return holder;
    }

    Class<?> declaringClass() {
        return field.getDeclaringClass();
    }

    String fieldName() {
        return field.getName();
    }

    /** {@code com.example.Fn.ITEMS} */
    String name() {
        return field.getDeclaringClass().getName() + "." + field.getName();
    }

    /**
     * Reads the field and sizes what it holds. A value that cannot be sized (null, not a JDK collection) forgets the
     * sizes so far: growth is judged over consecutive sizes only. Only a collection that grew since the last
     * invocation end can have grown at each of the last ones: the others cost no allocation.
     *
     * @return the facts for the rule, or null when there is nothing to judge
     */
    StateAcrossInvocationsRule.FieldSizes sample(String invocation) throws IllegalAccessException {
        Object value = field.get(holder);
        if (value == null) {
            filled = 0;
            return null;
        }
        if (value.getClass() != lastType) {
            lastType = value.getClass();
            lastShape = CollectionShape.of(lastType);
        }
        int size = lastShape.sizable() ? lastShape.size(value) : -1;
        if (size < 0) {
            filled = 0;
            return null;
        }
        boolean grew = filled > 0 && size > sizes[(next + KEPT - 1) % KEPT];
        sizes[next] = size;
        next = (next + 1) % KEPT;
        filled = Math.min(filled + 1, KEPT);
        return grew ? new StateAcrossInvocationsRule.FieldSizes(name(), lastType.getName(), lastSizes(),
                lastShape.boundedBy(), holder != null, invocation) : null;
    }

    /** The sites in the field's class that add to it; read once, the first time they are asked for. */
    List<AddSites.Site> addSites() {
        if (addSites == null) {
            addSites = AddSites.of(field.getDeclaringClass(), field.getName());
        }
        return addSites;
    }

    /** The sizes kept, oldest first. */
    private List<Integer> lastSizes() {
        List<Integer> last = new ArrayList<>(filled);
        for (int i = filled; i > 0; i--) {
            last.add(sizes[(next + KEPT - i) % KEPT]);
        }
        return last;
    }
}
