#!/usr/bin/env bash
# Step 2 benchmark: the versioned model over a table-file store on local disk
# (bulk load of 1M rows + commit, point lookups, full scan, one-row update +
# commit with the chunks it writes, diff of two commits 100 rows apart).
# Usage: bench/run-model.sh [--rows N] [--keep]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
mkdir -p "$here/out"
cd "$root"
mvn -q -B -Dstyle.color=never -pl bench -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/classpath.txt
classpath="$here/target/classes:$(cat "$here/target/classpath.txt")"
java ${BENCH_JAVA_OPTS:--Xms4g -Xmx4g -XX:+AlwaysPreTouch} -cp "$classpath" dev.cairn.bench.ModelBench \
  --dir "$here/out/model-$$" "$@"
