package dev.faasguard.agent.instrument.exceptions;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * The catch handlers of a method that drop the exception they catch, decided once from its bytecode: a handler with
 * a catch type (a {@code finally}, a {@code synchronized} block or a try-with-resources' cleanup catches "any" and
 * rethrows), other than {@code InterruptedException}, whose exception, on every path the data-flow analysis follows, goes nowhere it can be seen again
 * ({@link CaughtValueInterpreter}).
 */
final class DroppingHandlers {

    /**
     * An interrupt is a request to stop, not an error with a stack worth keeping: a handler that catches it (and
     * typically restores the flag) is left alone.
     */
    private static final String INTERRUPTED = "java/lang/InterruptedException";
    /** One bit per handler in a value: handlers beyond the 64th are left alone. */
    private static final int MAX_HANDLERS = Long.SIZE;

    private DroppingHandlers() {}

    /** Whether the method has a handler with a catch type, the only ones worth analysing. */
    static boolean catchesAType(MethodNode method) {
        for (TryCatchBlockNode tryCatch : method.tryCatchBlocks) {
            if (tryCatch.type != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param owner the internal name of the method's class
     * @return the labels the dropping handlers start at, in the order of the exception table; none when the method
     *     cannot be analysed
     */
    static List<LabelNode> of(String owner, MethodNode method) {
        Map<LabelNode, Integer> numbers = new LinkedHashMap<>();
        Set<LabelNode> leftAlone = new HashSet<>();
        for (TryCatchBlockNode tryCatch : method.tryCatchBlocks) {
            if (tryCatch.type == null || tryCatch.type.equals(INTERRUPTED)) {
                leftAlone.add(tryCatch.handler);
            } else if (numbers.size() < MAX_HANDLERS) {
                numbers.putIfAbsent(tryCatch.handler, numbers.size());
            }
        }
        CaughtValueInterpreter interpreter = new CaughtValueInterpreter(numbers);
        Frame<CaughtValue>[] frames;
        try {
            frames = new Analyzer<>(interpreter).analyze(owner, method);
        } catch (AnalyzerException unexpected) {
            return List.of(); // Code the analysis cannot follow is left as it is.
        }
        List<LabelNode> dropping = new ArrayList<>();
        for (Map.Entry<LabelNode, Integer> handler : numbers.entrySet()) {
            LabelNode start = handler.getKey();
            if (!leftAlone.contains(start) && !interpreter.kept(handler.getValue())
                    && frames[method.instructions.indexOf(start)] != null) {
                dropping.add(start);
            }
        }
        return dropping;
    }
}
