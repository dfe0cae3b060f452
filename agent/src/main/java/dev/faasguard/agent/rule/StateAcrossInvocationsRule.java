package dev.faasguard.agent.rule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code state-across-invocations}: a collection or map kept in a static field of the application, or in a field of
 * the handler instance, that grows at every warm invocation. It is a memory leak while the environment lives, and
 * state that every new environment silently starts without. Judged from the field's sizes at the last invocation
 * ends: it fires when the size grew at each of the last {@link #GROWING_INVOCATIONS}, so a collection filled during
 * init or once at the first invocation, a cache that evicts and a collection that is bounded by construction stay
 * quiet.
 */
public final class StateAcrossInvocationsRule implements Rule<StateAcrossInvocationsRule.FieldSizes> {

    /** How many consecutive invocation ends must each find the collection bigger than the one before. */
    public static final int GROWING_INVOCATIONS = 5;

    public static final RuleDescription DESCRIPTION = new RuleDescription("state-across-invocations", Severity.WARNING,
            "A collection in a static field or in the handler grows at every invocation: it leaks memory, and a new "
                    + "environment starts without it.",
            "Keep state that must outlive the invocation in an external store (DynamoDB, S3, ElastiCache); keep a "
                    + "cache bounded (an LRU with a maximum size, or entries that expire), or make the collection "
                    + "local to the invocation.",
            List.of("the end of each invocation"));

    /**
     * @param field the field, {@code com.example.Fn.ITEMS}
     * @param type the class of the collection it holds
     * @param sizes its sizes at the last invocation ends, oldest first (at most {@code GROWING_INVOCATIONS + 1})
     * @param boundedBy why the collection cannot grow without end (an LRU map, a queue with a capacity), or null
     * @param handlerInstance whether the field is the handler instance's rather than a static one
     */
    public record FieldSizes(String field, String type, List<Integer> sizes, String boundedBy, boolean handlerInstance,
            String invocation) {}

    @Override
    public RuleDescription description() {
        return DESCRIPTION;
    }

    @Override
    public Optional<Violation> evaluate(FieldSizes facts) {
        if (facts.boundedBy() != null || !grewAtEach(facts.sizes())) {
            return Optional.empty();
        }
        List<Integer> sizes = facts.sizes();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("field", facts.field());
        detail.put("kind", facts.handlerInstance() ? "handler instance field" : "static field");
        detail.put("type", facts.type());
        detail.put("sizes", sizes);
        detail.put("invocation", facts.invocation());
        return Optional.of(new Violation(DESCRIPTION, "The " + facts.type() + " in " + facts.field() + " grew at each of "
                + "the last " + GROWING_INVOCATIONS + " invocations (" + sizes.get(0) + " to "
                + sizes.get(sizes.size() - 1) + " entries): it is kept across invocations, grows without end, and a "
                + "new environment starts without it", detail));
    }

    /** Whether each of the last {@code GROWING_INVOCATIONS} sizes is larger than the one before it. */
    private static boolean grewAtEach(List<Integer> sizes) {
        if (sizes.size() < GROWING_INVOCATIONS + 1) {
            return false;
        }
        for (int i = sizes.size() - GROWING_INVOCATIONS; i < sizes.size(); i++) {
            if (sizes.get(i) <= sizes.get(i - 1)) {
                return false;
            }
        }
        return true;
    }
}
