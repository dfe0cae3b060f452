package dev.faasguard.desugar;

import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;

/**
 * How a generated lambda class, a separate class in the host's package, may reach the implementation:
 * the JDK's lambda classes are nestmates of their host and may call its private methods; an ordinary
 * class may not, so those are called through a static accessor the host declares, as javac did before
 * nestmates. Whatever the tool cannot prove reachable stays an invokedynamic.
 */
enum Reach {
    DIRECT, THROUGH_HOST, NONE;

    static Reach of(Handle implementation, String host, ClassIndex index) {
        String owner = implementation.getOwner();
        if (implementation.getTag() == Opcodes.H_INVOKESPECIAL) {
            return owner.equals(host) ? THROUGH_HOST : NONE;
        }
        ClassIndex.ClassFacts ownerFacts = index.get(owner);
        ClassIndex.Member member = index.findMethod(owner, implementation.getName(), implementation.getDesc());
        if (ownerFacts == null || member == null) {
            return NONE;
        }
        String declaring = member.declaringClass().name();
        if (member.is(Opcodes.ACC_PRIVATE)) {
            return declaring.equals(host) ? THROUGH_HOST : NONE;
        }
        if (!isPublic(ownerFacts.access()) && !samePackage(owner, host)) {
            return NONE;
        }
        if (member.is(Opcodes.ACC_PUBLIC) || samePackage(declaring, host)) {
            return DIRECT;
        }
        // Protected, inherited from another package: only the host itself may call it, on its own instances.
        return member.is(Opcodes.ACC_PROTECTED) && owner.equals(host) ? THROUGH_HOST : NONE;
    }

    private static boolean isPublic(int access) {
        return (access & Opcodes.ACC_PUBLIC) != 0;
    }

    static boolean samePackage(String first, String second) {
        return packageOf(first).equals(packageOf(second));
    }

    private static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? "" : internalName.substring(0, slash);
    }
}
