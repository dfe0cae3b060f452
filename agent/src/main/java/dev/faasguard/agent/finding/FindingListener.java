package dev.faasguard.agent.finding;

/** A sink that hears of findings: of each call site the first time it breaks a rule, and of every occurrence. */
public interface FindingListener {

    default void firstOccurrence(Finding finding) {}

    /** Called for each occurrence, the first included, on the thread that recorded it: keep it cheap. */
    default void everyOccurrence(Finding finding) {}

    /** A finding already heard of says more now ({@link FindingStore#amend}): what the report will show. */
    default void amended(Finding finding) {}
}
