package dev.brokersandbox.internal.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import dev.brokersandbox.SandboxException;

/**
 * The brokers' jars as they travel: nested inside the {@code dev.brokersandbox:sandbox-runtime}
 * artifact (or inside the standalone launcher jar, which carries that artifact's content), under
 * {@value #DIRECTORY}, beside the marker {@value #MARKER}. Its key names a content: the same jars
 * always give the same key, cheaply (read from the zip directory, not from the bytes).
 */
final class RuntimeBundle {

    static final String MARKER = "META-INF/broker-sandbox/runtime.properties";
    static final String DIRECTORY = "META-INF/broker-sandbox/runtime/";

    private final URL marker;
    private final String version;
    /** The jar that carries the bundle, or null when it is a directory (built, not packed). */
    private final Path jar;

    private RuntimeBundle(URL marker, String version, Path jar) {
        this.marker = marker;
        this.version = version;
        this.jar = jar;
    }

    /** The bundle on the classpath that loaded sandbox-core. */
    static RuntimeBundle onClasspath() {
        URL marker = RuntimeBundle.class.getClassLoader().getResource(MARKER);
        if (marker == null) {
            throw new SandboxException("Broker Sandbox cannot start a broker: the brokers' runtime is not on the "
                    + "classpath (no " + MARKER + "). It comes with sandbox-core as the dependency "
                    + "dev.brokersandbox:sandbox-runtime; add that artifact in the version of sandbox-core if your "
                    + "build excluded it.");
        }
        try {
            Properties properties = new Properties();
            Path jar = null;
            if (marker.getProtocol().equals("jar")) {
                JarURLConnection connection = (JarURLConnection) marker.openConnection();
                connection.setUseCaches(false); // a cached JarFile would stay open for the JVM's life
                jar = Path.of(connection.getJarFileURL().toURI());
            }
            try (InputStream in = marker.openStream()) {
                properties.load(in);
            }
            return new RuntimeBundle(marker, properties.getProperty("version", "unknown"), jar);
        } catch (IOException | URISyntaxException e) {
            throw new SandboxException("Could not read the brokers' runtime marker " + marker + ": " + e, e);
        }
    }

    String version() {
        return version;
    }

    /** Whether the bundle is a jar (sizes then describe the nested jars exactly). */
    boolean isPacked() {
        return jar != null;
    }

    /** Where the bundle is, for messages. */
    String location() {
        return jar != null ? jar.toString() : marker.toString().replace(MARKER, "");
    }

    /** Names, sizes and checksums of the nested {@code jars}, hashed: the cache directory's name. */
    static String key(List<Nested> jars) {
        MessageDigest digest = sha256();
        for (Nested nested : jars) {
            digest.update((nested.name() + ' ' + nested.size() + ' ' + nested.checksum() + '\n')
                    .getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 8);
    }

    /** The nested jars, by name; the runtime's own classes first, as they were first on the classpath. */
    List<Nested> jars() {
        List<Nested> jars = new ArrayList<>();
        try {
            if (jar != null) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    for (JarEntry entry : file.stream().toList()) {
                        String name = entry.getName();
                        if (isNestedJar(name)) {
                            jars.add(new Nested(name.substring(DIRECTORY.length()), entry.getSize(), entry.getCrc()));
                        }
                    }
                }
            } else {
                try (Stream<Path> files = Files.list(directory())) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
                        jars.add(new Nested(file.getFileName().toString(), Files.size(file),
                                Files.getLastModifiedTime(file).toMillis()));
                    }
                }
            }
        } catch (IOException e) {
            throw new SandboxException("Could not list the brokers' jars in " + location() + ": " + e, e);
        }
        if (jars.isEmpty()) {
            throw new SandboxException("The brokers' runtime at " + location() + " holds no jars under " + DIRECTORY
                    + ": it was not built completely. Rebuild dev.brokersandbox:sandbox-runtime with mvn package.");
        }
        jars.sort(Comparator.comparing((Nested n) -> !n.isRuntimeClasses()).thenComparing(Nested::name));
        return jars;
    }

    /** Copies every nested jar into {@code target}, a directory. */
    void copyTo(Path target) throws IOException {
        if (jar == null) {
            try (Stream<Path> files = Files.list(directory())) {
                for (Path file : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
                    Files.copy(file, target.resolve(file.getFileName().toString()));
                }
            }
            return;
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : file.stream().toList()) {
                if (isNestedJar(entry.getName())) {
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, target.resolve(entry.getName().substring(DIRECTORY.length())));
                    }
                }
            }
        }
    }

    private static boolean isNestedJar(String entry) {
        return entry.startsWith(DIRECTORY) && entry.endsWith(".jar") && entry.indexOf('/', DIRECTORY.length()) < 0;
    }

    private Path directory() {
        try {
            return Path.of(new URL(location() + DIRECTORY).toURI());
        } catch (IOException | URISyntaxException e) {
            throw new SandboxException("Could not read the brokers' runtime at " + location() + ": " + e, e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    /** One nested jar: {@code checksum} is its CRC-32 in a jar, its modification time in a directory. */
    record Nested(String name, long size, long checksum) {
        boolean isRuntimeClasses() {
            return name.startsWith("sandbox-runtime-") && name.endsWith("-classes.jar");
        }
    }
}
