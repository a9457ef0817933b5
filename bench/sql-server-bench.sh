#!/usr/bin/env bash
# Step 8 benchmark: `cairn sql-server` (the real launcher) over JDBC.
#
#   1. a database whose table t (pk BIGINT PRIMARY KEY, name, score, note) has 1M rows,
#      built by dev.cairn.bench.SqlServerBench create (through the model, in seconds)
#   2. `cairn sql-server --port 0` in it; the port is read from its start line
#   3. point selects `SELECT * FROM t WHERE pk = ?` with random keys over 4 connections:
#      5 s of warm-up, then 20 s measured                       (target >= 3,000/s)
#   4. autocommit single-row inserts over 1 connection, then over 4 (10 s each)
#   5. SIGTERM, which must end the server with status 0
#
# Usage: bench/sql-server-bench.sh [--rows N] [--seconds S] [--driver mysql|mariadb] [--keep]
# SERVER_JAVA_OPTS, when set, replaces the server JVM's options (CAIRN_JAVA_OPTS), e.g. to add
# -XX:StartFlightRecording=filename=/tmp/server.jfr for a profile.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
rows=1000000
seconds=20
driver=mysql
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --driver) driver="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "usage: $0 [--rows N] [--seconds S] [--driver mysql|mariadb] [--keep]" >&2; exit 2 ;;
  esac
done

cd "$root"
mvn -q -B -Dstyle.color=never -pl bench -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/classpath.txt
./cairn version >/dev/null # builds the CLI jar if it is missing or stale, outside the timings
classpath="$here/target/classes:$(cat "$here/target/classpath.txt")"
cairn="$root/cairn"
bench() { java ${BENCH_JAVA_OPTS:--Xmx1g} -cp "$classpath" dev.cairn.bench.SqlServerBench "$@"; }

work="$here/out/sql-server-$$"
mkdir -p "$work"
export CAIRN_ROOT_PATH="$work/cairn-root" CAIRN_NO_TTY=1
mkdir -p "$CAIRN_ROOT_PATH"
echo '{"user.name": "Bench", "user.email": "bench@cairn.invalid"}' >"$CAIRN_ROOT_PATH/config_global.json"
db="$work/db"
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid"; wait "$pid" || true; fi
  if [ "$keep" = 0 ]; then rm -rf "$work"; fi
}
trap cleanup EXIT

echo "== building table t with $rows rows =="
bench create --dir "$db" --rows "$rows"

echo "== starting cairn sql-server =="
if [ -n "${SERVER_JAVA_OPTS:-}" ]; then export CAIRN_JAVA_OPTS="$SERVER_JAVA_OPTS"; fi
(cd "$db" && exec "$cairn" sql-server --port 0) 2>"$work/server.err" &
pid=$!
unset CAIRN_JAVA_OPTS
port=""
for _ in $(seq 1 600); do
  port="$(sed -n 's/^Starting server with Config HP="[^"]*:\([0-9]*\)".*/\1/p' "$work/server.err")"
  [ -n "$port" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/server.err" >&2; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { echo "the server did not start" >&2; cat "$work/server.err" >&2; exit 1; }
head -1 "$work/server.err"

case "$driver" in
  mysql) url="jdbc:mysql://127.0.0.1:$port/db?user=root&password=&sslMode=DISABLED&allowPublicKeyRetrieval=true" ;;
  mariadb) url="jdbc:mariadb://127.0.0.1:$port/db?user=root&password=" ;;
  *) echo "unknown driver $driver" >&2; exit 2 ;;
esac

echo "== point selects, 4 connections ($driver driver) =="
bench selects --url "$url" --rows "$rows" --threads 4 --warmup 5 --seconds "$seconds"
echo "== inserts, 1 connection =="
bench inserts --url "$url" --threads 1 --seconds 10
echo "== inserts, 4 connections =="
bench inserts --url "$url" --threads 4 --seconds 10

echo "== SIGTERM =="
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=""
echo "  server exited with status $status"
[ "$status" = 0 ]
