package dev.cairn.sql.server;

import dev.cairn.sql.ResultColumn;
import dev.cairn.sql.ResultSet;
import dev.cairn.sql.SqlException;
import dev.cairn.sql.SqlSession;
import dev.cairn.sql.parse.StatementSplitter;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One client connection: the connection phase, then a loop of commands, each answered in
 * full before the next is read. Owns one {@link SqlSession}. The server may ask it to stop
 * ({@link #shutdown}): an idle connection closes at once, a busy one after the command it is
 * running, so no statement is cut off.
 */
final class ClientConnection implements Runnable {
    private static final int HANDSHAKE_TIMEOUT_MILLIS = 10_000;
    private static final int ER_CLIENT_INTERACTION_TIMEOUT = 4031;

    private final MySqlServer server;
    private final Socket socket;
    private final long id;
    private final Map<Integer, PreparedStatement> statements = new HashMap<>();
    private PacketChannel ch;
    private ResultWriter out;
    private SqlSession session;
    private Authenticator.Client client;
    private boolean multiStatements;
    private int nextStatementId = 1;
    /** Guarded by this: a command is being run; the server asked us to stop. */
    private boolean busy;
    private boolean stopping;

    ClientConnection(MySqlServer server, Socket socket, long id) {
        this.server = server;
        this.socket = socket;
        this.id = id;
    }

    long id() {
        return id;
    }

    @Override
    public void run() {
        try {
            socket.setTcpNoDelay(true);
            ch = new PacketChannel(socket, server.maxPacket());
            if (!handshake()) {
                return;
            }
            loop();
        } catch (EOFException | SocketException e) {
            // The client went away, or the server closed the socket to stop: nothing to report.
        } catch (IOException | RuntimeException e) {
            server.log("connection " + id + ": " + e);
        } finally {
            closeSocket();
            server.connectionClosed(this);
        }
    }

    /** Asks this connection to stop: now if it is waiting for a command, else when its command ends. */
    void shutdown() {
        synchronized (this) {
            stopping = true;
            if (busy) {
                return;
            }
        }
        closeSocket();
    }

    /** Cuts the connection whatever it is doing (after the shutdown grace period). */
    void abort() {
        closeSocket();
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    private boolean handshake() throws IOException {
        socket.setSoTimeout(HANDSHAKE_TIMEOUT_MILLIS);
        out = new ResultWriter(ch, false);
        try {
            client = server.authenticator().authenticate(ch, id, hostOf(socket), Protocol.SERVER_STATUS_AUTOCOMMIT);
        } catch (Authenticator.Refused e) {
            out.error(e.code, e.sqlState, e.getMessage());
            ch.flush();
            return false;
        } catch (PayloadReader.MalformedPacketException e) {
            out.error(Protocol.ER_HANDSHAKE, "08S01", "Bad handshake");
            ch.flush();
            return false;
        }
        out = new ResultWriter(ch, client.has(Protocol.CLIENT_DEPRECATE_EOF));
        multiStatements = client.has(Protocol.CLIENT_MULTI_STATEMENTS);
        try {
            session = newSession();
            if (client.database() != null) {
                session.useDatabase(client.database());
            }
        } catch (SqlException e) {
            out.error(e.errorCode(), ErrorCodes.sqlState(e.errorCode(), e.sqlState()), e.getMessage());
            ch.flush();
            return false;
        } catch (RuntimeException e) {
            out.error(SqlException.ER_UNKNOWN, "HY000", oneLine(String.valueOf(e.getMessage())));
            ch.flush();
            return false;
        }
        out.ok(0, 0, status(), 0);
        ch.flush();
        return true;
    }

    private SqlSession newSession() throws IOException {
        SqlSession s = server.newSession();
        s.identifyClient(client.user(), client.host(), id);
        return s;
    }

    /**
     * How long to wait for the next command: the session's {@code wait_timeout} if the client
     * changed it, else the server's idle timeout.
     */
    private int idleMillis() {
        long configured = server.config().idleTimeout().toMillis();
        Object v = session.variables().get("wait_timeout");
        if (v instanceof Number n && n.longValue() != server.config().idleTimeout().toSeconds()) {
            configured = Math.max(1, n.longValue()) * 1000; // MySQL's least wait_timeout is 1 s
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, configured));
    }

    private static String hostOf(Socket s) {
        String h = s.getInetAddress().getHostAddress();
        return h.equals("127.0.0.1") || h.equals("0:0:0:0:0:0:0:1") ? "localhost" : h;
    }

    private void loop() throws IOException {
        while (true) {
            socket.setSoTimeout(idleMillis());
            byte[] packet;
            ch.resetSequence();
            try {
                packet = ch.read();
            } catch (SocketTimeoutException e) {
                ch.resetSequence();
                out.error(ER_CLIENT_INTERACTION_TIMEOUT, "HY000",
                        "The client was disconnected by the server because of inactivity.");
                ch.flush();
                return;
            } catch (PacketChannel.PacketTooLargeException e) {
                // As MySQL: say why, then hang up, since the rest of the packet is still on the wire.
                out.error(Protocol.ER_NET_PACKET_TOO_LARGE, "08S01", e.getMessage());
                ch.flush();
                return;
            }
            synchronized (this) {
                if (stopping) {
                    return;
                }
                busy = true;
            }
            boolean quit;
            try {
                quit = command(packet);
                ch.flush();
            } finally {
                synchronized (this) {
                    busy = false;
                }
            }
            if (quit) {
                return;
            }
            synchronized (this) {
                if (stopping) {
                    return;
                }
            }
        }
    }

    /** Runs one command and writes its answer; true if the connection should close. */
    private boolean command(byte[] packet) throws IOException {
        if (packet.length == 0) {
            out.error(Protocol.ER_UNKNOWN_COM, "08S01", "Unknown command");
            return false;
        }
        int cmd = packet[0] & 0xff;
        PayloadReader r = new PayloadReader(packet, 1);
        if (server.debug()) {
            server.log("connection " + id + ": command 0x" + Integer.toHexString(cmd) + " "
                    + new String(packet, 1, Math.min(packet.length - 1, 200), java.nio.charset.StandardCharsets.UTF_8));
        }
        try {
            switch (cmd) {
                case Protocol.COM_QUIT:
                    return true;
                case Protocol.COM_PING:
                    out.ok(0, 0, status(), 0);
                    break;
                case Protocol.COM_INIT_DB:
                    session.useDatabase(r.rest());
                    out.ok(0, 0, status(), 0);
                    break;
                case Protocol.COM_QUERY:
                    query(QueryText.decode(r.restBytes()));
                    break;
                case Protocol.COM_FIELD_LIST:
                    fieldList(r.nulString());
                    break;
                case Protocol.COM_SET_OPTION:
                    int option = r.int2();
                    if (option > 1) {
                        out.error(Protocol.ER_UNKNOWN_COM, "HY000", "Unknown option " + option);
                    } else {
                        multiStatements = option == 0;
                        out.eof(status(), 0);
                    }
                    break;
                case Protocol.COM_STATISTICS:
                    ch.write(new Payload().rest("Uptime: " + server.uptimeSeconds() + "  Threads: "
                            + server.connectionCount() + "  Questions: 0  Slow queries: 0  Opens: 0"
                            + "  Flush tables: 0  Open tables: 0  Queries per second avg: 0.000"));
                    break;
                case Protocol.COM_RESET_CONNECTION:
                    session = newSession();
                    statements.clear();
                    out.ok(0, 0, status(), 0);
                    break;
                case Protocol.COM_STMT_PREPARE:
                    prepare(QueryText.decode(r.restBytes()));
                    break;
                case Protocol.COM_STMT_EXECUTE:
                    execute(r);
                    break;
                case Protocol.COM_STMT_SEND_LONG_DATA: {
                    PreparedStatement ps = statements.get((int) r.int4());
                    int param = r.int2();
                    if (ps != null) {
                        ps.appendLongData(param, r.restBytes());
                    }
                    break; // no answer, by the protocol
                }
                case Protocol.COM_STMT_CLOSE:
                    statements.remove((int) r.int4());
                    break; // no answer
                case Protocol.COM_STMT_RESET: {
                    PreparedStatement ps = statements.get((int) r.int4());
                    if (ps == null) {
                        unknownStatement();
                    } else {
                        ps.reset();
                        out.ok(0, 0, status(), 0);
                    }
                    break;
                }
                default:
                    out.error(Protocol.ER_UNKNOWN_COM, "08S01", "Unknown command");
            }
        } catch (SqlException e) {
            error(e);
        } catch (PayloadReader.MalformedPacketException e) {
            out.error(Protocol.ER_WRONG_ARGUMENTS, "HY000", "Malformed packet: " + e.getMessage());
        } catch (SocketException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            unexpected(e);
        }
        return false;
    }

    private void error(SqlException e) throws IOException {
        out.error(e.errorCode(), ErrorCodes.sqlState(e.errorCode(), e.sqlState()), oneLine(e.getMessage()));
    }

    private void unexpected(Exception e) throws IOException {
        if (server.debug()) {
            server.log("connection " + id + ": " + e);
        }
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        out.error(SqlException.ER_UNKNOWN, "HY000", oneLine(msg));
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Server status flags for the session's state now. */
    private int status() {
        int s = 0;
        if (session != null && session.variables().autocommit()) {
            s |= Protocol.SERVER_STATUS_AUTOCOMMIT;
        }
        if (session != null && session.inTransaction()) {
            s |= Protocol.SERVER_STATUS_IN_TRANS;
        }
        if (session == null) {
            s |= Protocol.SERVER_STATUS_AUTOCOMMIT;
        }
        return s;
    }

    /**
     * COM_QUERY: each statement's result in turn, all but the last flagged MORE_RESULTS_EXISTS;
     * an error ends the batch, as in MySQL.
     */
    private void query(String sql) throws IOException {
        List<String> parts = StatementSplitter.split(sql);
        if (parts.isEmpty()) {
            out.error(Protocol.ER_EMPTY_QUERY, "42000", "Query was empty");
            return;
        }
        if (parts.size() > 1 && !multiStatements) {
            out.error(SqlException.ER_PARSE, "42000", "You have an error in your SQL syntax: multiple statements"
                    + " in one query need the client's multi-statement option");
            return;
        }
        for (int i = 0; i < parts.size(); i++) {
            ResultSet rs;
            try {
                rs = server.run(session, parts.get(i));
            } catch (SqlException e) {
                error(e);
                return;
            } catch (SocketException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                unexpected(e);
                return;
            }
            int status = status() | (i + 1 < parts.size() ? Protocol.SERVER_MORE_RESULTS_EXISTS : 0);
            out.result(session.currentDatabase(), rs, status, false);
        }
    }

    private void fieldList(String table) throws IOException {
        ResultSet rs = server.run(session, "SELECT * FROM `" + table.replace("`", "``") + "` LIMIT 0");
        for (ResultColumn c : rs.columns()) {
            out.column(session.currentDatabase(), table, c, true);
        }
        out.endOfRows(status(), 0);
    }

    private void prepare(String sql) throws IOException {
        List<String> parts = StatementSplitter.split(sql);
        if (parts.size() != 1) {
            if (parts.isEmpty()) {
                out.error(Protocol.ER_EMPTY_QUERY, "42000", "Query was empty");
            } else {
                out.error(SqlException.ER_PARSE, "42000",
                        "You have an error in your SQL syntax: a prepared statement holds one statement");
            }
            return;
        }
        PreparedStatement ps = new PreparedStatement(nextStatementId++, parts.get(0));
        statements.put(ps.id, ps);
        // The columns are known only once it runs: 0 here, and the execute's result carries them.
        ch.write(new Payload().int1(0).int4(ps.id).int2(0).int2(ps.paramCount()).int1(0).int2(0));
        if (ps.paramCount() > 0) {
            for (int i = 0; i < ps.paramCount(); i++) {
                out.column(null, new ResultColumn("?", null));
            }
            out.endOfColumns(status());
        }
    }

    private void execute(PayloadReader r) throws IOException {
        PreparedStatement ps = statements.get((int) r.int4());
        if (ps == null) {
            unknownStatement();
            return;
        }
        r.int1(); // cursor flags: results are always sent in full
        r.int4(); // iteration count, always 1
        String sql = ps.bind(r);
        ResultSet rs = server.run(session, sql);
        out.result(session.currentDatabase(), rs, status(), true);
    }

    private void unknownStatement() throws IOException {
        out.error(Protocol.ER_UNKNOWN_STMT_HANDLER, "HY000", "Unknown prepared statement handler given to"
                + " mysqld_stmt_execute");
    }
}
