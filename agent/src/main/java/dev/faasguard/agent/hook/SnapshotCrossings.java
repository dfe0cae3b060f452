package dev.faasguard.agent.hook;

import dev.faasguard.agent.finding.FindingRecorder;
import dev.faasguard.agent.rule.ConnectionAcrossSnapshotRule;
import dev.faasguard.agent.rule.RandomAcrossSnapshotRule;
import dev.faasguard.agent.rule.Rules;
import dev.faasguard.bootstrap.SnapshotSink;

/**
 * The agent's side of the SnapStart hooks: what init seeded and connected, judged as it crosses the snapshot. The
 * connections at the checkpoint ({@code connection-across-snapshot}, with the line that first used each after the
 * restore), the generators at their first use after the restore ({@code random-across-snapshot}).
 */
public final class SnapshotCrossings implements SnapshotSink {

    private final SeededRandoms randoms;
    private final InitConnections connections;

    public SnapshotCrossings(Rules rules, FindingRecorder recorder) {
        this.randoms = new SeededRandoms(rules.get(RandomAcrossSnapshotRule.class), recorder);
        this.connections = new InitConnections(rules.get(ConnectionAcrossSnapshotRule.class), recorder);
    }

    @Override
    public void randomSeeded(Object random) {
        randoms.seeded(random);
    }

    @Override
    public boolean randomUsed(Object random, boolean reseeding) {
        return reseeding ? randoms.reseeded(random) : randoms.used(random);
    }

    @Override
    public void connecting(Object connection, Object address) {
        connections.connecting(connection, address);
    }

    @Override
    public void checkpoint() {
        connections.checkpoint();
    }

    @Override
    public boolean afterRestore() {
        return randoms.anyWatched();
    }

    @Override
    public boolean connectionsCrossed() {
        return connections.anyCrossed();
    }

    @Override
    public boolean connectionUsed(Object connection) {
        return connections.used(connection);
    }
}
