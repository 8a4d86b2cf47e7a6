#!/usr/bin/env bash
# Write, next to every capture under a folder, <capture>.tshark.auth.tsv: one row
# per frame carrying an NTLMSSP AUTHENTICATE or a Kerberos message in a SESSION_SETUP, with
# the user, domain and host name of the AUTHENTICATE and the Kerberos realm and
# service name. Multi-valued cells are comma-joined in order, as in
# tshark-groundtruth.sh.
#
# Usage: tshark-auth.sh <pcaps-dir>
set -euo pipefail
if [ $# -ne 1 ] || [ ! -d "$1" ]; then
  echo "usage: $0 <pcaps-dir>" >&2; exit 2
fi
command -v tshark >/dev/null || { echo "tshark not found (apt-get install tshark)" >&2; exit 1; }
DIR=$(cd "$1" && pwd)
FIELDS=(frame.number ntlmssp.messagetype ntlmssp.auth.username ntlmssp.auth.domain ntlmssp.auth.hostname
  kerberos.msg_type kerberos.realm kerberos.SNameString)
args=()
for f in "${FIELDS[@]}"; do args+=(-e "$f"); done
while IFS= read -r -d '' cap; do
  tshark -n -r "$cap" -Y '(smb2.cmd == 1 || smb.cmd == 0x73) && (ntlmssp.messagetype == 3 || kerberos)' -T fields \
    -E header=y -E separator=/t -E quote=n -E occurrence=a -E aggregator=, "${args[@]}" \
    > "$cap.tshark.auth.tsv" 2>/dev/null || true
  echo "  ${cap#$DIR/}: $(($(wc -l < "$cap.tshark.auth.tsv")-1)) rows" >&2
done < <(find "$DIR" -type f \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.cap' \) -print0 | sort -z)
