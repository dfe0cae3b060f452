package dev.faasguard.agent.rule;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code tmp-near-full}: /tmp is above 80 % of its capacity, with when it will be full at the recent growth. */
public final class TmpNearFullRule extends LifecycleRule {

    public static final String ID = "tmp-near-full";
    public static final double THRESHOLD = 0.8;

    public TmpNearFullRule() {
        super(ID, Severity.ERROR, "/tmp is more than 80 % full: an invocation soon fails with \"No space left on device\".",
                "Find what fills /tmp (the tmp-growth findings name the lines) and delete it after each invocation; "
                        + "raise the function's ephemeral storage only for data it truly needs.");
    }

    /** @return empty below the threshold */
    public java.util.Optional<Violation> evaluate(long used, long capacity, long growthPerInvocation, String invocation) {
        if (capacity <= 0 || used <= THRESHOLD * capacity) {
            return java.util.Optional.empty();
        }
        long left = Math.max(0, capacity - used);
        Long invocationsLeft = growthPerInvocation > 0 ? left / growthPerInvocation : null;
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("usedBytes", used);
        detail.put("capacityBytes", capacity);
        detail.put("percentUsed", Math.round(1000.0 * used / capacity) / 10.0);
        detail.put("growthBytesPerInvocation", growthPerInvocation);
        detail.put("invocationsUntilFull", invocationsLeft);
        detail.put("invocation", invocation);
        String projection = invocationsLeft == null
                ? "it is not growing at the moment"
                : "at " + Sizes.human(growthPerInvocation) + " per invocation, /tmp is full in about " + invocationsLeft
                        + " more invocation" + (invocationsLeft == 1 ? "" : "s");
        return java.util.Optional.of(new Violation(this, "/tmp is " + detail.get("percentUsed") + " % full ("
                + Sizes.human(used) + " of " + Sizes.human(capacity) + "); " + projection, detail));
    }
}
