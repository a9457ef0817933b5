package dev.cairn.remotes.http;

import dev.cairn.remotes.RemoteException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * Builds the okhttp client of an HTTP remote: bounded connect and read times, no redirects
 * (a remote that moved should be told, and a token must not follow a redirect), and for TLS
 * the JDK's trusted certificates plus, when {@code CAIRN_REMOTE_CA_FILE} names a PEM file,
 * the certificates in it (a private CA, or a server's self-signed certificate).
 */
final class HttpClientFactory {
    static final String CA_FILE_ENV = "CAIRN_REMOTE_CA_FILE";

    private HttpClientFactory() {
    }

    /**
     * @param caFile a PEM file of certificates to trust besides the JDK's, or null
     * @throws RemoteException if the CA file is missing or holds no certificate
     */
    static OkHttpClient build(Duration connectTimeout, Duration readTimeout, Path caFile) {
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .writeTimeout(readTimeout)
                .followRedirects(false)
                .followSslRedirects(false);
        if (caFile != null) {
            X509TrustManager trust = trustManager(caFile);
            try {
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(null, new TrustManager[] {trust}, null);
                b.sslSocketFactory(tls.getSocketFactory(), trust);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("this JVM cannot set up TLS", e);
            }
        }
        return b.build();
    }

    /** Trusts what the JDK trusts and every certificate in {@code caFile}. */
    static X509TrustManager trustManager(Path caFile) {
        Collection<? extends Certificate> extra;
        try (InputStream in = Files.newInputStream(caFile)) {
            extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (NoSuchFileException e) {
            throw new RemoteException(CA_FILE_ENV + " names '" + caFile + "', which does not exist");
        } catch (IOException e) {
            throw new RemoteException("cannot read " + CA_FILE_ENV + " '" + caFile + "': " + e.getMessage(), e);
        } catch (CertificateException e) {
            throw new RemoteException(CA_FILE_ENV + " '" + caFile + "' is not a PEM file of certificates", e);
        }
        if (extra.isEmpty()) {
            throw new RemoteException(CA_FILE_ENV + " '" + caFile + "' holds no certificate");
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate c : systemTrust().getAcceptedIssuers()) {
                store.setCertificateEntry("jdk-" + n++, c);
            }
            for (Certificate c : extra) {
                store.setCertificateEntry("extra-" + n++, c);
            }
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init(store);
            return x509(f.getTrustManagers());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("this JVM cannot set up TLS", e);
        }
    }

    private static X509TrustManager systemTrust() throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init((KeyStore) null);
        return x509(f.getTrustManagers());
    }

    private static X509TrustManager x509(TrustManager[] managers) {
        for (TrustManager m : managers) {
            if (m instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new IllegalStateException("the JVM has no X.509 trust manager");
    }
}
