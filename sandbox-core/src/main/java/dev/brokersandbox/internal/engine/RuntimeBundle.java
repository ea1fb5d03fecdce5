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

import dev.brokersandbox.SandboxException;

/**
 * The brokers' jar as it travels: nested inside the {@code dev.brokersandbox:sandbox-runtime}
 * bundle (or inside the standalone launcher jar, which carries the bundle's content), under
 * {@value #DIRECTORY}, beside the marker {@value #MARKER}. Its key names a content: the same jars
 * always give the same key, cheaply (read from the zip directory, not from the bytes).
 */
final class RuntimeBundle {

    static final String MARKER = "META-INF/broker-sandbox/runtime.properties";
    static final String DIRECTORY = "META-INF/broker-sandbox/runtime/";

    private final String version;
    /** The jar that carries the bundle. */
    private final Path jar;

    private RuntimeBundle(String version, Path jar) {
        this.version = version;
        this.jar = jar;
    }

    /** The bundle on the classpath that loaded sandbox-core. */
    static RuntimeBundle onClasspath() {
        URL marker = RuntimeBundle.class.getClassLoader().getResource(MARKER);
        if (marker == null) {
            throw new SandboxException("Broker Sandbox cannot start a broker: the brokers' runtime is not on the "
                    + "classpath (no " + MARKER + "). It comes with sandbox-core as the dependency "
                    + "dev.brokersandbox:sandbox-runtime:bundle; add that artifact in the version of sandbox-core if "
                    + "your build excluded it.");
        }
        try {
            if (!marker.getProtocol().equals("jar")) {
                throw new SandboxException("The brokers' runtime marker " + marker + " is not inside a jar: the runtime "
                        + "is unpacked from dev.brokersandbox:sandbox-runtime:bundle as Maven packages it. "
                        + "Build it with mvn package (mvn test alone does not pack it).");
            }
            JarURLConnection connection = (JarURLConnection) marker.openConnection();
            connection.setUseCaches(false); // a cached JarFile would stay open for the JVM's life
            Properties properties = new Properties();
            try (InputStream in = connection.getInputStream()) {
                properties.load(in);
            }
            return new RuntimeBundle(properties.getProperty("version", "unknown"),
                    Path.of(connection.getJarFileURL().toURI()));
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            throw new SandboxException("Could not read the brokers' runtime marker " + marker + ": " + e, e);
        }
    }

    String version() {
        return version;
    }

    /** Where the bundle is, for messages. */
    String location() {
        return jar.toString();
    }

    /** Names, sizes and checksums of the nested {@code jars}, hashed: the cache directory's name. */
    static String key(List<Nested> jars) {
        MessageDigest digest = sha256();
        for (Nested nested : jars) {
            digest.update((nested.name() + ' ' + nested.size() + ' ' + nested.crc() + '\n')
                    .getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 8);
    }

    /** The nested jars, by name. */
    List<Nested> jars() {
        List<Nested> jars = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : file.stream().toList()) {
                if (isNestedJar(entry.getName())) {
                    jars.add(new Nested(entry.getName().substring(DIRECTORY.length()), entry.getSize(), entry.getCrc()));
                }
            }
        } catch (IOException e) {
            throw new SandboxException("Could not list the brokers' jars in " + location() + ": " + e, e);
        }
        if (jars.isEmpty()) {
            throw new SandboxException("The brokers' runtime at " + location() + " holds no jars under " + DIRECTORY
                    + ": it was not built completely. Rebuild dev.brokersandbox:sandbox-runtime with mvn package.");
        }
        jars.sort(Comparator.comparing(Nested::name));
        return jars;
    }

    /** Copies every nested jar into {@code target}, a directory. */
    void copyTo(Path target) throws IOException {
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

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    /** One nested jar, as the zip directory describes it. */
    record Nested(String name, long size, long crc) {
    }
}
