#!/usr/bin/env bash
# Soak test of live capture: replays a Samba capture in a loop onto a veth
# link between two network namespaces made for the run, with smbscope -i on
# the other end writing rotated JSON logs, and records smbscope's resident
# memory (VmRSS) every INTERVAL seconds. Needs root, iproute2, tcpreplay and
# a build with -tags pcap (the script builds one). Only documentation
# addresses are used (198.51.100.1 and .2), and nothing leaves the
# namespaces, which are deleted at the end.
#
#   scripts/soak.sh [SECONDS] [PPS] [CAPTURE]
#
# Defaults: 180 seconds, 20000 packets per second,
# testdata/pcaps/samba/s05_smb311_defaults_user.pcap. Rotated logs are
# deleted as they appear, as a log shipper would. Prints a table of
# elapsed time, RSS, packets analysed, connections and sessions, then
# smbscope's closing statistics.
set -euo pipefail
cd "$(dirname "$0")/.."

secs=${1:-180}
pps=${2:-20000}
pcap=${3:-testdata/pcaps/samba/s05_smb311_defaults_user.pcap}
interval=${INTERVAL:-10}

[ "$(id -u)" -eq 0 ] || { echo "soak: needs root (network namespaces, live capture)" >&2; exit 1; }
work=$(mktemp -d -t smbscope-soak.XXXXXX)
a=smbscope-soak-a-$$
b=smbscope-soak-b-$$
replay=
smb=
cleanup() {
	[ -n "$replay" ] && kill "$replay" 2>/dev/null || true
	[ -n "$smb" ] && kill -9 "$smb" 2>/dev/null || true
	ip netns del "$a" 2>/dev/null || true
	ip netns del "$b" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT INT TERM

go build -tags pcap -o "$work/smbscope" ./cmd/smbscope
ip netns add "$a"
ip netns add "$b"
ip link add sva netns "$a" type veth peer name svb netns "$b"
ip -n "$a" link set sva up
ip -n "$b" link set svb up
ip -n "$a" addr add 198.51.100.1/24 dev sva
ip -n "$b" addr add 198.51.100.2/24 dev svb

mkdir "$work/logs"
ip netns exec "$b" "$work/smbscope" -i svb --stats-interval "${interval}s" \
	--log-dir "$work/logs" --rotate-size 50MiB 2>"$work/stderr" &
smb=$!
until grep -q "capturing on svb" "$work/stderr"; do sleep 0.1; done

ip netns exec "$a" tcpreplay -q -i sva --loop 0 --pps "$pps" "$pcap" >/dev/null 2>&1 &
replay=$!
start=$(date +%s)
rss() { awk '/^VmRSS:/ {printf "%.1f", $2/1024}' "/proc/$smb/status"; }
last() { grep '"type":"stats"' "$work/stderr" | tail -1 | grep -o "\"$1\":[0-9]*" | head -1 | cut -d: -f2; }
heap() { local h; h=$(last heap_bytes); [ -n "$h" ] && awk -v h="$h" 'BEGIN {printf "%.1f", h/1048576}'; }
# CPU seconds (user + system) smbscope has used.
cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$smb/stat"; }
printf '%8s %9s %9s %8s %12s %10s %12s %10s\n' elapsed rss_MiB heap_MiB cpu_s packets dropped tcp_conns sessions
while :; do
	now=$(date +%s)
	el=$((now - start))
	printf '%8s %9s %9s %8s %12s %10s %12s %10s\n' "${el}s" "$(rss)" "$(heap)" "$(cpu)" "$(last packets)" "$(last dropped)" \
		"$(last tcp_connections)" "$(last sessions)"
	find "$work/logs" -name 'smb_signing*.20*.log' -delete
	[ "$el" -ge "$secs" ] && break
	sleep "$interval"
done
kill "$replay"
wait "$replay" 2>/dev/null || true
replay=
sleep 1
kill -INT "$smb"
wait "$smb"
smb=
grep -v '"type":"stats"' "$work/stderr" | tail -1
grep '"final":true' "$work/stderr"
echo "command: smbscope -i svb --stats-interval ${interval}s --log-dir DIR --rotate-size 50MiB; tcpreplay --loop 0 --pps $pps $pcap; ${secs}s"
