#!/usr/bin/env bash
# Load test of the node's SIP gateway: sipp callers dial entry point 100 at fixed rates; AGENTS agents in one
# queue (wrap-up 0 s, ready again by themselves) have phones registered by sipp, all answered by one sipp UAS.
# Prints per rate: calls attempted / successful / failed, agents not ready afterwards (stuck), p50 / p99 from
# the caller's INVITE to the gateway's INVITE reaching the agent (legs paired by the caller's From user, which
# the gateway copies; bench/gateway-latency.py reads sipp's -trace_msg timestamps; both sipp on this machine,
# sipp stamps with its loop clock, so sub-millisecond values are noise), and node CPU ms per call from
# /proc/PID/stat (utime + stime) before and after the rate. The last column adds the node's own view of that
# delay (bench/gateway-node-latency.py: its log stamps from the INVITE taken in to the agent's INVITE sent) and,
# when tcpdump is installed, the wire's (bench/gateway-wire-latency.py: kernel timestamps of both INVITEs on lo).
# Usage: bench/gateway-load.sh [rate ...]            (default: 100 500 1000)
# Environment: AGENTS (default 500), CALLS per rate (default 1000), TALK_MS (default 1000), WARMUP calls at
#              100/s before the measured rates (default 500, 0 for none),
#              MEDIA=1 to play g711a.pcap from every caller (off by default: it plays ~6 s whatever TALK_MS,
#              and one sipp -rtp_echo echoes only ~400 calls cleanly), KEEP=1 to keep the work directory.
# Everything is bounded: each sipp gets -m and -timeout; the node is killed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
RATES=("$@")
[ ${#RATES[@]} -eq 0 ] && RATES=(100 500 1000)
AGENTS=${AGENTS:-500} CALLS=${CALLS:-1000} TALK_MS=${TALK_MS:-1000} MEDIA=${MEDIA:-0} WARMUP=${WARMUP:-500}
UAS_IP=127.0.0.91 CALLER_IP=127.0.0.92 REGISTER_IP=127.0.0.93 PORT=5070
SCENARIOS=tests/Integration.Tests/Gateway/Scenarios
SCENARIO_DIR=$PWD/$SCENARIOS
OUT=$(mktemp -d)
node_pid=""
cleanup() {
  [ -n "$node_pid" ] && kill "$node_pid" 2>/dev/null && wait "$node_pid" 2>/dev/null
  if [ -n "${KEEP:-}" ]; then echo "work directory kept: $OUT"; else rm -rf "$OUT"; fi
}
trap cleanup EXIT
command -v sipp >/dev/null || { echo "sipp missing: apt-get install -y sip-tester" >&2; exit 1; }

source bench/lib/gateway-bench.sh
write_bench_definition
start_bench_node

# Register every agent with its Contact on the UAS address (agent_register.xml sends its own address as Contact;
# a copy points it at the UAS so registrations can run in parallel from other ports). 20 at a time.
sed "s/Contact: <sip:\[service\]@\[local_ip\]:\[local_port\]>/Contact: <sip:[service]@$UAS_IP:$PORT>/" \
  $SCENARIOS/agent_register.xml >"$OUT/register.xml"
register_scenario() { echo "$OUT/register.xml"; }
register_bench_agents register_scenario 20000
echo "registered $AGENTS agents' phones (Contact sip:AGENT@$UAS_IP:$PORT)"

all_ready
read -r not_ready no_phone <<<"$(not_ready_count)"
echo "agents not ready: $not_ready, without a phone in the API: $no_phone"
[ "$no_phone" = 0 ] || echo "warning: the gateway offers SIP calls only to agents with a registered phone"

caller="$OUT/caller.xml"
if [ "$MEDIA" = 1 ]; then cp $SCENARIOS/caller_bye.xml "$caller"; else sed '/<nop>/,/<\/nop>/d' $SCENARIOS/caller_bye.xml >"$caller"; fi
ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$node_pid/stat"; }
col() { head -1 "$1" | tr ';' '\n' | grep -nx "$2" | cut -d: -f1; }
stat_of() { tail -1 "$1" | cut -d';' -f"$(col "$1" "$2")"; }

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $AGENTS agents, $CALLS calls per rate, talk ${TALK_MS} ms, media $MEDIA"
printf '%-6s %-9s %-10s %-7s %-6s %-9s %-9s %-13s %s\n' rate attempted successful failed stuck p50_ms p99_ms node_cpu_ms/call latency
# A first round at 100 calls/s warms the node up (JIT, connection pools, entity shards); it is printed as
# "warmup" and is not one of the measured rates.
runs=("${RATES[@]}")
[ "$WARMUP" -gt 0 ] && runs=(warmup "${RATES[@]}")
for run in "${runs[@]}"; do
  if [ "$run" = warmup ]; then rate=100 calls=$WARMUP; else rate=$run calls=$CALLS; fi
  dir="$OUT/rate-$run"; mkdir -p "$dir"
  limit=$((calls / rate + TALK_MS / 1000 + 60))
  (cd "$dir" && exec timeout $((limit + 30)) sipp -sf "$SCENARIO_DIR/agent_answer.xml" \
      -s bench -nostdin -i $UAS_IP -p $PORT -mp 16000 -rtp_echo -buff_size 8388608 -timeout ${limit}s \
      -trace_msg -message_file agent_msg.log -trace_err >uas.txt 2>&1) &
  uas_pid=$!
  sleep 1
  capture_pid=""
  if command -v tcpdump >/dev/null; then
    tcpdump -i lo -s 1500 -B 65536 -w "$dir/sip.pcap" "udp and (dst port $SIP_PORT or dst host $UAS_IP)" >"$dir/tcpdump.txt" 2>&1 &
    capture_pid=$!
    sleep 1
  fi
  before=$(cpu_ticks)
  set +e
  (cd "$dir" && timeout $((limit + 30)) sipp -sf "$caller" -s 100 -d "$TALK_MS" -r "$rate" -m "$calls" -l $((rate * (TALK_MS / 1000 + 12))) \
      -nostdin -i $CALLER_IP -p $PORT -mp 17000 -buff_size 8388608 -timeout ${limit}s -timeout_error \
      -trace_stat -stf stat.csv -fd 1 -trace_msg -message_file caller_msg.log -trace_err 127.0.0.1:"$SIP_PORT" >caller.txt 2>&1)
  set -e
  after=$(cpu_ticks)
  [ -n "$capture_pid" ] && { sleep 1; kill -INT "$capture_pid" 2>/dev/null; wait "$capture_pid" 2>/dev/null || true; }
  sleep 3 # let the last legs end and agents return to ready
  kill "$uas_pid" 2>/dev/null; wait "$uas_pid" 2>/dev/null
  attempted=$(stat_of "$dir/stat.csv" 'OutgoingCall(C)') ok=$(stat_of "$dir/stat.csv" 'SuccessfulCall(C)') failed=$(stat_of "$dir/stat.csv" 'FailedCall(C)')
  read -r stuck _ <<<"$(not_ready_count)"
  latency=$(python3 bench/gateway-latency.py "$dir/caller_msg.log" "$dir/agent_msg.log")
  latency="$latency $(python3 bench/gateway-node-latency.py "$OUT/node.log" "$dir/caller_msg.log")"
  [ -s "$dir/sip.pcap" ] && latency="$latency $(python3 bench/gateway-wire-latency.py "$dir/sip.pcap" "$SIP_PORT" "$UAS_IP")"
  p50=$(sed -n 's/.* p50_ms=\([^ ]*\).*/\1/p' <<<" $latency") p99=$(sed -n 's/.* p99_ms=\([^ ]*\).*/\1/p' <<<" $latency")
  cpu_per_call=$(awk -v d=$((after - before)) -v t="$ticks" -v n="${attempted:-0}" 'BEGIN { if (n > 0) printf "%.3f", d * 1000 / t / n; else print "n/a" }')
  printf '%-6s %-9s %-10s %-7s %-6s %-9s %-9s %-13s %s\n' "$run" "$attempted" "$ok" "$failed" "$stuck" "$p50" "$p99" "$cpu_per_call" "$latency"
  if [ "$stuck" != 0 ]; then # put them back for the next rate, and say who they were
    agents_json | python3 -c 'import json,sys
for x in json.load(sys.stdin):
  if x.get("site")=="bench" and x["status"]!="ready": print("   stuck:", x["agentId"], x["status"], x.get("reason",""))' | head -5
    all_ready
  fi
done
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at end"
