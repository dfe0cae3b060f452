package dev.faasguard.desugar;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * What the tool knows of each class it may meet as a lambda's implementation owner: its access flags, its
 * supertypes and the access flags of its methods. Classes of the jar are read from their bytes; the JDK's
 * through reflection on the platform class loader. Anything else is unknown, and a lambda whose
 * implementation cannot be checked stays an invokedynamic.
 */
final class ClassIndex {

    /** A class as far as access checks need it. */
    record ClassFacts(String name, int access, String superName, List<String> interfaces, Map<String, Integer> methods) {}

    /** A method found by name and descriptor, with the class that declares it. */
    record Member(ClassFacts declaringClass, int access) {
        boolean is(int flag) {
            return (access & flag) != 0;
        }
    }

    private final Map<String, ClassFacts> classes = new HashMap<>();
    private final Map<String, ClassFacts> jdk = new HashMap<>();

    /** Reads a class of the jar (its header and method table only). */
    void add(byte[] classFile) {
        ClassFacts facts = read(new ClassReader(classFile));
        classes.put(facts.name(), facts);
    }

    ClassFacts get(String internalName) {
        ClassFacts facts = classes.get(internalName);
        return facts != null ? facts : jdkClass(internalName);
    }

    /** Finds a method as the JVM resolves it: in the class, then its superclasses, then its interfaces. */
    Member findMethod(String owner, String name, String descriptor) {
        ClassFacts facts = get(owner);
        if (facts == null) {
            return null;
        }
        Integer access = facts.methods().get(name + descriptor);
        if (access != null) {
            return new Member(facts, access);
        }
        if ("<init>".equals(name)) {
            return null;
        }
        if (facts.superName() != null) {
            Member inherited = findMethod(facts.superName(), name, descriptor);
            if (inherited != null) {
                return inherited;
            }
        }
        for (String itf : facts.interfaces()) {
            Member inherited = findMethod(itf, name, descriptor);
            if (inherited != null) {
                return inherited;
            }
        }
        return null;
    }

    private ClassFacts jdkClass(String internalName) {
        return jdk.computeIfAbsent(internalName, ClassIndex::reflect);
    }

    /** java.lang.reflect.Modifier's public, private, protected and interface bits are the class file's. */
    private static ClassFacts reflect(String internalName) {
        Class<?> type;
        Map<String, Integer> methods = new HashMap<>();
        try {
            type = Class.forName(internalName.replace('/', '.'), false, ClassLoader.getPlatformClassLoader());
            for (Method method : type.getDeclaredMethods()) {
                methods.put(method.getName() + Type.getMethodDescriptor(method), method.getModifiers());
            }
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                methods.put("<init>" + Type.getConstructorDescriptor(constructor), constructor.getModifiers());
            }
        } catch (ClassNotFoundException | LinkageError unknown) {
            return null;
        }
        List<String> interfaces = new ArrayList<>();
        for (Class<?> itf : type.getInterfaces()) {
            interfaces.add(Type.getInternalName(itf));
        }
        String superName = type.getSuperclass() == null ? null : Type.getInternalName(type.getSuperclass());
        int access = type.getModifiers();
        return new ClassFacts(internalName, access, superName, List.copyOf(interfaces), methods);
    }

    private static ClassFacts read(ClassReader reader) {
        Map<String, Integer> methods = new HashMap<>();
        String[] header = new String[2];
        int[] access = new int[1];
        List<String> interfaces = new ArrayList<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visit(int version, int classAccess, String name, String signature, String superName,
                    String[] itfs) {
                header[0] = name;
                header[1] = superName;
                access[0] = classAccess;
                interfaces.addAll(List.of(itfs));
            }

            @Override
            public MethodVisitor visitMethod(int methodAccess, String name, String descriptor, String signature,
                    String[] exceptions) {
                methods.put(name + descriptor, methodAccess);
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return new ClassFacts(header[0], access[0], header[1], List.copyOf(interfaces), methods);
    }
}
