package dev.faasguard.desugar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites one class: each lambda call site it can turn into a class becomes a plain instruction that gets
 * the generated class's instance, and the class gains the accessors those generated classes need.
 */
final class HostRewriter extends ClassVisitor {

    /** A class written for one call site. */
    record GeneratedClass(String name, byte[] bytes) {}

    private final ClassIndex index;
    private final Function<String, String> freeName;
    private final DesugarStatistics statistics;
    private final List<GeneratedClass> generated = new ArrayList<>();
    private final Map<Handle, Call> accessors = new LinkedHashMap<>();
    private String host;
    private int version;
    private boolean hostIsInterface;

    /** @param freeName gives, for a wanted class name, a name no class of the jar has */
    HostRewriter(ClassVisitor next, ClassIndex index, Function<String, String> freeName, DesugarStatistics statistics) {
        super(Opcodes.ASM9, next);
        this.index = index;
        this.freeName = freeName;
        this.statistics = statistics;
    }

    List<GeneratedClass> generated() {
        return generated;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        this.host = name;
        this.version = version;
        this.hostIsInterface = (access & Opcodes.ACC_INTERFACE) != 0;
        super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
            @Override
            public void visitInvokeDynamicInsn(String siteName, String siteDescriptor, Handle bootstrap, Object... arguments) {
                LambdaSite site = LambdaSite.of(siteName, siteDescriptor, bootstrap, arguments);
                if (site == null || !replaced(site, mv)) {
                    super.visitInvokeDynamicInsn(siteName, siteDescriptor, bootstrap, arguments);
                }
            }
        };
    }

    @Override
    public void visitEnd() {
        accessors.forEach((handle, accessor) -> Accessors.write(cv, accessor, new Implementation(handle), hostIsInterface, index));
        super.visitEnd();
    }

    /** @return whether the site was replaced; when not, it is counted with the reason and left as it was */
    private boolean replaced(LambdaSite site, MethodVisitor method) {
        if (site.serializable()) {
            statistics.kept("serializable lambda");
            return false;
        }
        Reach reach = Reach.of(site.implementation(), host, index);
        Call call = switch (reach) {
            case DIRECT -> Call.direct(new Implementation(site.implementation()));
            case THROUGH_HOST -> accessors.getOrDefault(site.implementation(), Call.accessor(host,
                    "access$lambda$" + accessors.size(), new Implementation(site.implementation()), hostIsInterface));
            case NONE -> null;
        };
        if (call == null) {
            statistics.kept("implementation not reachable from another class of its package");
            return false;
        }
        String className = freeName.apply(host + "$$Lambda$" + generated.size());
        LambdaClassGenerator generator = new LambdaClassGenerator(site, className, call);
        try {
            generated.add(new GeneratedClass(className, generator.generate(version)));
        } catch (UnsupportedSiteException unsupported) {
            statistics.kept(unsupported.getMessage());
            return false;
        }
        if (reach == Reach.THROUGH_HOST) {
            // Registered only now: a site that could not be generated leaves no accessor nothing calls.
            accessors.putIfAbsent(site.implementation(), call);
        }
        generator.replaceCallSite(method);
        statistics.replaced();
        return true;
    }
}
