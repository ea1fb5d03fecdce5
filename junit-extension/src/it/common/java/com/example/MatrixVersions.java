package com.example;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The versions a project of the matrix claims ({@code matrix.properties}, in its base directory,
 * where Surefire runs) and the versions its test classpath really has, found from the libraries
 * themselves, so that a claim in README.md's "Works with" table is one the project ran with.
 */
final class MatrixVersions {

    private MatrixVersions() {
    }

    static Properties claimed() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("matrix.properties"))) {
            properties.load(in);
        }
        return properties;
    }

    /** The version of an axis on this classpath; empty when the library is absent. */
    static Optional<String> onClasspath(String axis) {
        switch (axis) {
            case "spring-boot":
                return staticValue("org.springframework.boot.SpringBootVersion", "getVersion");
            case "kafka-clients":
                return staticValue("org.apache.kafka.common.utils.AppInfoParser", "getVersion");
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
        Class<?> type;
        try {
            type = Class.forName(className);
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
        try (JarFile jar = new JarFile(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toFile())) {
            Manifest manifest = jar.getManifest();
            Attributes main = manifest.getMainAttributes();
            String version = main.getValue(Attributes.Name.IMPLEMENTATION_VERSION);
            return Optional.of(version != null ? version : main.getValue("Bundle-Version"));
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("the manifest of the jar of " + className, e);
        }
    }
}
