package dev.cairn.sql.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;

/**
 * The connection phase: the server's handshake (protocol v10), the client's answer, a switch
 * to the user's authentication plugin if the client chose another, and the password check.
 *
 * <p>Two plugins. {@code mysql_native_password}: the client sends
 * {@code SHA1(pw) XOR SHA1(nonce + SHA1(SHA1(pw)))}. {@code caching_sha2_password}: the
 * client sends {@code SHA256(pw) XOR SHA256(SHA256(SHA256(pw)) + nonce)}; as in MySQL, the
 * server trusts it (fast path, {@code 0x01 0x03}) only for a user who has passed a full
 * authentication since the server started, and otherwise asks for one ({@code 0x01 0x04}).
 * A connection here is never encrypted, so the full path takes the password only RSA-encrypted
 * with the server's public key (generated at start, sent on request {@code 0x02}); a cleartext
 * password is refused. One per server; thread-safe.
 */
final class Authenticator {
    static final int NONCE_LENGTH = 20;
    private static final byte FAST_AUTH_OK = 3;
    private static final byte PERFORM_FULL_AUTH = 4;
    private static final byte REQUEST_PUBLIC_KEY = 2;

    private final MySqlServerConfig config;
    private final String serverVersion;
    private final SecureRandom random = new SecureRandom();
    /** Users whose caching_sha2 full authentication succeeded: they may take the fast path. */
    private final Set<String> sha2Cache = ConcurrentHashMap.newKeySet();
    private volatile KeyPair rsa;

    Authenticator(MySqlServerConfig config, String serverVersion) {
        this.config = config;
        this.serverVersion = serverVersion;
    }

    /** Who connected, with what the client can do and which database it asked for. */
    record Client(String user, int capabilities, String database, String host) {
        boolean has(int capability) {
            return (capabilities & capability) != 0;
        }
    }

    /** The client could not be let in; {@link #code} is the MySQL error to send. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int code;
        final String sqlState;

        Refused(int code, String sqlState, String message) {
            super(message);
            this.code = code;
            this.sqlState = sqlState;
        }
    }

    /** Runs the connection phase up to (not including) the final OK packet. */
    Client authenticate(PacketChannel ch, long connectionId, String host, int statusFlags)
            throws IOException, Refused {
        byte[] nonce = nonce();
        ch.resetSequence();
        ch.write(handshake(connectionId, nonce, statusFlags));
        ch.flush();
        PayloadReader r = new PayloadReader(ch.read());
        int caps = (int) r.int4();
        if ((caps & Protocol.CLIENT_PROTOCOL_41) == 0) {
            throw new Refused(Protocol.ER_HANDSHAKE, "08S01", "Bad handshake: client does not speak protocol 4.1");
        }
        r.int4(); // max packet size
        r.int1(); // character set: results are utf8mb4 whatever the client asks for
        r.skip(23);
        if (r.remaining() == 0 && (caps & Protocol.CLIENT_SSL) != 0) {
            throw new Refused(Protocol.ER_HANDSHAKE, "08S01", "Bad handshake: this server does not offer TLS");
        }
        caps &= Protocol.SERVER_CAPABILITIES;
        String user = r.nulString();
        byte[] authData;
        if ((caps & Protocol.CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA) != 0) {
            authData = r.lenencBytes();
        } else if ((caps & Protocol.CLIENT_SECURE_CONNECTION) != 0) {
            authData = r.bytes(r.int1());
        } else {
            authData = r.nulBytes();
        }
        String database = null;
        if ((caps & Protocol.CLIENT_CONNECT_WITH_DB) != 0 && r.remaining() > 0) {
            database = r.nulString();
            if (database.isEmpty()) {
                database = null;
            }
        }
        String plugin = MySqlServerConfig.NATIVE_PASSWORD;
        if ((caps & Protocol.CLIENT_PLUGIN_AUTH) != 0 && r.remaining() > 0) {
            plugin = r.nulString();
        }
        // Connection attributes (program name, driver version) are not used.
        String userPlugin = config.authPlugin();
        if (!plugin.equals(userPlugin)) {
            nonce = nonce();
            ch.write(new Payload().int1(0xfe).nulString(userPlugin).bytes(nonce).int1(0));
            ch.flush();
            authData = ch.read();
            plugin = userPlugin;
        }
        boolean userOk = user.equals(config.user());
        boolean passwordOk = plugin.equals(MySqlServerConfig.NATIVE_PASSWORD)
                ? checkNative(authData, nonce)
                : checkCachingSha2(ch, authData, nonce, user, host);
        if (!userOk || !passwordOk) {
            throw accessDenied(user, host, authData);
        }
        return new Client(user, caps, database, host);
    }

    private Refused accessDenied(String user, String host, byte[] authData) {
        boolean withPassword = authData.length > 0 && !(authData.length == 1 && authData[0] == 0);
        return new Refused(Protocol.ER_ACCESS_DENIED, "28000", "Access denied for user '" + user + "'@'" + host
                + "' (using password: " + (withPassword ? "YES" : "NO") + ")");
    }

    private Payload handshake(long connectionId, byte[] nonce, int statusFlags) {
        int caps = Protocol.SERVER_CAPABILITIES;
        return new Payload()
                .int1(10)
                .nulString(serverVersion)
                .int4(connectionId)
                .bytes(Arrays.copyOf(nonce, 8))
                .int1(0)
                .int2(caps & 0xffff)
                .int1(Protocol.UTF8MB4_0900_AI_CI)
                .int2(statusFlags)
                .int2(caps >>> 16)
                .int1(NONCE_LENGTH + 1)
                .zeros(10)
                .bytes(Arrays.copyOfRange(nonce, 8, NONCE_LENGTH))
                .int1(0)
                .nulString(config.authPlugin());
    }

    /** 20 random bytes without NUL or '$', as MySQL makes them, since some clients treat the nonce as text. */
    private byte[] nonce() {
        byte[] b = new byte[NONCE_LENGTH];
        for (int i = 0; i < b.length; i++) {
            int c;
            do {
                c = 1 + random.nextInt(127);
            } while (c == '$');
            b[i] = (byte) c;
        }
        return b;
    }

    private boolean checkNative(byte[] authData, byte[] nonce) {
        String pw = config.password();
        if (pw.isEmpty()) {
            return authData.length == 0 || (authData.length == 1 && authData[0] == 0);
        }
        return MessageDigest.isEqual(authData, nativeScramble(pw, nonce));
    }

    static byte[] nativeScramble(String password, byte[] nonce) {
        byte[] stage1 = digest("SHA-1", password.getBytes(StandardCharsets.UTF_8));
        byte[] stage2 = digest("SHA-1", stage1);
        byte[] mix = digest("SHA-1", nonce, stage2);
        return xor(stage1, mix);
    }

    static byte[] sha2Scramble(String password, byte[] nonce) {
        byte[] stage1 = digest("SHA-256", password.getBytes(StandardCharsets.UTF_8));
        byte[] stage2 = digest("SHA-256", stage1);
        byte[] mix = digest("SHA-256", stage2, nonce);
        return xor(stage1, mix);
    }

    private boolean checkCachingSha2(PacketChannel ch, byte[] authData, byte[] nonce, String user, String host)
            throws IOException, Refused {
        String pw = config.password();
        boolean empty = authData.length == 0 || (authData.length == 1 && authData[0] == 0);
        if (pw.isEmpty() || empty) {
            return pw.isEmpty() && empty;
        }
        String key = user;
        if (sha2Cache.contains(key)) {
            if (!MessageDigest.isEqual(authData, sha2Scramble(pw, nonce))) {
                return false;
            }
            ch.write(new Payload().int1(1).int1(FAST_AUTH_OK));
            return true;
        }
        ch.write(new Payload().int1(1).int1(PERFORM_FULL_AUTH));
        ch.flush();
        byte[] answer = ch.read();
        if (answer.length == 1 && answer[0] == REQUEST_PUBLIC_KEY) {
            ch.write(new Payload().int1(1).bytes(publicKeyPem().getBytes(StandardCharsets.US_ASCII)));
            ch.flush();
            answer = ch.read();
            String given = decryptPassword(answer, nonce, user, host);
            boolean ok = given.equals(pw);
            if (ok && user.equals(config.user())) {
                sha2Cache.add(key);
            }
            return ok;
        }
        throw new Refused(Protocol.ER_ACCESS_DENIED, "28000", "Access denied for user '" + user + "'@'" + host
                + "': caching_sha2_password needs the password RSA-encrypted with the server's public key on this"
                + " unencrypted connection (Connector/J: allowPublicKeyRetrieval=true; mysql: --get-server-public-key);"
                + " a cleartext password is refused");
    }

    private String decryptPassword(byte[] encrypted, byte[] nonce, String user, String host) throws Refused {
        byte[] plain;
        try {
            Cipher c = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
            c.init(Cipher.DECRYPT_MODE, keyPair().getPrivate());
            plain = c.doFinal(encrypted);
        } catch (GeneralSecurityException e) {
            throw new Refused(Protocol.ER_ACCESS_DENIED, "28000", "Access denied for user '" + user + "'@'" + host
                    + "' (using password: YES): the RSA-encrypted password could not be decrypted");
        }
        for (int i = 0; i < plain.length; i++) {
            plain[i] ^= nonce[i % nonce.length];
        }
        int end = plain.length;
        if (end > 0 && plain[end - 1] == 0) {
            end--;
        }
        return new String(plain, 0, end, StandardCharsets.UTF_8);
    }

    private KeyPair keyPair() {
        KeyPair k = rsa;
        if (k == null) {
            synchronized (this) {
                k = rsa;
                if (k == null) {
                    try {
                        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                        g.initialize(2048, random);
                        k = g.generateKeyPair();
                    } catch (GeneralSecurityException e) {
                        throw new IllegalStateException("no RSA key generator", e);
                    }
                    rsa = k;
                }
            }
        }
        return k;
    }

    /** The server's RSA public key in PEM, as {@code caching_sha2_password_public_key} clients expect. */
    String publicKeyPem() {
        String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(keyPair().getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n";
    }

    /** Makes the key now, so the first full authentication does not wait for it. */
    void prepareKey() {
        keyPair();
    }

    private static byte[] digest(String algorithm, byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            for (byte[] p : parts) {
                md.update(p);
            }
            return md.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }
}
