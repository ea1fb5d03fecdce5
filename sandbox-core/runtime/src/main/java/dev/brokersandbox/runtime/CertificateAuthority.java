package dev.brokersandbox.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate authority of the TLS brokers of this JVM: made when the first one starts, kept
 * in memory only (its key never touches a disk), so one trust store trusts every TLS broker of
 * the JVM, the shared ones and a class's own alike. Certificates are built with Bouncy Castle's
 * builders (Qpid brings it) and signed with the JDK's own providers: the JDK has no public API
 * to issue a certificate.
 */
final class CertificateAuthority {

    /** Long enough for a launcher left running for a course; a test JVM lives minutes. */
    private static final Duration VALIDITY = Duration.ofDays(365);
    /** Certificates start a day back: a machine whose clock is behind must still accept them. */
    private static final Duration BACKDATE = Duration.ofDays(1);
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static CertificateAuthority jvm;

    private final KeyPair keys;
    private final X509Certificate certificate;

    private CertificateAuthority(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    /** The JVM's authority, made on first use. */
    static synchronized CertificateAuthority ofJvm() {
        if (jvm == null) {
            KeyPair keys = newKeyPair();
            X500Name name = new X500Name("CN=Broker Sandbox CA " + Long.toHexString(RANDOM.nextLong() >>> 1)
                    + ",O=Broker Sandbox");
            jvm = new CertificateAuthority(keys, sign(name, keys.getPublic(), name, keys, builder -> {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            }));
        }
        return jvm;
    }

    /** The authority's certificate, PEM-encoded: what a client trusts. */
    String certificatePem() {
        return pem("CERTIFICATE", encoded(certificate));
    }

    /**
     * A new key and a server certificate for it, valid for {@code hosts} (names or IP addresses;
     * wildcard addresses are left out, as no client connects to them).
     */
    ServerIdentity issueServerIdentity(Collection<String> hosts) {
        KeyPair serverKeys = newKeyPair();
        Set<String> names = new LinkedHashSet<>();
        for (String host : hosts) {
            if (!host.equals("0.0.0.0") && !host.equals("::") && !host.equals("0:0:0:0:0:0:0:0")) {
                names.add(host);
            }
        }
        GeneralName[] alternatives = names.stream()
                .map(h -> new GeneralName(isIpAddress(h) ? GeneralName.iPAddress : GeneralName.dNSName, h))
                .toArray(GeneralName[]::new);
        X509Certificate server = sign(new X500Name("CN=" + names.iterator().next() + ",O=Broker Sandbox"),
                serverKeys.getPublic(), X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), keys,
                builder -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    builder.addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternatives));
                    builder.addExtension(Extension.authorityKeyIdentifier, false,
                            extensionUtils().createAuthorityKeyIdentifier(certificate));
                });
        return new ServerIdentity(serverKeys.getPrivate(), server, certificate);
    }

    /** A server's key and certificate chain, in the forms the brokers read. */
    record ServerIdentity(PrivateKey key, X509Certificate certificate, X509Certificate authority) {

        /** The unencrypted PKCS#8 key, PEM-encoded (Kafka's {@code ssl.keystore.key}). */
        String keyPem() {
            return pem("PRIVATE KEY", key.getEncoded());
        }

        /** Server certificate, then the authority's (Kafka's {@code ssl.keystore.certificate.chain}). */
        String chainPem() {
            return pem("CERTIFICATE", encoded(certificate)) + pem("CERTIFICATE", encoded(authority));
        }

        /** Writes a PKCS#12 key store with the key and chain under {@code alias} (what Qpid reads). */
        void writePkcs12(Path file, String alias, char[] password) {
            try (OutputStream out = Files.newOutputStream(file)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry(alias, key, password, new Certificate[] {certificate, authority});
                store.store(out, password);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not write the broker's TLS key store to " + file, e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Could not build the broker's TLS key store: " + e, e);
            }
        }
    }

    private interface Extensions {
        void add(X509v3CertificateBuilder builder) throws CertIOException, GeneralSecurityException;
    }

    private static X509Certificate sign(X500Name subject, PublicKey subjectKey, X500Name issuer, KeyPair issuerKeys,
                                        Extensions extensions) {
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    new BigInteger(127, RANDOM).add(BigInteger.ONE), Date.from(now.minus(BACKDATE)),
                    Date.from(now.plus(VALIDITY)), subject, subjectKey);
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensionUtils().createSubjectKeyIdentifier(subjectKey));
            extensions.add(builder);
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(issuerKeys.getPrivate())));
        } catch (CertIOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Could not issue the certificate for " + subject + ": " + e, e);
        }
    }

    private static JcaX509ExtensionUtils extensionUtils() {
        try {
            return new JcaX509ExtensionUtils();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK has no SHA-1 digest for key identifiers: " + e, e);
        }
    }

    /** EC P-256: a key in about a millisecond where RSA 2048 takes tens of them; every TLS client knows it. */
    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK cannot make EC P-256 keys: " + e, e);
        }
    }

    private static boolean isIpAddress(String host) {
        return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encode certificate " + certificate.getSubjectX500Principal(), e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
