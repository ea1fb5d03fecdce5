package com.example;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

/**
 * The versions a project of the matrix claims ({@code matrix.properties}, in its base directory,
 * where Surefire runs) are the versions its test classpath really has, found from the libraries
 * themselves: a version in README.md's "Works with" table is one a project ran with. No brokers
 * here, so this holds (or fails) on its own even when the brokers cannot start.
 */
class MatrixVersionsTest {

    @Test
    void classpathHasTheVersionsOfMatrixProperties() throws IOException {
        Properties claimed = claimed();
        List<String> axes = new ArrayList<>(claimed.stringPropertyNames());
        assertFalse(axes.isEmpty(), "matrix.properties names no versions");
        assertAll(axes.stream().map(axis -> () -> assertEquals(
                claimed.getProperty(axis),
                onClasspath(axis).orElse("(absent)"),
                axis + " in matrix.properties against the test classpath")));
    }

    static Properties claimed() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("matrix.properties"))) {
            properties.load(in);
        }
        return properties;
    }

    /** The version of an axis on this classpath; empty when the library is absent. */
    private static Optional<String> onClasspath(String axis) {
        switch (axis) {
            case "spring-boot":
                return staticValue("org.springframework.boot.SpringBootVersion", "getVersion");
            case "kafka-clients":
                // AppInfoParser, which reads this file, moved to an internals package in 4.4.
                return jarEntryProperty("org.apache.kafka.clients.producer.KafkaProducer", "kafka/kafka-version.properties", "version");
            case "amqp-client":
                return staticField("com.rabbitmq.client.impl.ClientVersion", "VERSION");
            case "jackson":
                return staticField("com.fasterxml.jackson.databind.cfg.PackageVersion", "VERSION");
            case "jackson3":
                return staticField("tools.jackson.databind.cfg.PackageVersion", "VERSION");
            case "slf4j":
                return jarVersion("org.slf4j.LoggerFactory");
            case "logback":
                return jarVersion("ch.qos.logback.classic.LoggerContext");
            case "log4j":
                return jarVersion("org.apache.logging.log4j.core.LoggerContext");
            case "junit":
                return jarVersion("org.junit.jupiter.api.Test");
            default:
                throw new IllegalArgumentException("matrix.properties: unknown axis " + axis
                        + " (known: spring-boot, kafka-clients, amqp-client, jackson, jackson3, slf4j, logback, log4j, junit)");
        }
    }

    private static Optional<String> staticValue(String className, String method) {
        try {
            return Optional.of(String.valueOf(Class.forName(className).getMethod(method).invoke(null)));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(className + "." + method + "()", e);
        }
    }

    private static Optional<String> staticField(String className, String field) {
        try {
            return Optional.of(String.valueOf(Class.forName(className).getField(field).get(null)));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(className + "." + field, e);
        }
    }

    /** Implementation-Version (or OSGi Bundle-Version) of the jar the class was loaded from. */
    private static Optional<String> jarVersion(String className) {
        return inJarOf(className, jar -> {
            Attributes main = jar.getManifest().getMainAttributes();
            String version = main.getValue(Attributes.Name.IMPLEMENTATION_VERSION);
            return version != null ? version : main.getValue("Bundle-Version");
        });
    }

    /** A property of a properties file inside the jar the class was loaded from (not another jar's file of that name). */
    private static Optional<String> jarEntryProperty(String className, String entry, String property) {
        return inJarOf(className, jar -> {
            Properties properties = new Properties();
            try (InputStream in = jar.getInputStream(jar.getJarEntry(entry))) {
                properties.load(in);
            }
            return properties.getProperty(property);
        });
    }

    private interface JarReader {
        String read(JarFile jar) throws IOException;
    }

    private static Optional<String> inJarOf(String className, JarReader reader) {
        Class<?> type;
        try {
            type = Class.forName(className);
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
        try (JarFile jar = new JarFile(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toFile())) {
            return Optional.of(reader.read(jar));
        } catch (IOException | URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("the jar of " + className, e);
        }
    }
}
