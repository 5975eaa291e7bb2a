#!/usr/bin/env python3
"""The node's own view of the same delay: from its log line when a caller's INVITE became a call
("Call <id> (SIP Call-ID ...) from caller-N-PID ...") to its line when it rang the agent ("Call <id>:
ringing agent ..."), both stamped by Akka's logger in the node. Only calls whose caller user ends in
-PID count, PID being the caller sipp's (read from its -trace_msg file).
Prints: "node_pairs=N node_p50_ms=X node_p99_ms=Y".
Usage: gateway-node-latency.py NODE_LOG CALLER_MESSAGES
"""
import re
import sys
from datetime import datetime

LINE = re.compile(r"^\s*\[INFO\]\[(\S+ \S+?)Z?\].*? Call (\w+)(?: \(SIP Call-ID \S+\) from (\S+)|: ringing agent)")


def main(log, pid):
    started, rung = {}, {}
    with open(log, errors="replace") as f:
        for line in f:
            m = LINE.match(line)
            if not m:
                continue
            at = datetime.strptime(m.group(1), "%m/%d/%Y %H:%M:%S.%f")
            if m.group(3) is not None:
                if m.group(3).endswith("-" + pid):
                    started[m.group(2)] = at
            else:
                rung.setdefault(m.group(2), at)
    delays = sorted((rung[c] - t).total_seconds() * 1000 for c, t in started.items() if c in rung)
    if not delays:
        print("node_pairs=0 node_p50_ms=nan node_p99_ms=nan")
        return
    pick = lambda q: delays[min(len(delays) - 1, int(q * len(delays)))]
    print(f"node_pairs={len(delays)} node_p50_ms={pick(0.5):.1f} node_p99_ms={pick(0.99):.1f}")


def caller_pid(messages):
    with open(messages, errors="replace") as f:
        for line in f:
            m = re.search(r"caller-\d+-(\d+)@", line)
            if m:
                return m.group(1)
    return "none"


if __name__ == "__main__":
    main(sys.argv[1], caller_pid(sys.argv[2]))
