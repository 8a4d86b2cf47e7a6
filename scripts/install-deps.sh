#!/usr/bin/env bash
# What the live-capture build and its tests need beyond Go, installed where
# missing (Debian/Ubuntu, as root, with apt-get):
#   - a C compiler (cgo: go test -race and the libpcap binding need it),
#   - libpcap's headers (libpcap-dev), for the pcap build tag,
#   - tcpreplay and iproute2 (ip), for the live test (TestLiveCapture).
#
#   scripts/install-deps.sh          install what is missing, say what is still missing
#   scripts/install-deps.sh --tags   print the build tags this machine supports
#                                    ("pcap" when cgo and pcap.h are there), install nothing
#
# Without root or apt-get nothing is installed: live capture is then left
# out of the build (no pcap tag) and its tests skip, and the rest works as
# before. The file analysis itself needs none of this.
set -euo pipefail

have_cc() { command -v "${CC:-cc}" >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1; }

have_pcap_h() {
	local cc=${CC:-cc}
	command -v "$cc" >/dev/null 2>&1 || cc=gcc
	printf '#include <pcap.h>\nint main(void){return 0;}\n' | "$cc" -E -x c - >/dev/null 2>&1
}

cgo_enabled() { [ "$(go env CGO_ENABLED 2>/dev/null)" = 1 ]; }

if [ "${1:-}" = --tags ]; then
	if have_cc && have_pcap_h && cgo_enabled; then
		echo pcap
	fi
	exit 0
fi

missing=()
have_cc || missing+=(gcc libc6-dev)
have_pcap_h || missing+=(libpcap-dev)
command -v tcpreplay >/dev/null 2>&1 || missing+=(tcpreplay)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "install-deps: installing ${missing[*]}" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
	echo "install-deps: missing ${missing[*]} (install them as root, e.g. apt-get install ${missing[*]});" \
		"live capture is left out of the build and its tests skip" >&2
fi
