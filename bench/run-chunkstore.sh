#!/usr/bin/env bash
# Step 1 benchmark: this machine's durable write rate (dd ... conv=fdatasync),
# then ChunkStoreBench (put+commit of 1 GiB, random get latency, hasMany of 1M)
# in the same run, on the same disk. Usage: bench/run-chunkstore.sh [bench args...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
out="$here/out"
mkdir -p "$out"
cd "$root"

# One reactor run: each module writes its own target/classpath.txt, the
# sibling modules resolving to their target/classes.
mvn -q -B -Dstyle.color=never -pl bench -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/classpath.txt
classpath="$here/target/classes:$(cat "$here/target/classpath.txt")"

echo "== machine =="
echo "  $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM, $(java -version 2>&1 | head -1)"
echo "  disk under $out: $(df -h "$out" | awk 'NR==2 {print $1, $2, "free", $4}')"

echo
echo "== durable write rate: dd of a 1 GiB random file, conv=fdatasync =="
src="$out/random-1g.bin"
if [ ! -f "$src" ] || [ "$(stat -c %s "$src")" -ne 1073741824 ]; then
  head -c 1073741824 /dev/urandom > "$src"
fi
dst="$out/dd-copy.bin"
rm -f "$dst"
dd if="$src" of="$dst" bs=1M conv=fdatasync 2>&1 | tail -1 | sed 's/^/  /'
rm -f "$dst"

echo
java ${BENCH_JAVA_OPTS:--Xms8g -Xmx8g -XX:+AlwaysPreTouch} -cp "$classpath" dev.cairn.bench.ChunkStoreBench --dir "$out/chunkstore-$$" "$@"
