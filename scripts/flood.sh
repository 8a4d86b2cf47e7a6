#!/usr/bin/env bash
# The flood test at full size. Builds, in a temporary directory, a capture
# of CONNECTIONS (default 1,000,000) half-open and garbage TCP connections
# to port 445 from distinct addresses, mixed with the real SMB sessions of
# the Samba captures s05 and s03 (scripts/flood, internal/flood), and the
# same real sessions without the flood. smbscope analyses both; the peak
# RSS of the flooded run is measured with /usr/bin/time -v, and its records
# are compared with the reference run's (input names and frame numbers
# aside). One run per line of LIMITS below: the defaults, then a smaller
# --max-connections to show how memory follows the limit.
#
#   scripts/flood.sh [CONNECTIONS]
#
# The results are printed, and written into docs/FUZZING.md between the
# flood markers unless UPDATE_DOCS=0. Needs GNU time at /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."

n=${1:-1000000}
limits=("" "--max-connections 10000")
dir=$(mktemp -d -t smbscope-flood.XXXXXX)
trap 'rm -rf "$dir"' EXIT

go build -o "$dir/smbscope" ./cmd/smbscope
go build -o "$dir/flood" ./scripts/flood
"$dir/flood" -n 0 -o "$dir/plain.pcap" >/dev/null
gen=$("$dir/flood" -n "$n" -o "$dir/flood.pcap")
size=$(stat -c %s "$dir/flood.pcap")
"$dir/smbscope" -q -o "$dir/plain.jsonl" "$dir/plain.pcap"

rows=""
for lim in "${limits[@]}"; do
	# shellcheck disable=SC2086 # lim holds flags
	/usr/bin/time -v "$dir/smbscope" $lim -o "$dir/flood.jsonl" "$dir/flood.pcap" 2>"$dir/stderr.txt"
	rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$dir/stderr.txt")
	wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$dir/stderr.txt")
	summary=$(grep '^smbscope: ' "$dir/stderr.txt" | sed "s|$dir/||")
	if cmp=$("$dir/flood" compare "$dir/plain.jsonl" "$dir/flood.jsonl" | tail -n1); then
		verdict="identical to the reference"
	else
		verdict="differs from the reference: $cmp"
	fi
	echo "smbscope ${lim:-(default limits)}: peak RSS $((rss / 1024)) MiB, $wall wall; $verdict"
	echo "  $summary"
	rows+="| \`smbscope ${lim:+$lim }flood.pcap\` | $((rss / 1024)) MiB | $wall | $verdict |"$'\n'
done

cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
block="<!-- flood:begin (written by scripts/flood.sh) -->
Run on $(date -u +%Y-%m-%d) on $(nproc) cores ($cpu), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(go version | cut -d' ' -f3):
\`scripts/flood.sh $n\`. The capture: ${gen#*: } ($((size / 1048576)) MiB).

| run | peak RSS | wall time | session, finding and host records |
|---|---|---|---|
${rows}<!-- flood:end -->"

echo
echo "$block"
doc=docs/FUZZING.md
if [ "${UPDATE_DOCS:-1}" != 0 ] && [ -f "$doc" ] && grep -q '<!-- flood:begin' "$doc"; then
	BLOCK="$block" awk '
		/<!-- flood:begin/ { print ENVIRON["BLOCK"]; skip = 1; next }
		/<!-- flood:end -->/ { skip = 0; next }
		!skip { print }
	' "$doc" >"$dir/doc.md"
	cp "$dir/doc.md" "$doc"
	echo "updated $doc"
fi
