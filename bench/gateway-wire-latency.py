#!/usr/bin/env python3
"""The delay as the wire sees it: from a tcpdump capture on the loopback interface, the time from each
caller's initial INVITE (to the node's SIP port) to the gateway's INVITE for the same caller reaching the
agent's phone (paired by the caller's From user, which the gateway copies). Kernel timestamps: neither
sipp's loop nor the node's logger is in the measurement.
Prints: "wire_pairs=N wire_p50_ms=X wire_p99_ms=Y".
Usage: gateway-wire-latency.py CAPTURE.pcap NODE_SIP_PORT AGENT_IP
"""
import re
import socket
import struct
import sys

FROM_USER = re.compile(rb"^(?:From|f)\s*:.*?<?sips?:([^@;>]+)@", re.IGNORECASE | re.MULTILINE)
TO_TAG = re.compile(rb"^(?:To|t)\s*:.*;\s*tag=", re.IGNORECASE | re.MULTILINE)


def packets(path):
    with open(path, "rb") as f:
        header = f.read(24)
        magic = struct.unpack("<I", header[:4])[0]
        endian, nano = ("<", magic == 0xA1B23C4D) if magic in (0xA1B2C3D4, 0xA1B23C4D) else (">", False)
        linktype = struct.unpack(endian + "I", header[20:24])[0]
        while True:
            record = f.read(16)
            if len(record) < 16:
                return
            sec, frac, length, _ = struct.unpack(endian + "IIII", record)
            data = f.read(length)
            yield sec + frac / (1e9 if nano else 1e6), linktype, data


def udp(linktype, data):
    offset = {1: 14, 113: 16, 0: 4, 12: 0}.get(linktype)
    if offset is None or len(data) < offset + 28:
        return None
    ip = data[offset:]
    if ip[0] >> 4 != 4 or ip[9] != 17:
        return None
    ihl = (ip[0] & 15) * 4
    dst = socket.inet_ntoa(ip[16:20])
    sport, dport = struct.unpack(">HH", ip[ihl:ihl + 4])
    return dst, dport, ip[ihl + 8:]


def main(path, sip_port, agent_ip):
    sent, reached = {}, {}
    for at, linktype, data in packets(path):
        parsed = udp(linktype, data)
        if parsed is None:
            continue
        dst, dport, payload = parsed
        if not payload.startswith(b"INVITE ") or TO_TAG.search(payload):
            continue
        m = FROM_USER.search(payload)
        if not m:
            continue
        user = m.group(1)
        if dport == sip_port:
            sent.setdefault(user, at)
        elif dst == agent_ip:
            reached.setdefault(user, at)
    delays = sorted((reached[u] - t) * 1000 for u, t in sent.items() if u in reached)
    if not delays:
        print("wire_pairs=0 wire_p50_ms=nan wire_p99_ms=nan")
        return
    pick = lambda q: delays[min(len(delays) - 1, int(q * len(delays)))]
    print(f"wire_pairs={len(delays)} wire_p50_ms={pick(0.5):.2f} wire_p99_ms={pick(0.99):.2f}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
