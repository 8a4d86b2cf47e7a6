#!/usr/bin/env python3
"""Print, per TCP connection of a capture, what tshark's "follow,tcp,raw"
reassembles: start frame, client, server, handshake seen, and each
direction's byte count and SHA-256 prefix, in the same form as the conn
lines of corpus.golden (without the fields tshark cannot provide).

Roles follow capture's rules: the SYN sender (or the SYN-ACK receiver) is
the client; otherwise the side on port 445 or 139 is the server, else the
lower port, else the receiver of the first packet.

Usage: tshark-follow.py CAPTURE    (needs tshark 4.x on PATH)
Compare: diff <(tshark-follow.py F) \
    <(awk '/^file F$/{f=1;next} /^file /{f=0} f&&/^conn/' corpus.golden |
      sed -E 's| close=[^ ]*||; s|/[0-9]+ s=| s=|; s|/[0-9]+ calls=.*||')
"""
import hashlib
import re
import subprocess
import sys


def tshark(*args):
    return subprocess.run(["tshark", *args], capture_output=True, text=True, check=True).stdout


def endpoint(addr, port):
    addr = addr.split(",")[-1]  # innermost header of a tunnel
    return "[%s]:%s" % (addr, port) if ":" in addr else "%s:%s" % (addr, port)


def first_packets(f):
    out = tshark("-r", f, "-Y", "tcp", "-T", "fields", "-E", "separator=|",
                 "-e", "tcp.stream", "-e", "frame.number", "-e", "ip.src", "-e", "ipv6.src",
                 "-e", "tcp.srcport", "-e", "ip.dst", "-e", "ipv6.dst", "-e", "tcp.dstport",
                 "-e", "tcp.flags.syn", "-e", "tcp.flags.ack")
    first = {}
    for line in out.splitlines():
        s, fr, s4, s6, sp, d4, d6, dp, syn, ack = line.split("|")
        if int(s) not in first:
            first[int(s)] = (int(fr), endpoint(s4 or s6, sp), endpoint(d4 or d6, dp),
                             syn in ("1", "True"), ack in ("1", "True"))
    return first


def roles(src, dst, syn, ack):
    if syn:
        return (src, dst) if not ack else (dst, src)
    ps, pd = int(src.rsplit(":", 1)[1]), int(dst.rsplit(":", 1)[1])
    smb = lambda p: p in (445, 139)
    if smb(ps) != smb(pd):
        dst_is_server = smb(pd)
    elif ps != pd:
        dst_is_server = pd < ps
    else:
        dst_is_server = True
    return (src, dst) if dst_is_server else (dst, src)


def follow(f, streams):
    res = {}
    for i in range(0, len(streams), 50):
        args = ["-r", f, "-q"]
        for s in streams[i:i + 50]:
            args += ["-z", "follow,tcp,raw,%d" % s]
        for block in tshark(*args).split("Follow: tcp,raw\n")[1:]:
            m = re.match(r"Filter: tcp.stream eq (\d+)\nNode 0: (\S+)\nNode 1: (\S+)\n", block)
            data = {m.group(2): b"", m.group(3): b""}
            for line in block[m.end():].splitlines():
                if not line or line.startswith("="):
                    continue
                node = m.group(3) if line.startswith("\t") else m.group(2)
                data[node] += bytes.fromhex(line.strip())
            res[int(m.group(1))] = data
    return res


def digest(b):
    return "%d/%s" % (len(b), hashlib.sha256(b).hexdigest()[:16])


def main(f):
    first = first_packets(f)
    data = follow(f, sorted(first))
    for s in sorted(first, key=lambda s: first[s][0]):
        fr, src, dst, syn, ack = first[s]
        client, server = roles(src, dst, syn, ack)
        d = data.get(s, {})
        print("conn %d %s %s syn=%s c=%s s=%s" % (fr, client, server, "true" if syn else "false",
                                                  digest(d.get(client, b"")), digest(d.get(server, b""))))


if __name__ == "__main__":
    main(sys.argv[1])
