package dev.faasguard.agent.rule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code tmp-near-full}: /tmp is above 80 % of its capacity, with when it will be full at the recent growth. */
public final class TmpNearFullRule implements Rule<TmpNearFullRule.Usage> {

    public static final RuleDescription DESCRIPTION = new RuleDescription("tmp-near-full", Severity.ERROR,
            "/tmp is more than 80 % full: an invocation soon fails with \"No space left on device\".",
            "Find what fills /tmp (the tmp-growth findings name the lines) and delete it after each invocation; "
                    + "raise the function's ephemeral storage only for data it truly needs.",
            List.of("the end of an invocation"));
    public static final double THRESHOLD = 0.8;

    public record Usage(long used, long capacity, long growthPerInvocation, String invocation) {}

    @Override
    public RuleDescription description() {
        return DESCRIPTION;
    }

    /** @return empty below the threshold */
    @Override
    public Optional<Violation> evaluate(Usage usage) {
        long used = usage.used();
        long capacity = usage.capacity();
        if (capacity <= 0 || used <= THRESHOLD * capacity) {
            return Optional.empty();
        }
        long growth = usage.growthPerInvocation();
        long left = Math.max(0, capacity - used);
        Long invocationsLeft = growth > 0 ? left / growth : null;
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("usedBytes", used);
        detail.put("capacityBytes", capacity);
        detail.put("percentUsed", Math.round(1000.0 * used / capacity) / 10.0);
        detail.put("growthBytesPerInvocation", growth);
        detail.put("invocationsUntilFull", invocationsLeft);
        detail.put("invocation", usage.invocation());
        String projection = invocationsLeft == null
                ? "it is not growing at the moment"
                : "at " + Sizes.human(growth) + " per invocation, /tmp is full in about " + invocationsLeft
                        + " more invocation" + (invocationsLeft == 1 ? "" : "s");
        return Optional.of(new Violation(DESCRIPTION, "/tmp is " + detail.get("percentUsed") + " % full ("
                + Sizes.human(used) + " of " + Sizes.human(capacity) + "); " + projection, detail));
    }
}
