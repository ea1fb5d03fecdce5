package dev.brokersandbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import dev.brokersandbox.internal.TempDirs;

/**
 * What a client needs to trust a TLS sandbox's brokers: the certificate of the certificate
 * authority that signed them, as a PKCS#12 trust store file, as PEM, or as a ready
 * {@link SSLContext}. The authority is made when the JVM's first TLS broker starts and signs every
 * TLS broker of the JVM, so one trust store trusts them all; its key never leaves memory.
 *
 * <pre>{@code
 * SandboxTrustStore trust = sandbox.trustStore();
 * props.put("ssl.truststore.location", trust.path().toString());
 * props.put("ssl.truststore.password", trust.password());
 * props.put("ssl.truststore.type", trust.type());
 * }</pre>
 *
 * The brokers of a JVM share one such file; it is deleted when the last of them closes.
 */
public final class SandboxTrustStore {

    /** By CA certificate, with the number of open brokers that hand it out; guarded by the class. */
    private static final Map<String, SandboxTrustStore> SHARED = new HashMap<>();

    private static final String CA_FILE = "ca.pem";

    private final String caCertificatePem;
    private final Path directory;
    private final Path path;
    private final String password;
    private int holders;

    private SandboxTrustStore(String caCertificatePem, Path directory, Path path, String password) {
        this.caCertificatePem = caCertificatePem;
        this.directory = directory;
        this.path = path;
        this.password = password;
    }

    /**
     * The trust store for {@code caCertificatePem}, written now unless an open broker holds it
     * already; each call needs one {@link #release()}.
     */
    static synchronized SandboxTrustStore acquire(String caCertificatePem) {
        SandboxTrustStore store = SHARED.computeIfAbsent(caCertificatePem, SandboxTrustStore::create);
        store.holders++;
        return store;
    }

    /** Deletes the file when no open broker hands it out any more. */
    void release() {
        synchronized (SandboxTrustStore.class) {
            if (--holders > 0) {
                return;
            }
            SHARED.remove(caCertificatePem);
        }
        TempDirs.deleteQuietly(directory);
    }

    /** Writes a trust store holding {@code caCertificatePem} into a temp directory of its own. */
    private static SandboxTrustStore create(String caCertificatePem) {
        byte[] secret = new byte[12];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        Path directory = TempDirs.create("truststore");
        Path path = directory.resolve("truststore.p12");
        try (OutputStream out = Files.newOutputStream(path)) {
            Files.writeString(directory.resolve(CA_FILE), caCertificatePem, StandardCharsets.US_ASCII);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("broker-sandbox-ca", certificate(caCertificatePem));
            store.store(out, password.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            TempDirs.deleteQuietly(directory);
            throw new SandboxException("Could not write the sandbox's trust store to " + path + ": " + e, e);
        }
        return new SandboxTrustStore(caCertificatePem, directory, path, password);
    }

    /** The PKCS#12 file holding the sandbox's CA certificate (Kafka's {@code ssl.truststore.location}). */
    public Path path() {
        return path;
    }

    /** The trust store file's password (Kafka's {@code ssl.truststore.password}). */
    public String password() {
        return password;
    }

    /** {@code PKCS12} (Kafka's {@code ssl.truststore.type}). */
    public String type() {
        return "PKCS12";
    }

    /** The CA certificate, PEM-encoded: for clients in other languages ({@code ssl_cafile}, {@code --cacert}). */
    public String caCertificatePem() {
        return caCertificatePem;
    }

    /**
     * The CA certificate in a PEM file beside the trust store, for clients that take a file name:
     * pika's {@code ssl.create_default_context(cafile=...)}, librdkafka's and kcat's {@code ssl.ca.location}.
     */
    public Path caCertificateFile() {
        return directory.resolve(CA_FILE);
    }

    /** A new key store object holding the CA certificate, for clients that take one. */
    public KeyStore keyStore() {
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the sandbox's trust store " + path
                    + " (it is deleted when the last TLS broker of the JVM closes): " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new SandboxException("Could not read the sandbox's trust store " + path + ": " + e, e);
        }
    }

    /**
     * A new TLS context that trusts the sandbox's brokers and nothing else, for
     * {@code ConnectionFactory.useSslProtocol(SSLContext)} and other Java clients.
     */
    public SSLContext sslContext() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(keyStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new SandboxException("Could not build a TLS context from the sandbox's trust store: " + e, e);
        }
    }

    private static Certificate certificate(String pem) throws GeneralSecurityException {
        return CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    @Override
    public String toString() {
        return "SandboxTrustStore[" + path + "]";
    }
}
