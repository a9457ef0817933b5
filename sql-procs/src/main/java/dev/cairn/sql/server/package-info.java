/**
 * A MySQL-protocol server over Cairn's SQL sessions, for {@code cairn sql-server}: MySQL and
 * MariaDB clients and drivers connect over TCP and run the same SQL, {@code dolt_*} procedures
 * and system tables as {@code cairn sql}.
 *
 * <p>Use: {@code MySqlServer s = MySqlServer.start(MySqlServerConfig.builder(dir).port(3306)
 * .password(pw).build());} then {@code s.awaitClosed()}; call {@code s.close()} from a SIGTERM
 * shutdown hook to stop gracefully (no new connections, statements in flight finish, then
 * every connection and the workspace are closed).
 *
 * <p>Inside: {@link dev.cairn.sql.server.MySqlServer} accepts and limits connections;
 * {@code ClientConnection} runs one connection's command loop over its own
 * {@link dev.cairn.sql.SqlSession}; {@code Authenticator} is the connection phase
 * (mysql_native_password, caching_sha2_password with RSA); {@code PacketChannel},
 * {@code Payload} and {@code PayloadReader} frame and encode packets; {@code ResultWriter} and
 * {@code ColumnTypes} write results in the text and binary protocols; {@code PreparedStatement}
 * turns COM_STMT_EXECUTE parameters into SQL literals; {@code QueryText} decodes query bytes.
 * Wire-level errors use MySQL's numbers and SQLSTATEs ({@code ErrorCodes}).
 */
package dev.cairn.sql.server;
