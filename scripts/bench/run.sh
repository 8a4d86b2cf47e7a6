#!/usr/bin/env bash
# Run smbscope and tshark side by side on the benchmark captures and write
# the results into BENCHMARKS.md (between the bench:begin and bench:end
# markers). `make bench` calls it.
#
#   scripts/bench/run.sh
#
# Environment:
#   BENCH_DIR  where scripts/bench/make-captures.sh wrote the captures
#              (default /tmp/smbscope-bench; made first when missing, as
#              root)
#   RUNS       runs per measurement, the median is reported (default 3)
#   MAX_LOAD   wait until the 1-minute load average is below this before
#              each measurement (default 1.5; give up waiting after
#              LOAD_WAIT seconds, default 1800, and say so in the table)
#   TSHARK     0 to skip tshark: its columns then keep the figures of the
#              table being replaced, and the table says from when
#   OUT        the file to write (default BENCHMARKS.md)
#
# Each measurement reads the capture from the page cache (it is read once
# before), writes its output to /dev/null, and is timed by /usr/bin/time
# (wall clock, peak RSS, user and system CPU).
set -euo pipefail
cd "$(dirname "$0")/../.."

dir=${BENCH_DIR:-/tmp/smbscope-bench}
runs=${RUNS:-3}
max_load=${MAX_LOAD:-1.5}
load_wait=${LOAD_WAIT:-1800}
out=${OUT:-BENCHMARKS.md}
use_tshark=${TSHARK:-1}

for f in bulk many many-500k overlap bulk-x2 bulk-x4 many-x2 many-x4; do
	if [ ! -s "$dir/$f.pcap" ]; then
		echo "bench: $dir/$f.pcap missing: making the captures (scripts/bench/make-captures.sh)" >&2
		BENCH_DIR=$dir scripts/bench/make-captures.sh
		break
	fi
done
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time not found (apt-get install time)" >&2; exit 1; }
if [ "$use_tshark" = 1 ]; then
	command -v tshark >/dev/null || { echo "bench: tshark not found (apt-get install tshark), or TSHARK=0" >&2; exit 1; }
fi

bin=$dir/smbscope
go build -o "$bin" ./cmd/smbscope

load() { cut -d' ' -f1 /proc/loadavg; }
# quiet: wait for the load average to drop under MAX_LOAD.
quiet() {
	local waited=0
	while awk -v l="$(load)" -v m="$max_load" 'BEGIN { exit !(l >= m) }'; do
		if [ "$waited" -ge "$load_wait" ]; then
			echo "bench: load still $(load) after ${load_wait}s; measuring anyway" >&2
			return
		fi
		sleep 10
		waited=$((waited + 10))
	done
}

tshark_cmd=(tshark -n -r FILE -Y 'smb || smb2' -T fields -e frame.number -e smb.flags2.sec_sig -e smb2.flags.signature -e smb2.sesid -e smb2.cmd)
smbscope_cmd=("$bin" -q -o /dev/null FILE)

# measure NAME FILE CMD...: RUNS runs of CMD (FILE replaces the word FILE),
# three times as many when a run takes under a second (a short run is
# noisier); sets wall, rss (MiB), cpu (user+system s) and loads to the
# medians and the load averages seen. Wall time is taken to the
# millisecond around the command; /usr/bin/time gives RSS and CPU.
measure() {
	local name=$1 file=$2
	shift 2
	local cmd=() a
	for a in "$@"; do cmd+=("${a//FILE/$file}"); done
	cat "$file" >/dev/null
	local walls=() rsss=() cpus=() i=0 n=$runs t0 t1
	loads=
	while [ "$i" -lt "$n" ]; do
		i=$((i + 1))
		quiet
		loads="$loads $(load)"
		t0=$(date +%s%N)
		/usr/bin/time -f '%e %M %U %S' -o "$dir/.time" "${cmd[@]}" >/dev/null 2>"$dir/.stderr" || {
			echo "bench: ${cmd[*]} failed:" >&2
			cat "$dir/.stderr" >&2
			exit 1
		}
		t1=$(date +%s%N)
		read -r _ m u s <"$dir/.time"
		w=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
		if [ "$i" = 1 ] && awk -v w="$w" 'BEGIN { exit !(w < 1) }'; then
			n=$((runs * 3))
		fi
		walls+=("$w")
		rsss+=("$(awk -v m="$m" 'BEGIN { printf "%.0f", m / 1024 }')")
		cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')")
	done
	loads=" $(printf '%s\n' $loads | sort -g | sed -n '1p;$p' | paste -sd-)"
	wall=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
	rss=$(printf '%s\n' "${rsss[@]}" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
	cpu=$(printf '%s\n' "${cpus[@]}" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
	echo "bench: $name: ${walls[*]} s (median $wall s), $rss MiB, $cpu s CPU; load$loads" >&2
}

size() { awk -v b="$(stat -c %s "$1")" 'BEGIN { if (b >= 1e9) printf "%.2f GB", b / 1e9; else printf "%.0f MB", b / 1e6 }'; }
packets() { capinfos -Tmr -c "$1" | awk -F, '{ print $NF }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", a / b }'; }
rate() { awk -v f="$1" -v t="$2" 'BEGIN { printf "%.2f", f / t / 1e9 }'; }

# prev_tshark CAPTURE: the tshark wall time, RSS and loads of CAPTURE's row
# in the table being replaced, tab-separated; empty when there is none.
prev_tshark() {
	awk -F'|' -v c=" $1 " '/<!-- bench:begin -->/ { t = 1 } /<!-- bench:end -->/ { t = 0 }
		t && $2 == c && $7 ~ / s $/ { sub(/^ /, "", $7); sub(/ $/, "", $7); sub(/^ /, "", $8); sub(/ $/, "", $8)
			n = split($10, l, "; "); loads = ""; for (i = 1; i <= n; i++) if (l[i] ~ /tshark/) loads = l[i]
			sub(/ $/, "", loads); printf "%s\t%s\t%s\n", $7, $8, loads; exit }' "$out" 2>/dev/null
}
prev_run=$(awk '/<!-- bench:begin -->/ { getline; if ($0 ~ /^Run started/) { sub(/^Run started /, ""); sub(/ by .*/, ""); print } }' "$out" 2>/dev/null)

table=$(mktemp)
{
	echo "Run started $(date -u '+%Y-%m-%d %H:%M UTC') by \`make bench\` (\`scripts/bench/run.sh\`, $runs runs each, $((runs * 3)) when a run takes under a second; medians)."
	if [ "$use_tshark" != 1 ] && [ -n "$prev_run" ]; then
		echo
		echo "tshark was not run again (\`TSHARK=0\`): its figures are those of the run started $prev_run."
	fi
	echo
	echo "Machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM, Linux $(uname -r); $(go version | cut -d' ' -f3); $(tshark --version 2>/dev/null | head -1 | sed 's/ (Git.*//')."
	echo
	echo "smbscope: \`${smbscope_cmd[*]}\` (JSON records to /dev/null). tshark: \`tshark -n -r FILE -Y 'smb || smb2' -T fields -e frame.number -e smb.flags2.sec_sig -e smb2.flags.signature -e smb2.sesid -e smb2.cmd\` (one line per SMB message, to /dev/null). Time is wall clock, RSS the peak resident set (\`/usr/bin/time -f %M\`)."
	echo
	echo "| capture | size | packets | smbscope | smbscope RSS | tshark | tshark RSS | smbscope vs tshark | 1-minute load before the runs (lowest-highest) |"
	echo "|---|---|---|---|---|---|---|---|---|"
} >"$table"

for c in bulk many many-500k; do
	f=$dir/$c.pcap
	measure "smbscope $c" "$f" "${smbscope_cmd[@]}"
	s_wall=$wall s_rss=$rss s_loads=$loads
	if [ "$use_tshark" = 1 ]; then
		measure "tshark $c" "$f" "${tshark_cmd[@]}"
		t_wall=$wall t_rss=$rss t_loads=$loads
		echo "| $c | $(size "$f") | $(packets "$f") | $s_wall s | $s_rss MiB | $t_wall s | $t_rss MiB | **$(ratio "$t_wall" "$s_wall")×** | smbscope$s_loads; tshark$t_loads |" >>"$table"
	elif prev=$(prev_tshark "$c") && [ -n "$prev" ]; then
		IFS=$'\t' read -r t_wall t_rss t_loads <<<"$prev"
		echo "| $c | $(size "$f") | $(packets "$f") | $s_wall s | $s_rss MiB | $t_wall | $t_rss | **$(ratio "${t_wall% s}" "$s_wall")×** | smbscope$s_loads; $t_loads |" >>"$table"
	else
		echo "| $c | $(size "$f") | $(packets "$f") | $s_wall s | $s_rss MiB | (not run) | | | smbscope$s_loads |" >>"$table"
	fi
done

{
	echo
	echo "Scaling: the same capture followed by shifted copies of itself (\`editcap -t\`, \`mergecap -a\`)."
	echo
	echo "| capture | size | packets | smbscope | rate | CPU (user+sys) | RSS | 1-minute load before the runs (lowest-highest) |"
	echo "|---|---|---|---|---|---|---|---|"
} >>"$table"
for c in bulk bulk-x2 bulk-x4 many many-x2 many-x4 overlap; do
	f=$dir/$c.pcap
	measure "smbscope $c" "$f" "${smbscope_cmd[@]}"
	echo "| $c | $(size "$f") | $(packets "$f") | $wall s | $(rate "$(stat -c %s "$f")" "$wall") GB/s | $cpu s | $rss MiB | $loads |" >>"$table"
done

# Replace the section between the markers.
if ! grep -q '<!-- bench:begin -->' "$out" 2>/dev/null; then
	printf '# Benchmarks\n\n<!-- bench:begin -->\n<!-- bench:end -->\n' >>"$out"
fi
awk -v table="$table" '
	/<!-- bench:begin -->/ { print; while ((getline line < table) > 0) print line; skip = 1; next }
	/<!-- bench:end -->/ { skip = 0 }
	!skip { print }
' "$out" >"$out.tmp" && mv "$out.tmp" "$out"
rm -f "$table" "$dir/.time" "$dir/.stderr"
echo "bench: results written to $out" >&2
