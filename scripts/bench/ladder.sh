#!/usr/bin/env bash
# Time smbscope as built at several commits on the benchmark captures, to
# show what each optimisation bought (the step table of BENCHMARKS.md).
#
#   scripts/bench/ladder.sh COMMIT... 
#
# Each COMMIT is built in a temporary worktree and run RUNS times (default
# 3) on each capture of CAPTURES (default "bulk many many-500k" in
# BENCH_DIR, default /tmp/smbscope-bench); the table printed gives the
# median wall time, user+system CPU and peak RSS. Like run.sh it waits for
# the load average to fall under MAX_LOAD (default 1.5) before each run.
set -euo pipefail
cd "$(dirname "$0")/../.."

dir=${BENCH_DIR:-/tmp/smbscope-bench}
runs=${RUNS:-3}
max_load=${MAX_LOAD:-1.5}
captures=${CAPTURES:-bulk many many-500k}
[ $# -gt 0 ] || { echo "usage: $0 COMMIT..." >&2; exit 2; }

work=$(mktemp -d /tmp/smbscope-ladder.XXXXXX)
cleanup() {
	for wt in "$work"/src-*; do [ -d "$wt" ] && git worktree remove --force "$wt" >/dev/null 2>&1; done
	rm -rf "$work"
}
trap cleanup EXIT

quiet() {
	local waited=0
	while awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v m="$max_load" 'BEGIN { exit !(l >= m) }' && [ "$waited" -lt 1800 ]; do
		sleep 10
		waited=$((waited + 10))
	done
}
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

for c in "$@"; do
	git worktree add --detach "$work/src-$c" "$c" >/dev/null 2>&1
	(cd "$work/src-$c" && go build -o "$work/bin-$c" ./cmd/smbscope)
done

printf '| commit |'
for f in $captures; do printf ' %s wall | CPU | RSS |' "$f"; done
printf '\n|---|'
for f in $captures; do printf -- '---|---|---|'; done
printf '\n'
for c in "$@"; do
	printf '| %s %s |' "$(git log -1 --format=%h "$c")" "$(git log -1 --format=%s "$c" | cut -c1-60)"
	for f in $captures; do
		cat "$dir/$f.pcap" >/dev/null
		walls= cpus= rsss=
		for _ in $(seq "$runs"); do
			quiet
			/usr/bin/time -f '%e %M %U %S' -o "$work/time" "$work/bin-$c" -q "$dir/$f.pcap" >/dev/null 2>&1
			read -r w m u s <"$work/time"
			walls="$walls $w"
			cpus="$cpus $(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')"
			rsss="$rsss $((m / 1024))"
		done
		printf ' %s s | %s s | %s MiB |' "$(tr ' ' '\n' <<<"$walls" | grep . | median)" \
			"$(tr ' ' '\n' <<<"$cpus" | grep . | median)" "$(tr ' ' '\n' <<<"$rsss" | grep . | median)"
	done
	printf '\n'
done
