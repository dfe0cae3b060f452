package com.example.state;

/**
 * A host without the AWS runtime client calling the handler named by {@code faasguard.handler} once per event, on one
 * handler object kept across calls as the runtime client keeps it. Loads {@link NeverUsed} without initializing it.
 *
 * <p>Arguments: {@code tally} or {@code fixed}, then the number of invocations.
 */
public final class TallyHost {

    public static void main(String[] args) throws Exception {
        Class.forName(NeverUsed.class.getName(), false, TallyHost.class.getClassLoader());
        int invocations = Integer.parseInt(args[1]);
        OrderTally tally = new OrderTally();
        FixedOrderTally fixed = new FixedOrderTally();
        for (int i = 0; i < invocations; i++) {
            String event = "customer-" + i + ":" + (10 + i);
            System.out.println(args[0].equals("tally") ? tally.handle(event) : fixed.handle(event));
        }
    }
}
