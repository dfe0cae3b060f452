package dev.faasguard.agent.finding;

/** A sink that wants to hear of each call site the first time it breaks a rule. */
@FunctionalInterface
public interface FindingListener {

    void firstOccurrence(Finding finding);
}
