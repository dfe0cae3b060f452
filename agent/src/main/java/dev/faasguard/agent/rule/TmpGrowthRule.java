package dev.faasguard.agent.rule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code tmp-growth}: a warm invocation left files in /tmp. Lambda keeps /tmp between warm invocations
 * of an environment, so each one fills it a little more until one fails with "No space left on device".
 */
public final class TmpGrowthRule implements Rule<TmpGrowthRule.Leak> {

    public static final RuleDescription DESCRIPTION = new RuleDescription("tmp-growth", Severity.WARNING,
            "A warm invocation left files behind in /tmp: /tmp grows with every invocation.",
            "Delete what the invocation wrote to /tmp before it returns (try/finally, or a per-invocation "
                    + "directory removed at the end); keep on purpose only what a later invocation reuses.",
            List.of("the end of a warm invocation"));

    /** @param creatorKnown false when no hook saw the file being written: a subprocess or native code made it */
    public record Leak(String path, long bytes, boolean creatorKnown, long leakedThisInvocation, long totalGrowth,
            String invocation) {}

    @Override
    public RuleDescription description() {
        return DESCRIPTION;
    }

    @Override
    public Optional<Violation> evaluate(Leak leak) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("path", leak.path());
        detail.put("bytes", leak.bytes());
        detail.put("createdOutsideJvm", !leak.creatorKnown());
        detail.put("bytesLeakedThisInvocation", leak.leakedThisInvocation());
        detail.put("totalGrowthBytes", leak.totalGrowth());
        detail.put("invocation", leak.invocation());
        return Optional.of(new Violation(DESCRIPTION, "Invocation " + leak.invocation() + " left " + leak.path() + " ("
                + Sizes.human(leak.bytes()) + ") in /tmp; it leaked " + Sizes.human(leak.leakedThisInvocation())
                + " in all, /tmp has grown " + Sizes.human(leak.totalGrowth()) + " since the first invocation", detail));
    }
}
