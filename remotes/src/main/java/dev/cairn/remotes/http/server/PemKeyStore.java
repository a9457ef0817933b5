package dev.cairn.remotes.http.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A certificate chain and private key from PEM files, as every other server takes them, in
 * an in-memory key store for Jetty. The JDK parses both, so TLS adds no dependency.
 */
final class PemKeyStore {
    static final String ALIAS = "cairn";
    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private PemKeyStore() {
    }

    /**
     * Loads the chain and key into a PKCS#12 key store protected by {@code password}.
     *
     * @throws IOException naming the file, with one line saying what is wrong with it
     */
    static KeyStore load(Path certPem, Path keyPem, char[] password) throws IOException {
        byte[] certBytes;
        try {
            certBytes = Files.readAllBytes(certPem);
        } catch (IOException e) {
            throw new IOException("cannot read the certificate " + certPem + ": " + RemoteServer.reason(e), e);
        }
        Collection<? extends Certificate> chain;
        try {
            chain = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(certBytes));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the certificate " + certPem + ": " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IOException("no certificate in " + certPem);
        }
        PrivateKey key = privateKey(keyPem);
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(ALIAS, key, password, chain.toArray(new Certificate[0]));
            return ks;
        } catch (GeneralSecurityException e) {
            throw new IOException("the key in " + keyPem + " does not fit the certificate in " + certPem + ": "
                    + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(Path keyPem) throws IOException {
        String text;
        try {
            text = Files.readString(keyPem, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IOException("cannot read the private key " + keyPem + ": " + RemoteServer.reason(e), e);
        }
        Matcher m = PRIVATE_KEY.matcher(text);
        if (!m.find()) {
            String hint = text.contains("ENCRYPTED PRIVATE KEY") ? "it is encrypted"
                    : text.contains("RSA PRIVATE KEY") || text.contains("EC PRIVATE KEY") ? "it is not PKCS#8"
                    : "there is no -----BEGIN PRIVATE KEY----- block";
            throw new IOException("cannot read the private key " + keyPem + ": " + hint
                    + " (convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(1));
        } catch (IllegalArgumentException e) {
            throw new IOException("cannot read the private key " + keyPem + ": bad base64", e);
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IOException("cannot read the private key " + keyPem + ": not an RSA, EC or Ed25519 key");
    }
}
