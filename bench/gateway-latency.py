#!/usr/bin/env python3
"""Time from a caller's INVITE leaving sipp to the gateway's INVITE reaching the agent's phone.

Reads two sipp -trace_msg files: the caller's (initial INVITEs sent) and the agent UAS's (INVITEs
received). The gateway copies the caller's From user (caller-N-PID, unique per call) into the agent's
INVITE, which pairs the two legs. The first occurrence of each counts (retransmissions are ignored),
re-INVITEs (To with a tag) too. Both sipp instances run on this machine, so their clocks agree.
Prints: "pairs=N unmatched=M p50_ms=X p99_ms=Y max_ms=Z".
Usage: gateway-latency.py CALLER_MESSAGES AGENT_MESSAGES
"""
import re
import sys
from datetime import datetime

STAMP = re.compile(r"^-{10,} (\d{4}-\d{2}-\d{2})[ \t](\d{2}:\d{2}:\d{2}\.\d+)\s*$")
FROM_USER = re.compile(r"^(?:From|f)\s*:.*?<?sips?:([^@;>]+)@", re.IGNORECASE)
TO_TAG = re.compile(r"^(?:To|t)\s*:.*;\s*tag=", re.IGNORECASE)


def initial_invites(path, direction):
    """{from_user: first time} for INVITEs without a To tag, sent or received as direction says."""
    times = {}
    stamp, kind, lines = None, None, []

    def flush():
        if stamp is None or kind != direction or not lines:
            return
        start = next((l for l in lines if l.strip()), "")
        if not start.startswith("INVITE "):
            return
        if any(TO_TAG.match(l) for l in lines):
            return
        user = next((m.group(1) for l in lines for m in [FROM_USER.match(l)] if m), None)
        if user is not None and user not in times:
            times[user] = stamp

    with open(path, errors="replace") as f:
        for raw in f:
            line = raw.rstrip("\r\n")
            m = STAMP.match(line)
            if m:
                flush()
                stamp = datetime.strptime(f"{m.group(1)} {m.group(2)}", "%Y-%m-%d %H:%M:%S.%f").timestamp()
                kind, lines = None, []
            elif kind is None and stamp is not None and " message " in line:
                kind = "sent" if "message sent" in line else "received" if "message received" in line else "other"
            elif line.startswith("------"):
                flush()
                stamp, kind, lines = None, None, []
            else:
                lines.append(line)
        flush()
    return times


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    k = max(0, min(len(sorted_values) - 1, round(p / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[k]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sent = initial_invites(sys.argv[1], "sent")
    received = initial_invites(sys.argv[2], "received")
    delays = sorted((received[u] - t) * 1000 for u, t in sent.items() if u in received)
    print(f"pairs={len(delays)} unmatched={len(sent) - len(delays)} "
          f"p50_ms={percentile(delays, 50):.2f} p99_ms={percentile(delays, 99):.2f} "
          f"max_ms={(delays[-1] if delays else float('nan')):.2f}")


if __name__ == "__main__":
    main()
