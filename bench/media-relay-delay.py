#!/usr/bin/env python3
"""How long the gateway holds an RTP packet: from a tcpdump capture on the loopback interface, the time from
each packet reaching one leg's port of a call to the same packet (same sequence number) leaving the other leg's
port. The node's log pairs the ports ("Call <id>: agent A connected, media relayed 127.0.0.1:CALLER <->
127.0.0.1:AGENT"); kernel timestamps, so neither sipp nor the node's logger is in the measurement. Packets not
seen leaving within the capture are not counted here (loss is counted by bench/media-load.sh for the whole run).
Every caller replays the same capture, so a sequence number is only unique per port within one play (7 s):
keep the capture shorter than that.
Prints: "delay_pairs=N c2a_p50_ms=.. c2a_p99_ms=.. c2a_max_ms=.. a2c_p50_ms=.. a2c_p99_ms=.. a2c_max_ms=..".
Usage: media-relay-delay.py CAPTURE.pcap NODE_LOG
"""
import re
import socket
import struct
import sys

RELAYED = re.compile(r"media relayed [\d.]+:(\d+) <-> [\d.]+:(\d+)")
GATEWAY = "127.0.0.1"


def packets(path):
    with open(path, "rb") as f:
        header = f.read(24)
        magic = struct.unpack("<I", header[:4])[0]
        endian, nano = ("<", magic == 0xA1B23C4D) if magic in (0xA1B2C3D4, 0xA1B23C4D) else (">", False)
        linktype = struct.unpack(endian + "I", header[20:24])[0]
        offset = {1: 14, 113: 16, 0: 4, 12: 0}[linktype]
        while len(record := f.read(16)) == 16:
            sec, frac, length, _ = struct.unpack(endian + "IIII", record)
            data = f.read(length)
            ip = data[offset:]
            if len(ip) < 32 or ip[0] >> 4 != 4 or ip[9] != 17:
                continue
            ihl = (ip[0] & 15) * 4
            if len(ip) < ihl + 12:
                continue
            src, dst = socket.inet_ntoa(ip[12:16]), socket.inet_ntoa(ip[16:20])
            sport, dport = struct.unpack(">HH", ip[ihl:ihl + 4])
            seq = struct.unpack(">H", ip[ihl + 10:ihl + 12])[0]
            yield sec + frac / (1e9 if nano else 1e6), src, sport, dst, dport, seq


def main(capture, log):
    other = {}  # gateway port -> (the call's other gateway port, direction of packets arriving on it)
    with open(log, errors="replace") as f:
        for line in f:
            m = RELAYED.search(line)
            if m:
                caller, agent = int(m.group(1)), int(m.group(2))
                other[caller] = (agent, "c2a")
                other[agent] = (caller, "a2c")
    arrived = {}
    delays = {"c2a": [], "a2c": []}
    for at, src, sport, dst, dport, seq in packets(capture):
        if dst == GATEWAY and dport in other and src != GATEWAY:
            out_port, direction = other[dport]
            arrived.setdefault((out_port, seq), (at, direction))
        elif src == GATEWAY and sport in other and dst != GATEWAY:
            got = arrived.pop((sport, seq), None)
            if got is not None:
                delays[got[1]].append((at - got[0]) * 1000)
    parts = [f"delay_pairs={len(delays['c2a']) + len(delays['a2c'])}"]
    for direction in ("c2a", "a2c"):
        values = sorted(delays[direction])
        if not values:
            parts.append(f"{direction}_p50_ms=nan {direction}_p99_ms=nan {direction}_max_ms=nan")
            continue
        pick = lambda q: values[min(len(values) - 1, int(q * len(values)))]
        parts.append(f"{direction}_p50_ms={pick(0.5):.2f} {direction}_p99_ms={pick(0.99):.2f} {direction}_max_ms={values[-1]:.1f}")
    print(" ".join(parts))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
