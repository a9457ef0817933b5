#!/usr/bin/env bash
# Step 3 benchmark: SELECT * FROM t WHERE pk = ? through SqlSession.execute on a 1M-row
# table on local disk, after warm-up; prints p50/p99 against the 5 ms target.
# Usage: bench/run-sql.sh [--rows N] [--queries N] [--keep]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
mkdir -p "$here/out"
cd "$root"
mvn -q -B -Dstyle.color=never -pl bench -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/classpath.txt
classpath="$here/target/classes:$(cat "$here/target/classpath.txt")"
java ${BENCH_JAVA_OPTS:--Xms2g -Xmx2g} -cp "$classpath" dev.cairn.bench.SqlPointSelectBench \
  --dir "$here/out/sql-$$" "$@"
