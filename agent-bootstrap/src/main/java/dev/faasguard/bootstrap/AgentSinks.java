package dev.faasguard.bootstrap;

/** Everything the agent plugs into the hooks, installed as one so that a hook reads one volatile field. */
public record AgentSinks(FileSink files, BlockingSink blocking, InvocationSink invocations,
        SnapshotSink snapshots, HookFailures failures, ExceptionSink exceptions) {}
