#!/usr/bin/env bash
# Start-up time of the ./cairn launcher as a user sees it: the median wall time of RUNS
# (default 15) runs of `./cairn status` in a small database (`./cairn sql -q "select 1"`
# where this build has no `status` yet) and of `./cairn version`, with the launcher's
# class-data archive and, for comparison, without it (CAIRN_CDS=0).
set -euo pipefail

repo="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cairn="$repo/cairn"
runs="${RUNS:-15}"

# Builds the jar and the archive now, so neither lands in a timed run.
"$cairn" version >/dev/null

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export CAIRN_ROOT_PATH="$work/.cairn-root"

# Whether this build has a command: `cairn --help` lists each as "  name  description".
commands="$("$cairn" --help 2>/dev/null | sed -n '/^Commands:/,$p')"
has_command() { grep -qE "^ +$1( |$)" <<<"$commands"; }

# A small database: one table of 100 rows, committed when the build can commit.
if has_command init; then
  mkdir "$work/db" && cd "$work/db"
  "$cairn" init --name bench --email bench@localhost >/dev/null
else
  cd "$work" && "$cairn" sql -q "create database db" && cd "$work/db"
fi
values="$(seq 1 100 | sed 's/.*/(&, '"'"'row &'"'"')/' | paste -sd,)"
"$cairn" sql -q "create table t (pk int primary key, c1 varchar(20)); insert into t values $values"
if has_command add && has_command commit; then
  "$cairn" add . >/dev/null && "$cairn" commit -m "bench data" >/dev/null
fi

if has_command status; then
  probe=(status)
else
  probe=(sql -q "select 1")
fi

# Median wall time, in ms, of $runs runs of the given command line, after 3 untimed runs
# (the first runs after the database and the class-data archive were written are slower:
# page cache and the archive's first mapping).
median_ms() {
  local i t0 t1 times=()
  for ((i = 0; i < 3; i++)); do
    "$@" >/dev/null 2>&1
  done
  for ((i = 0; i < runs; i++)); do
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1
    t1=$(date +%s%N)
    times+=($(((t1 - t0) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR] = $1} END {
    m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
    printf "median %d ms (min %d, max %d)", m, a[1], a[NR] }'
}

echo "cairn ${probe[*]}: $(median_ms "$cairn" "${probe[@]}") of $runs runs"
echo "cairn version: $(median_ms "$cairn" version) of $runs runs"
echo "without the class-data archive (CAIRN_CDS=0):"
echo "  cairn ${probe[*]}: $(CAIRN_CDS=0 median_ms "$cairn" "${probe[@]}")"
echo "  cairn version: $(CAIRN_CDS=0 median_ms "$cairn" version)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
