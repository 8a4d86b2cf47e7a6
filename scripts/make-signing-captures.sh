#!/usr/bin/env bash
# Make the signed SMB captures of testdata/pcaps/signing: one Samba session
# per dialect (2.0.2, 2.1, 3.0, 3.0.2, 3.1.1 with AES-CMAC, AES-GMAC and
# HMAC-SHA256, and SMB1 NT LM 0.12), all with `server signing = mandatory`
# and a throw-away user whose password is known, so that smbscope can check
# every signature; then a copy of one capture with a single byte flipped
# inside a signed message.
#
#   sudo scripts/make-signing-captures.sh [OUTDIR]
#
# OUTDIR defaults to testdata/pcaps/signing. Needs root, iproute2, smbd,
# smbclient, pdbedit/smbpasswd, tcpdump and python3 (Debian: apt-get install
# samba smbclient tcpdump). Two network namespaces joined by a veth pair
# carry the traffic; the addresses (198.51.100.10 server, .20 client, a
# documentation range) exist only inside them. smbd runs from a private
# smb.conf in a temporary directory. Everything, including the Unix account
# made for the test user when it did not exist, is removed on exit
# (KEEP_RUN=1 keeps the temporary directory with the logs).
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-testdata/pcaps/signing}
user=alice
password=Signing-Test-1
workgroup=WORKGROUP
srv_ip=198.51.100.10
cli_ip=198.51.100.20

for tool in ip smbd smbclient smbpasswd tcpdump python3; do
	command -v "$tool" >/dev/null || { echo "$0: $tool not found" >&2; exit 1; }
done
[ "$(id -u)" = 0 ] || { echo "$0: run as root (network namespaces, smbd)" >&2; exit 1; }

tag=sig$$
ns_srv=$tag-srv
ns_cli=$tag-cli
veth_srv=${tag}s
veth_cli=${tag}c
run=$(mktemp -d /tmp/smbscope-signing.XXXXXX)
made_user=
smbd_pid=
dump_pid=

# nsrun NS PIDFILE LOG CMD...: start CMD in namespace NS in the background,
# in a session of its own (smbd signals its whole process group when it
# stops), its output appended to LOG; prints CMD's own pid, also kept in
# PIDFILE (ip netns exec may fork).
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
	[ -n "$smbd_pid" ] && stop "$smbd_pid" TERM
	wait 2>/dev/null
	ip netns del "$ns_cli" 2>/dev/null
	ip netns del "$ns_srv" 2>/dev/null
	[ -n "$made_user" ] && userdel "$user" 2>/dev/null
	if [ -n "${KEEP_RUN:-}" ]; then echo "kept $run" >&2; else rm -rf "$run"; fi
}
trap cleanup EXIT

# The network: two namespaces, one veth pair, addresses inside only.
ip netns add "$ns_srv"
ip netns add "$ns_cli"
ip link add "$veth_srv" type veth peer name "$veth_cli"
ip link set "$veth_srv" netns "$ns_srv"
ip link set "$veth_cli" netns "$ns_cli"
ip -n "$ns_srv" addr add "$srv_ip/24" dev "$veth_srv"
ip -n "$ns_cli" addr add "$cli_ip/24" dev "$veth_cli"
for ns in "$ns_srv" "$ns_cli"; do ip -n "$ns" link set lo up; done
ip -n "$ns_srv" link set "$veth_srv" up
ip -n "$ns_cli" link set "$veth_cli" up

# The server: a private configuration, share and account database.
chmod 0711 "$run" # the test user must reach the share inside it
mkdir -p "$run"/{private,lock,state,cache,pid,share,client}
chmod 0777 "$run/share"
head -c 6000 /dev/urandom | base64 >"$run/client/notes.txt"
echo "hello from the signing test share" >"$run/share/hello.txt"
srvconf() { # $1: extra [global] lines
	cat >"$run/smb.conf" <<EOF
[global]
	workgroup = $workgroup
	netbios name = SIGNAS
	server role = standalone server
	security = user
	map to guest = Never
	passdb backend = tdbsam:$run/private/passdb.tdb
	private dir = $run/private
	lock directory = $run/lock
	state directory = $run/state
	cache directory = $run/cache
	pid directory = $run/pid
	ncalrpc dir = $run/ncalrpc
	log file = $run/smbd.log
	interfaces = $srv_ip/24
	bind interfaces only = yes
	smb ports = 445
	disable netbios = yes
	load printers = no
	printing = bsd
	printcap name = /dev/null
	disable spoolss = yes
	server signing = mandatory
	server min protocol = NT1
	server max protocol = SMB3
$1
[share]
	path = $run/share
	read only = no
EOF
}
srvconf ""
if ! id "$user" >/dev/null 2>&1; then
	useradd --no-create-home --shell /usr/sbin/nologin "$user"
	made_user=1
fi
printf '%s\n%s\n' "$password" "$password" | smbpasswd -c "$run/smb.conf" -s -a "$user" >/dev/null

start_smbd() {
	smbd_pid=$(nsrun "$ns_srv" "$run/smbd.pid" "$run/smbd.out" smbd -s "$run/smb.conf" --foreground --no-process-group)
	for _ in $(seq 50); do
		ip netns exec "$ns_srv" bash -c "exec 3<>/dev/tcp/$srv_ip/445" 2>/dev/null && return
		sleep 0.1
	done
	echo "$0: smbd did not start; see below" >&2
	cat "$run/smbd.out" "$run/smbd.log" >&2 2>/dev/null
	exit 1
}
stop_smbd() {
	stop "$smbd_pid" TERM
	smbd_pid=
}

# capture NAME PROTOCOL [client option...]: one smbclient session, captured
# on the server's end of the veth pair.
capture() {
	local name=$1 proto=$2
	shift 2
	local opts=(--max-protocol="$proto" --option="client min protocol=$proto"
		--option="client signing=required" --option="client smb encrypt=off")
	for o in "$@"; do opts+=(--option="$o"); done
	dump_pid=$(nsrun "$ns_srv" "$run/tcpdump.pid" "$run/$name.tcpdump" tcpdump -i "$veth_srv" -s 0 -B 16384 -U --immediate-mode -w "$run/$name.pcap" "tcp port 445")
	for _ in $(seq 50); do grep -q listening "$run/$name.tcpdump" 2>/dev/null && break; sleep 0.1; done
	(cd "$run/client" && rm -f notes.back hello.back &&
		ip netns exec "$ns_cli" smbclient -s /dev/null "${opts[@]}" \
			-U "$workgroup\\$user%$password" "//$srv_ip/share" \
			-c "ls; put notes.txt; ls; get notes.txt notes.back; get hello.txt hello.back; exit" >"$run/$name.client" 2>&1) || {
		echo "$0: smbclient failed for $name:" >&2
		cat "$run/$name.client" >&2
		exit 1
	}
	cmp -s "$run/client/notes.txt" "$run/client/notes.back" || { echo "$0: $name: file did not round-trip:" >&2; cat "$run/$name.client" >&2; exit 1; }
	sleep 1.5 # let tcpdump read what the kernel still holds
	stop "$dump_pid" INT
	dump_pid=
	# Every packet the filter saw must be in the file.
	local got seen
	got=$(sed -n 's/^\([0-9]*\) packets\{0,1\} captured$/\1/p' "$run/$name.tcpdump")
	seen=$(sed -n 's/^\([0-9]*\) packets\{0,1\} received by filter$/\1/p' "$run/$name.tcpdump")
	if [ -z "$got" ] || [ "$got" != "$seen" ]; then
		echo "$0: $name: tcpdump wrote $got of $seen packets" >&2
		exit 1
	fi
	cp "$run/$name.pcap" "$out/$name.pcap"
	echo "$out/$name.pcap"
}

mkdir -p "$out"
start_smbd
capture smb1_nt1 NT1
capture smb202 SMB2_02
capture smb210 SMB2_10
capture smb300 SMB3_00
capture smb302 SMB3_02
capture smb311_cmac SMB3_11 "client smb3 signing algorithms=aes-128-cmac"
capture smb311_gmac SMB3_11 "client smb3 signing algorithms=aes-128-gmac"
stop_smbd
# HMAC-SHA256 on 3.1.1 is chosen only when both sides allow nothing else.
srvconf "	server smb3 signing algorithms = hmac-sha-256"
start_smbd
capture smb311_hmac SMB3_11 "client smb3 signing algorithms=hmac-sha-256"
stop_smbd

# The tampered copy: flip the last byte of the first frame that carries a
# signed SMB2 READ response (file data, inside the signed message).
python3 - "$out/smb311_gmac.pcap" "$out/smb311_gmac_tampered.pcap" <<'EOF'
import struct, sys
src, dst = sys.argv[1], sys.argv[2]
data = bytearray(open(src, "rb").read())
assert struct.unpack_from("<I", data, 0)[0] == 0xa1b2c3d4, "little-endian microsecond pcap expected"
off, frame = 24, 0
while off < len(data):
    frame += 1
    incl = struct.unpack_from("<I", data, off + 8)[0]
    pkt = off + 16
    ihl = (data[pkt + 14] & 0x0F) * 4            # Ethernet, then IPv4
    tcp = pkt + 14 + ihl
    payload = tcp + (data[tcp + 12] >> 4) * 4
    end = pkt + incl
    i = data.find(b"\xfeSMB", payload, end)
    if i >= 0 and i + 64 <= end:
        cmd, = struct.unpack_from("<H", data, i + 12)
        flags, = struct.unpack_from("<I", data, i + 16)
        if cmd == 8 and flags & 0x1 and flags & 0x8:   # READ, response, signed
            data[end - 1] ^= 0x01
            open(dst, "wb").write(data)
            print("%s: frame %d, byte at offset %d of the frame flipped" % (dst, frame, incl - 1))
            sys.exit(0)
    off = end
sys.exit("no signed READ response found")
EOF
