#!/usr/bin/env bash
# Fuzz the native Go fuzz targets of the module and report, per target, the
# executions run, the new corpus entries found ("new interesting") and the
# crashers written under <package>/testdata/fuzz/<target>/.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# SECONDS is the fuzzing time per target (default 60). Without TARGET, every
# func Fuzz* in the module's *_test.go files is run. Environment:
#   JOBS       targets fuzzed at a time (default 2), each with one worker
#   NICE       niceness of the fuzzing processes (default 10)
#   FUZZ_LOGS  directory for the per-target logs (default: a new temp dir)
#   MINIMIZE   -fuzzminimizetime (default 100x: a hundred attempts). Go
#              minimises every new corpus entry, which for whole-connection
#              inputs of tens of kilobytes would otherwise take most of the
#              fuzzing time.
#
# Crashers stay where go test writes them, so `go test ./...` replays them
# from then on. The exit status is 1 when any target failed.
set -euo pipefail
cd "$(dirname "$0")/.."

secs=${1:-60}
[ $# -gt 0 ] && shift
case $secs in '' | *[!0-9]*)
	echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]" >&2
	exit 2
	;;
esac
jobs=${JOBS:-2}
nice=${NICE:-10}
minimize=${MINIMIZE:-100x}
logs=${FUZZ_LOGS:-$(mktemp -d -t smbscope-fuzz.XXXXXX)}
mkdir -p "$logs"

# "package-dir target" pairs, in file order.
targets=()
while IFS= read -r line; do
	targets+=("$line")
done < <(git ls-files -co --exclude-standard '*_test.go' |
	xargs grep -H -o '^func Fuzz[A-Za-z0-9_]*' |
	sed -E 's|^(.*)/[^/]*:func (Fuzz[A-Za-z0-9_]*)$|\1 \2|')

if [ $# -gt 0 ]; then
	picked=()
	for want in "$@"; do
		found=
		for t in "${targets[@]}"; do
			if [ "${t#* }" = "$want" ]; then
				picked+=("$t")
				found=1
			fi
		done
		if [ -z "$found" ]; then
			echo "scripts/fuzz.sh: no fuzz target $want" >&2
			exit 2
		fi
	done
	targets=("${picked[@]}")
fi

crashers() { ls "$1/testdata/fuzz/$2" 2>/dev/null | sort || true; }

fuzz_one() {
	local pkg=$1 name=$2 log=$logs/$2.log status=ok before after new execs interesting
	before=$(crashers "$pkg" "$name")
	if ! nice -n "$nice" go test -run='^$' -fuzz="^${name}\$" -fuzztime="${secs}s" -fuzzminimizetime="$minimize" -parallel 1 "./$pkg" >"$log" 2>&1; then
		status=FAIL
	fi
	after=$(crashers "$pkg" "$name")
	new=$(comm -13 <(echo "$before") <(echo "$after") | grep -c . || true)
	execs=$(grep -o 'execs: [0-9]*' "$log" | tail -n1 | awk '{print $2}')
	interesting=$(grep -o 'new interesting: [0-9]*' "$log" | tail -n1 | awk '{print $3}')
	printf '%-24s %-10s %8s %14s %16s %9s  %s\n' "$name" "$pkg" "${secs}s" "${execs:-0}" "${interesting:-0}" "$new" "$status" >"$logs/$name.sum"
}

echo "fuzzing ${#targets[@]} targets for ${secs}s each, $jobs at a time; logs in $logs" >&2
running=0
for t in "${targets[@]}"; do
	if [ "$running" -ge "$jobs" ]; then
		wait -n || true
		running=$((running - 1))
	fi
	fuzz_one ${t} &
	running=$((running + 1))
done
wait || true

printf '%-24s %-10s %8s %14s %16s %9s  %s\n' target package time executions "new interesting" crashers result
failed=0
total=0
for t in "${targets[@]}"; do
	name=${t#* }
	cat "$logs/$name.sum"
	execs=$(awk '{print $4}' "$logs/$name.sum")
	total=$((total + execs))
	grep -q 'FAIL$' "$logs/$name.sum" && failed=1
done
echo "total executions: $total"
if [ "$failed" = 1 ]; then
	echo "some targets failed: see the logs in $logs and the new files under */testdata/fuzz" >&2
fi
exit "$failed"
