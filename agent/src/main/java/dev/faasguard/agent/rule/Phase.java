package dev.faasguard.agent.rule;

/**
 * When a call happens: during the function's init (on Lambda, before its first invocation, under the init
 * phase's own limit) or during an invocation (or anywhere else: a plain program has no init to speak of).
 */
public enum Phase {

    INIT("if it never returns, init hangs until the platform stops it at the end of its init limit (10 s on Lambda)",
            "init", "the platform stops init before the timeout fires"),
    INVOCATION("if it never returns, the invocation hangs until the platform kills it at its timeout",
            "the invocation", "the platform kills it before the timeout fires");

    private final String hang;
    private final String name;
    private final String killedFirst;

    Phase(String hang, String name, String killedFirst) {
        this.hang = hang;
        this.name = name;
        this.killedFirst = killedFirst;
    }

    /** What the platform does to a call that never returns in this phase. */
    public String hang() {
        return hang;
    }

    /** {@code init} or {@code the invocation}, as a message names it. */
    public String displayName() {
        return name;
    }

    /** What happens to a timeout longer than the time this phase has left. */
    public String killedFirst() {
        return killedFirst;
    }
}
