#!/usr/bin/env bash
# Step 5 benchmark: backup sync and restore through the built CLI (./cairn) against the
# physical limit (cp -r of the database directory, then sync) and, when it is installed,
# restic backup/restore of the same directory.
#
#   1. a database of about 1 GiB of rows, built by dev.cairn.bench.BackupBenchData
#   2. the initial `backup sync` to a file:// backup          (target >= 0.8x cp, >= 2x restic)
#   3. `backup restore` into a new directory                  (target >= 0.8x cp, >= 2x restic)
#   4. a sync after updating 1 row                            (target: sends <= 64 KiB)
#   5. a sync after updating 1% of the rows
#   6. a no-op sync                                           (target: <= 0.5 s wall)
#
# Every timed step, ours and theirs, ends with `sync` so that each number is durable data.
# Bytes sent are what the sync added to the backup directory.
# Usage: bench/backup-bench.sh [--mb N] [--keep]     (N: MB of rows, default 1074 = 1 GiB)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
mb=1074
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --mb) mb="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "usage: $0 [--mb N] [--keep]" >&2; exit 2 ;;
  esac
done

cd "$root"
mvn -q -B -Dstyle.color=never -pl bench -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/classpath.txt
./cairn version >/dev/null # builds the CLI jar if it is missing or stale, outside the timings
classpath="$here/target/classes:$(cat "$here/target/classpath.txt")"
cairn="$root/cairn"

work="$here/out/backup-$$"
mkdir -p "$work"
if [ "$keep" = 0 ]; then trap 'rm -rf "$work"' EXIT; fi
export CAIRN_ROOT_PATH="$work/cairn-root" CAIRN_NO_TTY=1
mkdir -p "$CAIRN_ROOT_PATH"
echo '{"user.name": "Bench", "user.email": "bench@cairn.invalid"}' >"$CAIRN_ROOT_PATH/config_global.json"
db="$work/db"
backup="$work/backup"
rows=$((mb * 1000000 / 150))

data() { java ${BENCH_JAVA_OPTS:--Xmx3g} -cp "$classpath" dev.cairn.bench.BackupBenchData "$@"; }
bytes() { du -sb "$1" | cut -f1; }
# timed VAR DIR cmd...: runs cmd in DIR then sync, sets VAR to the wall seconds, keeps cmd's
# stderr in $work/last.err
timed() {
  local var="$1" dir="$2"; shift 2
  local s e
  s=$(date +%s%N)
  (cd "$dir" && "$@") 2>"$work/last.err" >/dev/null
  sync
  e=$(date +%s%N)
  printf -v "$var" '%s' "$(awk -v a="$s" -v b="$e" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
# rate_ratio OUR_BYTES OUR_SECONDS THEIR_BYTES THEIR_SECONDS: our rate over theirs
rate_ratio() { awk -v a="$1" -v ta="$2" -v b="$3" -v tb="$4" 'BEGIN { printf "%.2f", (a / ta) / (b / tb) }'; }
mbps() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.0f", n / t / 1e6 }'; }
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { ok = (op == ">=" ? v >= t : v <= t); print ok ? "PASS" : "FAIL" }'; }

echo "== building a database of ~$mb MB of rows ($rows rows) =="
data create --dir "$db" --mb "$mb"
size=$(bytes "$db")
initial_size=$size
echo "  $db: $size bytes on disk"
sync

(cd "$db" && "$cairn" backup add bench "file://$backup")

echo "== cairn backup sync (initial) =="
timed t_sync "$db" "$cairn" backup sync bench
echo "  $t_sync s, $(mbps "$size" "$t_sync") MB/s: $(cat "$work/last.err")"

echo "== cairn backup restore =="
timed t_restore "$work" "$cairn" backup restore "file://$backup" restored
echo "  $t_restore s, $(mbps "$size" "$t_restore") MB/s: $(cat "$work/last.err")"
rm -rf "$work/restored"

echo "== cairn backup sync after updating 1 row =="
data update --dir "$db" --rows 1
before=$(bytes "$backup")
timed t_one "$db" "$cairn" backup sync bench
sent_one=$(( $(bytes "$backup") - before ))
echo "  $t_one s, $sent_one bytes added to the backup: $(cat "$work/last.err")"

echo "== cairn backup sync after updating 1% of the rows ($((rows / 100))) =="
data update --dir "$db" --rows $((rows / 100))
before=$(bytes "$backup")
timed t_pct "$db" "$cairn" backup sync bench
sent_pct=$(( $(bytes "$backup") - before ))
echo "  $t_pct s, $sent_pct bytes added to the backup: $(cat "$work/last.err")"

echo "== cairn backup sync with nothing new =="
before=$(bytes "$backup")
timed t_noop "$db" "$cairn" backup sync bench
sent_noop=$(( $(bytes "$backup") - before ))
echo "  $t_noop s, $sent_noop bytes added to the backup: $(cat "$work/last.err")"
size=$(bytes "$db") # the updates' working sets made it grow; cp and restic copy what is there now

# The fastest of three copies: one cp on this VM took anywhere from 1.0 to 2.1 s, and the
# limit ours are compared with should be the best the disk did, not a slow moment.
echo "== cp -r + sync (the physical limit; fastest of 3) =="
t_cp=""
for i in 1 2 3; do
  timed t_cp_run "$work" cp -r "$db" "$work/cp-copy"
  echo "  $t_cp_run s, $(mbps "$size" "$t_cp_run") MB/s"
  if [ -z "$t_cp" ] || awk -v a="$t_cp_run" -v b="$t_cp" 'BEGIN { exit !(a < b) }'; then t_cp="$t_cp_run"; fi
  rm -rf "$work/cp-copy"
done
rm -rf "$work/cp-copy"

have_restic=0
if command -v restic >/dev/null; then
  have_restic=1
  export RESTIC_PASSWORD=bench RESTIC_REPOSITORY="$work/restic"
  restic init -q >/dev/null
  echo "== restic backup =="
  timed t_rbackup "$work" restic backup -q "$db"
  echo "  $t_rbackup s, $(mbps "$size" "$t_rbackup") MB/s"
  echo "== restic restore =="
  timed t_rrestore "$work" restic restore latest -q --target "$work/restic-restore"
  echo "  $t_rrestore s, $(mbps "$size" "$t_rrestore") MB/s"
  rm -rf "$work/restic-restore"
fi

echo
echo "== summary (database: $initial_size bytes at the first sync, $size when copied by cp and restic;"
echo "   ratios are of rates, higher is better for cairn) =="
r=$(rate_ratio "$initial_size" "$t_sync" "$size" "$t_cp");    echo "  initial sync     $t_sync s   vs cp: ${r}x (target >= 0.8)  $(verdict "$r" ">=" 0.8)"
r=$(rate_ratio "$initial_size" "$t_restore" "$size" "$t_cp"); echo "  restore          $t_restore s   vs cp: ${r}x (target >= 0.8)  $(verdict "$r" ">=" 0.8)"
if [ "$have_restic" = 1 ]; then
  r=$(rate_ratio "$initial_size" "$t_sync" "$size" "$t_rbackup");     echo "  initial sync     vs restic backup ($t_rbackup s): ${r}x (target >= 2)  $(verdict "$r" ">=" 2)"
  r=$(rate_ratio "$initial_size" "$t_restore" "$size" "$t_rrestore"); echo "  restore          vs restic restore ($t_rrestore s): ${r}x (target >= 2)  $(verdict "$r" ">=" 2)"
else
  echo "  restic is not installed: no restic comparison (apt-get install restic)"
fi
echo "  1-row sync       $t_one s, sent $sent_one bytes (target <= 65536)  $(verdict "$sent_one" "<=" 65536)"
echo "  1% sync          $t_pct s, sent $sent_pct bytes ($(ratio "$sent_pct" "$initial_size") of the database)"
echo "  no-op sync       $t_noop s, sent $sent_noop bytes (target <= 0.5 s)  $(verdict "$t_noop" "<=" 0.5)"
