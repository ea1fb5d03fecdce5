package dev.brokersandbox.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What a class data sharing archive of the brokers is valid for, as a short hash.
 *
 * <p>A dynamic archive sits on top of its JDK's base archive, so the JDK is in the key: its home
 * and its {@code lib/modules} (an update in place changes its size or time). The classes it holds
 * are the runtime's, which the JVM finds again by name, size and CRC of their bytes: so the
 * sandbox jars are in the key by their entries' names, sizes and CRCs, read from the zip directory
 * (a rebuild or a second download of the same jars keeps the key). The test class path is not in
 * it: the archive holds no class of the class path (see {@link CdsTraining}), which is why it is
 * valid whatever class path Surefire passes.
 */
final class ArchiveKey {

    private ArchiveKey() {
    }

    static String of(Path javaHome, List<Path> sandboxJars, String trainingVersion) throws IOException {
        MessageDigest digest = sha256();
        Path modules = javaHome.resolve("lib").resolve("modules");
        update(digest, javaHome.toRealPath().toString());
        update(digest, Files.size(modules) + "@" + Files.getLastModifiedTime(modules).toMillis());
        update(digest, trainingVersion);
        for (Path jar : sandboxJars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (ZipEntry entry : Collections.list(zip.entries())) {
                    update(digest, entry.getName() + ":" + entry.getSize() + ":" + entry.getCrc());
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 8);
    }

    private static void update(MessageDigest digest, String value) {
        digest.update(value.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
