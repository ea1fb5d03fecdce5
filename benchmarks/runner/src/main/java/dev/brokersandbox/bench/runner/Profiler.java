package dev.brokersandbox.bench.runner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * async-profiler (from Maven Central, on the runner's class path) as an agent of a profiled JVM:
 * CPU samples of every thread, every millisecond, written as collapsed stacks, then sorted into
 * the categories the report shows. Categories are tried in order; a sample counts in the first
 * that matches.
 */
final class Profiler {

    /** A category: its figure name and how a sample (thread name, stack) is recognised. */
    record Category(String figure, String label, BiPredicate<String, String> matches) {
    }

    static final List<Category> CATEGORIES = List.of(
            new Category("profile_jit_c2", "JIT compiler, C2", (thread, stack) -> thread.contains("C2 CompilerThre")),
            new Category("profile_jit_c1", "JIT compiler, C1", (thread, stack) -> thread.contains("C1 CompilerThre")),
            new Category("profile_gc", "GC and VM threads", (thread, stack) -> thread.contains("GC Thread")
                    || thread.contains("G1 ") || thread.startsWith("[VM ")),
            new Category("profile_lambda", "lambdas and method handles linked (classes spun at first call)",
                    (thread, stack) -> stack.contains("MethodHandleNatives.linkCallSite")
                            || stack.contains("LambdaMetafactory") || stack.contains("MethodHandleNatives.linkMethodHandleConstant")
                            || stack.contains("MethodHandleNatives.findMethodHandleType")),
            new Category("profile_classload", "class loading, linking and verification",
                    (thread, stack) -> stack.contains("ClassLoader.defineClass") || stack.contains("ClassLoader.loadClass")
                            || stack.contains("SystemDictionary::") || stack.contains("ClassFileParser")
                            || stack.contains("Verifier::") || stack.contains("InstanceKlass::link_class")
                            || stack.contains("ClassLoader.findClass")),
            new Category("profile_clinit", "static initialisers (`<clinit>`)", (thread, stack) -> stack.contains(".<clinit>")),
            new Category("profile_interpreted_rest", "everything else (the brokers' and clients' own work)",
                    (thread, stack) -> true));

    private final Path library;

    private Profiler(Path library) {
        this.library = library;
    }

    /** The agent's library for this platform, copied out of its jar; null where there is none. */
    static Profiler extract(Path work) throws IOException {
        String os = System.getProperty("os.name").toLowerCase();
        String arch = System.getProperty("os.arch");
        String entry = os.contains("linux") ? "linux-" + (arch.contains("aarch64") ? "arm64" : "x64") + "/libasyncProfiler.so"
                : os.contains("mac") ? "macos/libasyncProfiler.so" : null;
        try (InputStream in = entry == null ? null : Profiler.class.getClassLoader().getResourceAsStream(entry)) {
            if (in == null) {
                return null;
            }
            Path library = work.resolve("libasyncProfiler.so");
            Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
            return new Profiler(library);
        }
    }

    String agentOption(Path collapsed) {
        return "-agentpath:" + library + "=start,event=cpu,interval=1ms,threads,collapsed,file=" + collapsed;
    }

    /** The samples of each category, as milliseconds of CPU (one sample per millisecond). */
    static Map<String, String> categories(Path collapsed) throws IOException {
        Map<String, Long> samples = new LinkedHashMap<>();
        CATEGORIES.forEach(c -> samples.put(c.figure(), 0L));
        long total = 0;
        for (String line : Files.readAllLines(collapsed)) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            long count = Long.parseLong(line.substring(space + 1).trim());
            String stack = line.substring(0, space);
            int firstFrame = stack.indexOf(';');
            String thread = firstFrame < 0 ? stack : stack.substring(0, firstFrame);
            for (Category category : CATEGORIES) {
                if (category.matches().test(thread, stack)) {
                    samples.merge(category.figure(), count, Long::sum);
                    break;
                }
            }
            total += count;
        }
        Map<String, String> figures = new LinkedHashMap<>();
        samples.forEach((k, v) -> figures.put(k, String.valueOf(v)));
        figures.put("profile_total", String.valueOf(total));
        return figures;
    }
}
