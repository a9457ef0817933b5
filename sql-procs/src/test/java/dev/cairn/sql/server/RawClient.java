package dev.cairn.sql.server;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A bare MySQL protocol client for what drivers do not let a test choose: capability flags
 * (no DEPRECATE_EOF), the auth plugin, and commands such as COM_FIELD_LIST.
 */
final class RawClient implements AutoCloseable {
    final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int seq;
    byte[] nonce;
    String serverPlugin;

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Reads the server's handshake; returns its payload. */
    byte[] readHandshake() throws IOException {
        byte[] p = read();
        PayloadReader r = new PayloadReader(p);
        r.int1();
        r.nulString();
        r.int4();
        byte[] part1 = r.bytes(8);
        r.skip(1 + 2 + 1 + 2 + 2 + 1 + 10);
        byte[] part2 = r.bytes(12);
        r.int1();
        serverPlugin = r.nulString();
        nonce = new byte[20];
        System.arraycopy(part1, 0, nonce, 0, 8);
        System.arraycopy(part2, 0, nonce, 8, 12);
        return p;
    }

    /** Sends a HandshakeResponse41 with {@code caps}, user, auth data, database and plugin. */
    void sendHandshakeResponse(int caps, String user, byte[] auth, String db, String plugin) throws IOException {
        Payload p = new Payload().int4(caps).int4(1 << 24).int1(255).zeros(23).nulString(user);
        p.lenencBytes(auth);
        if (db != null) {
            p.nulString(db);
        }
        p.nulString(plugin);
        write(p.toByteArray());
    }

    /** Connects with mysql_native_password and {@code extraCaps}; returns the server's answer to the login. */
    static RawClient login(int port, String password, int extraCaps) throws IOException {
        RawClient c = new RawClient(port);
        c.readHandshake();
        int caps = Protocol.CLIENT_PROTOCOL_41 | Protocol.CLIENT_SECURE_CONNECTION | Protocol.CLIENT_PLUGIN_AUTH
                | Protocol.CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA | Protocol.CLIENT_CONNECT_WITH_DB | extraCaps;
        c.sendHandshakeResponse(caps, "root", Authenticator.nativeScramble(password, c.nonce), "db1",
                MySqlServerConfig.NATIVE_PASSWORD);
        byte[] ok = c.read();
        if ((ok[0] & 0xff) != 0) {
            throw new IOException("login failed: " + describe(ok));
        }
        return c;
    }

    /** Starts a command: sequence 0. */
    void command(int cmd, byte[] body) throws IOException {
        seq = 0;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(cmd);
        b.writeBytes(body);
        write(b.toByteArray());
    }

    void command(int cmd, String body) throws IOException {
        command(cmd, body.getBytes(StandardCharsets.UTF_8));
    }

    void write(byte[] payload) throws IOException {
        out.write(new byte[] {(byte) payload.length, (byte) (payload.length >>> 8), (byte) (payload.length >>> 16),
                (byte) seq});
        seq++;
        out.write(payload);
        out.flush();
    }

    byte[] read() throws IOException {
        byte[] h = new byte[4];
        in.readFully(h);
        int len = (h[0] & 0xff) | (h[1] & 0xff) << 8 | (h[2] & 0xff) << 16;
        seq = (h[3] & 0xff) + 1;
        byte[] p = new byte[len];
        in.readFully(p);
        return p;
    }

    static boolean isOk(byte[] p) {
        return p.length > 0 && p[0] == 0;
    }

    static boolean isEof(byte[] p) {
        return p.length > 0 && (p[0] & 0xff) == 0xfe && p.length < 9;
    }

    static boolean isErr(byte[] p) {
        return p.length > 0 && (p[0] & 0xff) == 0xff;
    }

    static int errorCode(byte[] p) {
        return (p[1] & 0xff) | (p[2] & 0xff) << 8;
    }

    static String describe(byte[] p) {
        if (isErr(p)) {
            return "ERR " + errorCode(p) + " " + new String(p, 3, p.length - 3, StandardCharsets.UTF_8);
        }
        return Arrays.toString(p);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
