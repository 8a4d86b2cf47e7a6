#!/usr/bin/env bash
# Build the benchmark captures from real Samba traffic.
#
#   sudo scripts/bench/make-captures.sh        # into $BENCH_DIR (default /tmp/smbscope-bench)
#
# Two network namespaces joined by a veth pair carry the traffic: two smbd
# instances on the server side (198.51.100.10 signs when asked,
# map to guest = Bad User; 198.51.100.11 requires signing), smbclient on the
# client side (198.51.100.20). The addresses exist only inside the namespaces.
# Offloads are turned off on the veth pair, so tcpdump sees the frames a
# SPAN port would (at most 1514 bytes), not 64 KiB GSO super-frames.
#
# What it writes (classic pcap, outside git):
#
#   bulk.pcap        four SMB 3.1.1 transfers of BULK_MIB MiB each (default
#                    320): a PUT and a GET unsigned on .10, a PUT and a GET
#                    signed on .11 (8 MiB READ/WRITE, Samba's default).
#   many.pcap        100,000 short sessions: 40 real ones (every dialect from
#                    NT1 to 3.1.1; unsigned, signed by the client, signed
#                    because the server requires it, guest, anonymous, refused
#                    with a wrong password, encrypted) replicated 2,500 times
#                    with tcprewrite --pnat to distinct client addresses in
#                    198.18.0.0/15 (the benchmarking range) and shifted in
#                    time with editcap -t, one copy after the other.
#   many-500k.pcap   the first 500,000 packets of many.pcap (editcap -r).
#   overlap.pcap     100,000 sessions all open at the same time: 40 sessions
#                    started together, each idle for 12 s in the middle,
#                    replicated as above but shifted by 1 ms per copy and
#                    merged in time order.
#   bulk-x2.pcap, bulk-x4.pcap, many-x2.pcap, many-x4.pcap
#                    the capture followed by shifted copies of itself
#                    (editcap -t, then mergecap -a), for the scaling rows.
#
# Needs root, iproute2, ethtool, smbd, smbclient, smbpasswd, tcpdump,
# tcprewrite (tcpreplay), editcap, mergecap and capinfos (wireshark-common).
# Everything it made outside BENCH_DIR (namespaces, smbd, the test user) is
# removed on exit; KEEP_RUN=1 keeps the temporary directory with the logs.
set -euo pipefail
cd "$(dirname "$0")/../.."

out=${BENCH_DIR:-/tmp/smbscope-bench}
bulk_mib=${BULK_MIB:-320}
user=benchuser
password=Bench-Test-1
workgroup=WORKGROUP
srv_a=198.51.100.10 # signing enabled, guest mapping
srv_b=198.51.100.11 # signing mandatory
cli_ip=198.51.100.20

for tool in ip ethtool smbd smbclient smbpasswd tcpdump tcprewrite editcap mergecap capinfos; do
	command -v "$tool" >/dev/null || {
		echo "$0: $tool not found (Debian: apt-get install iproute2 ethtool samba smbclient tcpdump tcpreplay wireshark-common)" >&2
		exit 1
	}
done
[ "$(id -u)" = 0 ] || { echo "$0: run as root (network namespaces, smbd)" >&2; exit 1; }

tag=bn$$
ns_srv=$tag-srv
ns_cli=$tag-cli
veth_srv=${tag}s
veth_cli=${tag}c
run=$(mktemp -d /tmp/smbscope-benchrun.XXXXXX)
made_user=
smbd_pids=()
dump_pid=

# nsrun NS PIDFILE LOG CMD...: start CMD in namespace NS in the background,
# in a session of its own, its output appended to LOG; prints CMD's pid.
nsrun() {
	local ns=$1 pidfile=$2 log=$3
	shift 3
	rm -f "$pidfile"
	ip netns exec "$ns" setsid sh -c 'p=$0 l=$1; shift; echo $$ >"$p"; exec "$@" >>"$l" 2>&1' "$pidfile" "$log" "$@" </dev/null >/dev/null 2>&1 &
	for _ in $(seq 50); do [ -s "$pidfile" ] && break; sleep 0.1; done
	cat "$pidfile"
}
# stop PID SIGNAL: signal a process started by nsrun and wait until it is gone.
stop() {
	kill -"$2" "$1" 2>/dev/null || return 0
	for _ in $(seq 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
	kill -KILL "$1" 2>/dev/null || true
}

cleanup() {
	set +e
	[ -n "$dump_pid" ] && stop "$dump_pid" INT
	for p in "${smbd_pids[@]}"; do stop "$p" TERM; done
	wait 2>/dev/null
	ip netns del "$ns_cli" 2>/dev/null
	ip netns del "$ns_srv" 2>/dev/null
	[ -n "$made_user" ] && userdel "$user" 2>/dev/null
	if [ -n "${KEEP_RUN:-}" ]; then echo "kept $run" >&2; else rm -rf "$run"; fi
}
trap cleanup EXIT

# The network: two namespaces, one veth pair, addresses inside only, no
# segmentation or receive offloads.
ip netns add "$ns_srv"
ip netns add "$ns_cli"
ip link add "$veth_srv" type veth peer name "$veth_cli"
ip link set "$veth_srv" netns "$ns_srv"
ip link set "$veth_cli" netns "$ns_cli"
ip -n "$ns_srv" addr add "$srv_a/24" dev "$veth_srv"
ip -n "$ns_srv" addr add "$srv_b/24" dev "$veth_srv"
ip -n "$ns_cli" addr add "$cli_ip/24" dev "$veth_cli"
for ns in "$ns_srv" "$ns_cli"; do ip -n "$ns" link set lo up; done
ip -n "$ns_srv" link set "$veth_srv" up
ip -n "$ns_cli" link set "$veth_cli" up
ip netns exec "$ns_srv" ethtool -K "$veth_srv" tso off gso off gro off >/dev/null 2>&1
ip netns exec "$ns_cli" ethtool -K "$veth_cli" tso off gso off gro off >/dev/null 2>&1

# The servers: private configurations, shares and one account database.
chmod 0711 "$run"
mkdir -p "$run"/{private,share,public,client}
chmod 0777 "$run/share" "$run/public"
head -c 4096 /dev/urandom >"$run/client/small.bin"
echo "hello from the benchmark share" >"$run/share/hello.txt"
echo "hello from the public share" >"$run/public/hello.txt"
srvconf() { # NAME ADDRESS EXTRA-GLOBAL-LINES
	local name=$1 addr=$2
	mkdir -p "$run/$name"/{lock,state,cache,pid}
	cat >"$run/$name.conf" <<EOF
[global]
	workgroup = $workgroup
	netbios name = BENCH${name^^}
	server role = standalone server
	security = user
	passdb backend = tdbsam:$run/private/passdb.tdb
	private dir = $run/private
	lock directory = $run/$name/lock
	state directory = $run/$name/state
	cache directory = $run/$name/cache
	pid directory = $run/$name/pid
	ncalrpc dir = $run/$name/ncalrpc
	log file = $run/$name.log
	interfaces = $addr/32
	bind interfaces only = yes
	smb ports = 445
	disable netbios = yes
	load printers = no
	printing = bsd
	printcap name = /dev/null
	disable spoolss = yes
	server min protocol = NT1
	server max protocol = SMB3
	guest account = nobody
$3
[share]
	path = $run/share
	read only = no
[public]
	path = $run/public
	guest ok = yes
	read only = yes
EOF
}
srvconf a "$srv_a" "	server signing = auto
	map to guest = Bad User"
srvconf b "$srv_b" "	server signing = mandatory
	map to guest = Never"
if ! id "$user" >/dev/null 2>&1; then
	useradd --no-create-home --shell /usr/sbin/nologin "$user"
	made_user=1
fi
printf '%s\n%s\n' "$password" "$password" | smbpasswd -c "$run/a.conf" -s -a "$user" >/dev/null

for s in a b; do
	addr=$srv_a
	[ $s = b ] && addr=$srv_b
	smbd_pids+=("$(nsrun "$ns_srv" "$run/smbd-$s.pid" "$run/smbd-$s.out" smbd -s "$run/$s.conf" --foreground --no-process-group)")
	ok=
	for _ in $(seq 50); do
		ip netns exec "$ns_srv" bash -c "exec 3<>/dev/tcp/$addr/445" 2>/dev/null && { ok=1; break; }
		sleep 0.1
	done
	[ -n "$ok" ] || { echo "$0: smbd $s did not start" >&2; cat "$run/smbd-$s.out" "$run/$s.log" >&2 2>/dev/null; exit 1; }
done

# startdump NAME: tcpdump on the server end of the veth pair into $run/NAME.pcap.
startdump() {
	dump_pid=$(nsrun "$ns_srv" "$run/tcpdump.pid" "$run/$1.tcpdump" tcpdump -i "$veth_srv" -s 0 -B 1048576 -w "$run/$1.pcap" "tcp port 445")
	for _ in $(seq 50); do grep -q listening "$run/$1.tcpdump" 2>/dev/null && break; sleep 0.1; done
}
# stopdump NAME: stop tcpdump and check that every packet it saw was written.
stopdump() {
	sleep 1.5
	stop "$dump_pid" INT
	dump_pid=
	local got seen drop
	got=$(sed -n 's/^\([0-9]*\) packets\{0,1\} captured$/\1/p' "$run/$1.tcpdump")
	seen=$(sed -n 's/^\([0-9]*\) packets\{0,1\} received by filter$/\1/p' "$run/$1.tcpdump")
	drop=$(sed -n 's/^\([0-9]*\) packets\{0,1\} dropped by kernel$/\1/p' "$run/$1.tcpdump")
	if [ -z "$got" ] || [ "$got" != "$seen" ] || [ "$drop" != 0 ]; then
		echo "$0: $1: tcpdump wrote $got of $seen packets, $drop dropped by the kernel" >&2
		exit 1
	fi
}

# client KIND SERVER DIALECT COMMANDS [option...]: one smbclient session.
# KIND is user, badpass, guest or anon. Failures are expected for badpass.
# COMMANDS "-" reads the commands from standard input.
client() {
	local kind=$1 srv=$2 proto=$3 cmds=$4
	shift 4
	local opts=(-s /dev/null -p 445 --max-protocol="$proto" --option="client min protocol=$proto")
	for o in "$@"; do opts+=(--option="$o"); done
	local share=share
	case $kind in
	user) opts+=(-U "$workgroup\\$user%$password") ;;
	badpass) opts+=(-U "$workgroup\\$user%wrong-password") ;;
	guest) opts+=(-U "$workgroup\\nosuchuser%whatever"); share=public ;;
	anon) opts+=(-N); share=public ;;
	esac
	[ "$cmds" = - ] || opts+=(-c "$cmds")
	(cd "$run/client" && ip netns exec "$ns_cli" smbclient "${opts[@]}" "//$srv/$share") >>"$run/clients.log" 2>&1 ||
		[ "$kind" = badpass ] || { echo "$0: smbclient $kind $srv $proto failed:" >&2; tail -5 "$run/clients.log" >&2; exit 1; }
}

dialects="NT1 SMB2_02 SMB2_10 SMB3_00 SMB3_02 SMB3_11"

# The 40 short sessions of many.pcap, one after the other.
short_sessions() {
	local d
	for d in $dialects; do
		client user "$srv_a" "$d" "ls; get hello.txt /dev/null"                          # unsigned
		client user "$srv_a" "$d" "ls; get hello.txt /dev/null" "client signing=required" # signed: the client asks
		client user "$srv_b" "$d" "ls; get hello.txt /dev/null"                          # signed: the server requires it
		client guest "$srv_a" "$d" "ls"                                                  # guest
		client anon "$srv_a" "$d" "ls"                                                   # anonymous
		client badpass "$srv_b" "$d" "ls"                                                # refused
	done
	client user "$srv_a" SMB3_11 "ls" "client smb encrypt=required" # encrypted
	client user "$srv_a" SMB3_11 "put small.bin up.bin; get up.bin /dev/null"
	client user "$srv_b" SMB3_02 "put small.bin up.bin; get up.bin /dev/null"
	client user "$srv_b" SMB2_10 "ls; get hello.txt /dev/null" "client signing=required"
}

# The 40 sessions of overlap.pcap: started 0.1 s apart, each idle 12 s
# between two directory listings, so that all are open together.
open_sessions() {
	local d pids=() fail=0 p
	start_open() {
		{ echo ls; sleep 12; echo ls; echo exit; } | client "$@" - &
		pids+=($!)
		sleep 0.1
	}
	for d in $dialects $dialects; do
		start_open user "$srv_a" "$d"
		start_open user "$srv_b" "$d"
		start_open guest "$srv_a" "$d"
	done
	for d in SMB3_11 SMB3_02 SMB3_00 SMB2_10; do
		start_open anon "$srv_a" "$d"
	done
	for p in "${pids[@]}"; do wait "$p" || fail=1; done
	[ "${#pids[@]}" = 40 ] && [ "$fail" = 0 ]
}

# count_conns FILE: TCP connections (SYNs without ACK) in FILE.
count_conns() {
	tcpdump -nr "$1" 'tcp[tcpflags] & (tcp-syn|tcp-ack) == tcp-syn' 2>/dev/null | wc -l
}

# replicate IN OUT STEP MODE: 2,500 copies of IN (client 198.51.100.20 ->
# 198.18.J.I), copy k shifted by k*STEP seconds; MODE "concat" appends the
# copies (they do not overlap), "merge" interleaves them by time.
replicate() {
	local in=$1 dst=$2 step=$3 mode=$4 tmp
	tmp=$(mktemp -d "$out/.replicate.XXXXXX")
	local i j files=()
	for i in $(seq 1 50); do
		tcprewrite --fixcsum --pnat="$cli_ip/32:198.18.0.$i/32" -i "$in" -o "$tmp/r$i.pcap"
		editcap -F pcap -t "$(awk -v k=$((i - 1)) -v s="$step" 'BEGIN { printf "%.6f", k * s }')" "$tmp/r$i.pcap" "$tmp/l1-$i.pcap"
		rm "$tmp/r$i.pcap"
		files+=("$tmp/l1-$i.pcap")
	done
	if [ "$mode" = concat ]; then mergecap -F pcap -a -w "$tmp/l1.pcap" "${files[@]}"; else mergecap -F pcap -w "$tmp/l1.pcap" "${files[@]}"; fi
	rm -f "${files[@]}"
	files=()
	for j in $(seq 0 49); do
		tcprewrite --fixcsum --pnat="198.18.0.0/24:198.18.$j.0/24" -i "$tmp/l1.pcap" -o "$tmp/r$j.pcap"
		editcap -F pcap -t "$(awk -v k="$j" -v s="$step" 'BEGIN { printf "%.6f", k * 50 * s }')" "$tmp/r$j.pcap" "$tmp/l2-$j.pcap"
		rm "$tmp/r$j.pcap"
		files+=("$tmp/l2-$j.pcap")
	done
	if [ "$mode" = concat ]; then mergecap -F pcap -a -w "$dst" "${files[@]}"; else mergecap -F pcap -w "$dst" "${files[@]}"; fi
	rm -rf "$tmp"
}

# duration FILE: seconds from the first to the last packet, rounded up.
duration() {
	capinfos -Tmr -u "$1" | awk -F, '{ printf "%d", $NF + 1 }'
}

# scale IN N OUT: IN followed by N-1 copies of itself, each shifted past the
# previous one by IN's duration plus an hour (idle connections end between).
scale() {
	local in=$1 n=$2 dst=$3 d k files=("$1")
	d=$(($(duration "$in") + 3600))
	for k in $(seq 1 $((n - 1))); do
		editcap -F pcap -t $((k * d)) "$in" "$dst.part$k"
		files+=("$dst.part$k")
	done
	mergecap -F pcap -a -w "$dst" "${files[@]}"
	for k in $(seq 1 $((n - 1))); do rm "$dst.part$k"; done
}

mkdir -p "$out"

echo "short sessions..." >&2
startdump short
short_sessions
stopdump short
n=$(count_conns "$run/short.pcap")
[ "$n" = 40 ] || { echo "$0: the short sessions made $n connections, not 40" >&2; exit 1; }

echo "open sessions..." >&2
startdump open
open_sessions || { echo "$0: an open session failed; see $run/clients.log (KEEP_RUN=1)" >&2; exit 1; }
stopdump open
n=$(count_conns "$run/open.pcap")
[ "$n" = 40 ] || { echo "$0: the open sessions made $n connections, not 40" >&2; exit 1; }

echo "bulk transfers ($bulk_mib MiB each)..." >&2
head -c $((bulk_mib << 20)) /dev/urandom >"$run/share/big.bin"
ln "$run/share/big.bin" "$run/client/big.bin"
startdump bulk
client user "$srv_a" SMB3_11 "put big.bin up-a.bin"
client user "$srv_a" SMB3_11 "get big.bin /dev/null"
client user "$srv_b" SMB3_11 "put big.bin up-b.bin"
client user "$srv_b" SMB3_11 "get big.bin /dev/null"
stopdump bulk
rm -f "$run/share/big.bin" "$run/client/big.bin" "$run/share"/up-*.bin
mv "$run/bulk.pcap" "$out/bulk.pcap"

echo "replicating the short sessions..." >&2
replicate "$run/short.pcap" "$out/many.pcap" "$(duration "$run/short.pcap")" concat
editcap -F pcap -r "$out/many.pcap" "$out/many-500k.pcap" 1-500000
echo "replicating the open sessions..." >&2
replicate "$run/open.pcap" "$out/overlap.pcap" 0.001 merge
cp "$run/short.pcap" "$out/short-40.pcap"
cp "$run/open.pcap" "$out/open-40.pcap"

echo "scaling copies..." >&2
for c in bulk many; do
	scale "$out/$c.pcap" 2 "$out/$c-x2.pcap"
	scale "$out/$c.pcap" 4 "$out/$c-x4.pcap"
done

for f in bulk many many-500k overlap bulk-x2 bulk-x4 many-x2 many-x4; do
	capinfos -Tm -c -s "$out/$f.pcap" | tail -1
done
