#!/usr/bin/env bash
# Steps 6 and 7 benchmark: backup syncs through the built CLI (./cairn) to an S3 server
# (s3proxy with its file-system backend, in a JVM of its own on loopback), to a bare Git
# repository (git+file://) and to an HTTP remote (`cairn remotesrv`, a JVM of its own on
# loopback, serving a directory under the work directory), as ratios to the same syncs to a
# file:// backup on the same disk.
#
#   1. a database of ~N MB of rows, built by dev.cairn.bench.BackupBenchData (default 256)
#   2. the initial `backup sync` to each of file://, s3:// and git+file://
#   3. `backup restore` of each into a new directory
#   4. 1% of the rows updated and committed, then a `backup sync` to each again
#
# Every scheme syncs the same database state, so the ratios compare like with like. Every
# timed step ends with `sync`, so each figure is durable data (s3proxy's and Git's included).
# Bytes stored are du of the destination: the backup directory, s3proxy's bucket directory,
# the bare repository, remotesrv's repository directory. Ratio = file's seconds / the
# scheme's: 1.00 is parity, lower is slower. --schemes picks which run besides file (always
# run, as the denominator): a comma-separated subset of s3,git,http; default all three.
# Usage: bench/cloud-bench.sh [--mb N] [--schemes LIST] [--keep]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
mb=256
keep=0
others=s3,git,http
usage() { echo "usage: $0 [--mb N] [--schemes s3,git,http] [--keep]" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --mb) mb="$2"; shift 2 ;;
    --schemes) others="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) usage ;;
  esac
done
schemes=(file)
for s in ${others//,/ }; do
  case "$s" in
    s3 | git | http) schemes+=("$s") ;;
    *) usage ;;
  esac
done
has() { [[ " ${schemes[*]} " == *" $1 "* ]]; }
if has git; then
  command -v git >/dev/null || { echo "$0: needs git (for git init --bare)" >&2; exit 2; }
fi

cd "$root"
mvn -q -B -Dstyle.color=never -pl bench -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/classpath.txt
./cairn version >/dev/null # builds the CLI jar if it is missing or stale, outside the timings
classpath="$here/target/classes:$(cat "$here/target/classpath.txt")"
cairn="$root/cairn"

work="$here/out/cloud-$$"
mkdir -p "$work"
proxy_pid=""
srv_pid=""
cleanup() {
  local p
  for p in $proxy_pid $srv_pid; do
    kill "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  if [ "$keep" = 0 ]; then rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
export CAIRN_ROOT_PATH="$work/cairn-root" CAIRN_NO_TTY=1
mkdir -p "$CAIRN_ROOT_PATH"
echo '{"user.name": "Bench", "user.email": "bench@cairn.invalid"}' >"$CAIRN_ROOT_PATH/config_global.json"
# Only these keys, wherever the AWS SDK looks; no instance-metadata probe.
export AWS_ACCESS_KEY_ID=cairn-bench-key AWS_SECRET_ACCESS_KEY=cairn-bench-secret-0123456789
export AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
export AWS_SHARED_CREDENTIALS_FILE="$work/no-credentials" AWS_CONFIG_FILE="$work/no-config"
db="$work/db"
rows=$((mb * 1000000 / 150))

data() { java ${BENCH_JAVA_OPTS:--Xmx3g} -cp "$classpath" dev.cairn.bench.BackupBenchData "$@"; }
bytes() { du -sb "$1" | cut -f1; }
# timed VAR DIR cmd...: runs cmd in DIR then sync, sets VAR to the wall seconds, keeps cmd's
# stderr in $work/last.err; a failing cmd stops the run with its stderr
timed() {
  local var="$1" dir="$2"; shift 2
  local s e
  s=$(date +%s%N)
  if ! (cd "$dir" && "$@") 2>"$work/last.err" >/dev/null; then
    echo "failed: $*" >&2
    cat "$work/last.err" >&2
    exit 1
  fi
  sync
  e=$(date +%s%N)
  printf -v "$var" '%s' "$(awk -v a="$s" -v b="$e" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
mbps() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.0f", n / t / 1e6 }'; }

load() { cut -d' ' -f1-3 /proc/loadavg; }
load_start=$(load)

declare -A url dest
url[file]="file://$work/backup"
dest[file]="$work/backup"

if has s3; then
  echo "== s3proxy (file-system backend on $work/s3) =="
  mkfifo "$work/proxy.out"
  java ${S3PROXY_JAVA_OPTS:--Xmx2g} -cp "$classpath" dev.cairn.bench.S3ProxyMain \
    --dir "$work/s3" --port 0 --bucket bench <"/dev/null" >"$work/proxy.out" 2>"$work/proxy.err" &
  proxy_pid=$!
  port=""
  read -r -t 60 word port <"$work/proxy.out" || true
  if [ "${word:-}" != port ] || [ -z "$port" ]; then
    echo "s3proxy did not start:" >&2
    cat "$work/proxy.err" >&2
    exit 1
  fi
  echo "  listening on 127.0.0.1:$port"
  url[s3]="s3://bench/db?endpoint=http://127.0.0.1:$port&path-style=true"
  dest[s3]="$work/s3/bench"
fi

if has git; then
  git init --bare -q "$work/backup.git"
  url[git]="git+file://$work/backup.git"
  dest[git]="$work/backup.git"
fi

if has http; then
  echo "== cairn remotesrv (serving $work/srv) =="
  # Port 0: the kernel picks a free one, and the first line on stderr names it; the rest of
  # stderr is the access log, a line per request.
  # REMOTESRV_JAVA_TOOL_OPTIONS reaches the server's JVM alone (e.g. to record it with JFR).
  (cd "$work" && if [ -n "${REMOTESRV_JAVA_TOOL_OPTIONS:-}" ]; then
     export JAVA_TOOL_OPTIONS="$REMOTESRV_JAVA_TOOL_OPTIONS"; fi
   exec "$cairn" remotesrv --http-port 0 --host 127.0.0.1 --dir "$work/srv") \
    </dev/null >"$work/srv.out" 2>"$work/srv.log" &
  srv_pid=$!
  line=""
  for _ in $(seq 600); do
    line=$(grep -m 1 '^Serving ' "$work/srv.log" || true)
    [ -z "$line" ] && kill -0 "$srv_pid" 2>/dev/null || break
    sleep 0.2
  done
  srv_url=$(sed -n 's|^Serving .* at \(http://[^ ]*\)/ (org/repo URLs)$|\1|p' <<<"$line")
  if [ -z "$srv_url" ]; then
    echo "cairn remotesrv did not start:" >&2
    cat "$work/srv.log" >&2
    exit 1
  fi
  echo "  listening at $srv_url"
  url[http]="$srv_url/bench/db"
  dest[http]="$work/srv/bench/db"
fi

echo "== building a database of ~$mb MB of rows ($rows rows) =="
data create --dir "$db" --mb "$mb"
size=$(bytes "$db")
echo "  $db: $size bytes on disk"
sync

declare -A t_init t_restore t_pct size_init size_pct
for s in "${schemes[@]}"; do
  (cd "$db" && "$cairn" backup add "$s" "${url[$s]}")
done

for s in "${schemes[@]}"; do
  echo "== backup sync to $s (initial) =="
  timed t "$db" "$cairn" backup sync "$s"
  t_init[$s]=$t
  size_init[$s]=$(bytes "${dest[$s]}")
  echo "  $t s, $(mbps "$size" "$t") MB/s, ${size_init[$s]} bytes stored: $(cat "$work/last.err")"
done

for s in "${schemes[@]}"; do
  echo "== backup restore from $s =="
  timed t "$work" "$cairn" backup restore "${url[$s]}" "restored-$s"
  t_restore[$s]=$t
  echo "  $t s, $(mbps "$size" "$t") MB/s: $(cat "$work/last.err")"
  rm -rf "$work/restored-$s"
done

echo "== updating and committing 1% of the rows ($((rows / 100))) =="
data update --dir "$db" --rows $((rows / 100))
(cd "$db" && "$cairn" commit -a -m "bench: 1% of the rows" >/dev/null)

for s in "${schemes[@]}"; do
  echo "== backup sync to $s after the 1% update =="
  timed t "$db" "$cairn" backup sync "$s"
  t_pct[$s]=$t
  size_pct[$s]=$(bytes "${dest[$s]}")
  echo "  $t s, $(( size_pct[$s] - size_init[$s] )) bytes added: $(cat "$work/last.err")"
done

echo
echo "== summary (database: $size bytes; load average $load_start at the start, $(load) at the end;"
echo "   ratio = file:// seconds / the scheme's, 1.00 is parity, lower is slower) =="
printf '  %-6s %10s %7s %10s %7s %10s %7s %14s %14s\n' scheme "initial s" ratio "1% s" ratio "restore s" ratio \
  "bytes stored" "1% added"
for s in "${schemes[@]}"; do
  printf '  %-6s %10s %7s %10s %7s %10s %7s %14s %14s\n' "$s" \
    "${t_init[$s]}" "$(ratio "${t_init[file]}" "${t_init[$s]}")" \
    "${t_pct[$s]}" "$(ratio "${t_pct[file]}" "${t_pct[$s]}")" \
    "${t_restore[$s]}" "$(ratio "${t_restore[file]}" "${t_restore[$s]}")" \
    "${size_init[$s]}" "$(( size_pct[$s] - size_init[$s] ))"
done
