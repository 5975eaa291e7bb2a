#!/usr/bin/env bash
# Load test of the gateway's media relay (issue 5): N concurrent bridged calls, each caller (sipp, media-caller.xml)
# playing g711a.pcap (236 RTP packets, 30 ms apart, 7.05 s) PLAYS times to the node, each agent's phone (sipp
# agent_answer.xml with -rtp_echo) echoing what the gateway relays back, which the gateway relays to the caller.
# AGENTS agents in one queue (wrap-up 0 s, ready again by themselves) register their phones with sipp, spread over
# several sipp UAS processes (PER_UAS agents each, on 127.0.0.101, .102, ...: one sipp -rtp_echo echoes only ~400
# calls cleanly on an idle machine, fewer on a busy one, its one socket's receive buffer holding ~270 packets).
# Per level N: N callers placed in about FILL_SECONDS (sipp -l N), held PLAYS x 7.3 s.
# Prints per level:
#   - packets counted on the wire (tcpdump on lo, one counter per direction, RTP only): callers -> gateway,
#     gateway -> agents, agents' echo -> gateway, gateway -> callers; loss in the gateway each way (relayed vs
#     received), the echo's loss (the load generator's, not the gateway's) and the node's own count (the
#     "Call <id> media: caller->agent N packets, agent->caller M packets" lines it logs as calls end);
#   - in the steady state (all N calls up, none ending): calls up (the gateway's RTP sockets / 2 in /proc/net/udp),
#     node CPU (utime + stime from /proc/PID/stat) as % of one core, that per call, the sipp and tcpdump processes'
#     CPU and the whole machine's busy %, and UDP receive-buffer drops on the gateway's and the echoes' sockets;
#     then, for its last DELAY_SECONDS, a capture of every RTP packet on lo from which bench/media-relay-delay.py
#     gives the delay through the gateway each way (p99 in the table; p50 and max in the detail line);
#   - the verdict: clean when every call succeeded and under 0.1% was lost each way, in the gateway and in the
#     echo; gateway-clean when only the echo (the load generator) lost more: the agent->caller way then carried
#     less than the full load; LOSSY when the gateway lost 0.1% or more; FAIL when calls failed.
#   Each call's sockets carry ~33 packets/s, so the gateway's receive buffers hardly ever overflow: an overloaded
#   node shows first as relay delay (and in its CPU) rather than as loss.
# RECORD=1 runs the same with the queue recording (recording: {enabled: true}, --CallCenter:Media:RecordingsPath
# in the work directory) and reports the WAV files written per level and their size.
# Usage: bench/media-load.sh [concurrent ...]          (default: 100 200 300 500)
# Environment: AGENTS (default: the highest level), PLAYS per call (default 4: ~30 s of talk), FILL_SECONDS to place
#              a level's calls (default 5), PER_UAS agents per echoing sipp (default 100), WARMUP calls of one play
#              before the levels (default 50, 0 for none), DELAY_SECONDS captured for the relay delay (default 5;
#              at most 7, sequence numbers repeating with each play; 0 for none), STOP_LOSS: % of gateway loss or
#              failed calls that stops the higher levels (default 1), TIME_LIMIT for the whole run in seconds
#              (default 1800), CAPTURE=0 to count without tcpdump (node's counts only), RECORD=1, PROFILE=N to trace
#              the node with dotnet-trace for 15 s in level N's steady state (bench/speedscope-top.py summarises it;
#              that level's CPU then includes the tracing), KEEP=1 to keep the work directory (kept anyway when the
#              node exits during a level). The node inherits the environment: DOTNET_* runtime knobs apply to it.
# Everything is bounded: each sipp gets -m, -timeout and a timeout(1) lifetime; the run has TIME_LIMIT; the node,
# sipp and tcpdump processes started here are stopped on exit. Figures taken while other work runs are noisy: the
# machine busy % column shows how much of the machine the run had to share.
set -euo pipefail
cd "$(dirname "$0")/.."
LEVELS=("$@")
[ ${#LEVELS[@]} -eq 0 ] && LEVELS=(100 200 300 500)
max_level=0
for n in "${LEVELS[@]}"; do [ "$n" -gt "$max_level" ] && max_level=$n; done
AGENTS=${AGENTS:-$max_level} PLAYS=${PLAYS:-4} FILL_SECONDS=${FILL_SECONDS:-5} PER_UAS=${PER_UAS:-100}
WARMUP=${WARMUP:-50} DELAY_SECONDS=${DELAY_SECONDS:-5} STOP_LOSS=${STOP_LOSS:-1} TIME_LIMIT=${TIME_LIMIT:-1800} CAPTURE=${CAPTURE:-1}
RECORD=${RECORD:-0} PROFILE=${PROFILE:-}
PLAY_MS=7300 # the capture lasts 7.05 s; a new play_pcap_audio would cut one still playing
PCAP=/usr/share/sip-tester/g711a.pcap
CALLER_IP=127.0.0.92 REGISTER_IP=127.0.0.93 UAS_FIRST=101 PORT=5070 CALLER_MEDIA=17000 AGENT_MEDIA=16000
RTP_FIRST=20000 RTP_LAST=29999
SCENARIOS=tests/Integration.Tests/Gateway/Scenarios
SCENARIO_DIR=$PWD/$SCENARIOS
UAS_COUNT=$(((AGENTS + PER_UAS - 1) / PER_UAS))
[ "$AGENTS" -ge "$max_level" ] || { echo "AGENTS ($AGENTS) must be at least the highest level ($max_level)" >&2; exit 2; }
[ "$UAS_COUNT" -le 100 ] || { echo "too many sipp UAS ($UAS_COUNT): raise PER_UAS" >&2; exit 2; }
[ $((RTP_LAST - RTP_FIRST + 1)) -ge $((max_level * 4)) ] || { echo "RTP range too small for $max_level calls" >&2; exit 2; }
command -v sipp >/dev/null || { echo "sipp missing: apt-get install -y sip-tester" >&2; exit 1; }
[ -r "$PCAP" ] || { echo "$PCAP missing (package sip-tester)" >&2; exit 1; }
if [ "$CAPTURE" = 1 ] && ! command -v tcpdump >/dev/null; then echo "tcpdump missing: counting with the node's log only"; CAPTURE=0; fi

OUT=$(mktemp -d)
node_pid="" watchdog=""
children=() # timeout(1) wrappers of sipp, tcpdump and dotnet-trace processes started here
cleanup() {
  trap - EXIT TERM INT
  set +e # a process already gone must not stop the cleanup
  for pid in "${children[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -n "$node_pid" ] && kill "$node_pid" 2>/dev/null && wait "$node_pid" 2>/dev/null
  if [ -n "$watchdog" ]; then # the watchdog first (else it would signal this script), then its sleep
    local sleeper; sleeper=$(pgrep -P "$watchdog" || true)
    kill "$watchdog" 2>/dev/null; wait "$watchdog" 2>/dev/null
    [ -n "$sleeper" ] && kill "$sleeper" 2>/dev/null
  fi
  if [ -n "${KEEP:-}" ]; then echo "work directory kept: $OUT"; else rm -rf "$OUT"; fi
}
trap cleanup EXIT
trap 'echo "stopped (time limit or signal)" >&2; exit 124' TERM INT
(sleep "$TIME_LIMIT"; kill -TERM $$ 2>/dev/null) &
watchdog=$!

# The capture: its packet count, and its length from first to last packet.
read -r PCAP_PACKETS PCAP_SECONDS <<<"$(python3 - "$PCAP" <<'EOF'
import struct, sys
with open(sys.argv[1], "rb") as f:
    endian = "<" if struct.unpack("<I", f.read(24)[:4])[0] in (0xA1B2C3D4, 0xA1B23C4D) else ">"
    stamps = []
    while len(record := f.read(16)) == 16:
        sec, usec, length, _ = struct.unpack(endian + "IIII", record)
        f.seek(length, 1)
        stamps.append(sec + usec / 1e6)
print(len(stamps), f"{stamps[-1] - stamps[0]:.2f}")
EOF
)"

source bench/lib/gateway-bench.sh

# The bench definition: agents 5000.., one queue, no wrap-up, recording when RECORD=1.
queue_recording=""
[ "$RECORD" = 1 ] && queue_recording=", recording: {enabled: true}"
write_bench_definition "$queue_recording"

node_args=()
mkdir -p "$OUT/recordings"
[ "$RECORD" = 1 ] && node_args+=(--CallCenter:Media:RecordingsPath="$OUT/recordings")
start_bench_node --CallCenter:Sip:RtpFirstPort=$RTP_FIRST --CallCenter:Sip:RtpLastPort=$RTP_LAST "${node_args[@]}"

# Register every agent with its Contact on its echoing sipp: agent i on 127.0.0.(101 + i % UAS_COUNT), so the
# levels spread over the UAS processes whichever agents the queue picks. 20 registrations at a time.
uas_ip() { echo "127.0.0.$((UAS_FIRST + $1))"; }
for j in $(seq 0 $((UAS_COUNT - 1))); do
  sed "s/Contact: <sip:\[service\]@\[local_ip\]:\[local_port\]>/Contact: <sip:[service]@$(uas_ip "$j"):$PORT>/" \
    $SCENARIOS/agent_register.xml >"$OUT/register-$j.xml"
done
register_scenario() { echo "$OUT/register-$(($1 % UAS_COUNT)).xml"; }
register_bench_agents register_scenario 30000
echo "registered $AGENTS agents' phones on $UAS_COUNT echoing sipp UAS ($(uas_ip 0)..$(uas_ip $((UAS_COUNT - 1))):$PORT)"

all_ready
read -r not_ready no_phone <<<"$(not_ready_count)"
echo "agents not ready: $not_ready, without a phone in the API: $no_phone"
[ "$no_phone" = 0 ] || echo "warning: the gateway offers SIP calls only to agents with a registered phone"

ticks=$(getconf CLK_TCK)
proc_ticks() { # utime + stime of the given processes (0 for those gone)
  local sum=0 pid
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] && sum=$((sum + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo $sum
}
machine_ticks() { awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8; print busy, busy + $5 + $6 }' /proc/stat; } # busy total
now() { date +%s.%N; }
sleep_until() { local d; d=$(awk -v t="$1" -v n="$(now)" 'BEGIN { d = t - n; print (d > 0 ? d : 0) }'); sleep "$d"; }
# sockets: "calls_up gateway_drops echo_drops" from /proc/net/udp: the gateway's RTP sockets (even ports of its range
# on 127.0.0.1; two per call) and the echoing sipps' media sockets, with each socket's receive-buffer drops.
sockets() {
  python3 - "$RTP_FIRST" "$RTP_LAST" "$AGENT_MEDIA" <<'EOF'
import sys
first, last, echo = map(int, sys.argv[1:])
rtp = gateway_drops = echo_drops = 0
with open("/proc/net/udp") as f:
    next(f)
    for line in f:
        cols = line.split()
        addr, port = cols[1].split(":")
        port, drops = int(port, 16), int(cols[12])
        if addr == "0100007F" and first <= port <= last and port % 2 == 0:
            rtp += 1
            gateway_drops += drops
        elif port == echo and addr.endswith("007F"):
            echo_drops += drops
print(rtp // 2, gateway_drops, echo_drops)
EOF
}
# A packet counter per direction: tcpdump with a BPF filter for RTP (version 2, not an RTCP type), writing nothing.
RTP_FILTER='udp and (udp[8] & 0xc0) = 0x80 and (udp[9] & 0x7f) < 72'
declare -A DIRECTIONS=(
  [callers_to_gateway]="src host $CALLER_IP and dst host 127.0.0.1"
  [gateway_to_agents]="src host 127.0.0.1 and dst port $AGENT_MEDIA"
  [agents_to_gateway]="src port $AGENT_MEDIA and dst host 127.0.0.1"
  [gateway_to_callers]="src host 127.0.0.1 and dst host $CALLER_IP and dst port $CALLER_MEDIA"
)
captured() { sed -n 's/^\([0-9]*\) packets captured.*/\1/p' "$1"; }
kernel_dropped() { sed -n 's/^\([0-9]*\) packets dropped by kernel.*/\1/p' "$1"; }
col() { head -1 "$1" | tr ';' '\n' | grep -nx "$2" | cut -d: -f1; }
stat_of() { tail -1 "$1" | cut -d';' -f"$(col "$1" "$2")"; }
pct() { awk -v lost="$1" -v of="$2" 'BEGIN { if (of > 0) printf "%.3f", (lost) * 100 / of; else print "n/a" }'; }

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $AGENTS agents on $UAS_COUNT echoing sipp," \
  "$PLAYS plays of $(basename $PCAP) ($PCAP_PACKETS packets, ${PCAP_SECONDS} s) per call, record $RECORD, capture $CAPTURE"
rows=()
FORMAT='%-8s %-9s %-6s %-9s %-9s %-10s %-9s %-9s %-9s %-10s %-9s %-9s %-6s %-13s %s'
# shellcheck disable=SC2059
header=$(printf "$FORMAT" level calls up loss_c2a% loss_a2c% echo_loss% c2a_p99ms a2c_p99ms node_cpu% cpu%/call sipp_cpu% tcpdump% busy% sock_drops verdict)
[ "$RECORD" = 1 ] && header="$header wav_files wav_MB"
echo "$header"
best=0 best_gateway=0
runs=("${LEVELS[@]}")
[ "$WARMUP" -gt 0 ] && runs=(warmup "${LEVELS[@]}")
started=$(date +%s)
for run in "${runs[@]}"; do
  if [ "$run" = warmup ]; then n=$WARMUP plays=1; else n=$run plays=$PLAYS; fi
  rate=$(((n + FILL_SECONDS - 1) / FILL_SECONDS))
  talk_ms=$((plays * PLAY_MS + 1000))
  limit=$((n / rate + talk_ms / 1000 + 40))
  if [ $(($(date +%s) - started + limit + 30)) -gt "$TIME_LIMIT" ]; then echo "level $run skipped: it would pass TIME_LIMIT ($TIME_LIMIT s)"; break; fi
  dir="$OUT/level-$run"; mkdir -p "$dir"
  log_from=$(($(wc -l <"$OUT/node.log") + 1))
  wav_before=$(find "$OUT/recordings" -name '*.wav' 2>/dev/null | wc -l)
  wav_bytes_before=$(find "$OUT/recordings" -name '*.wav' -printf '%s\n' 2>/dev/null | awk '{ s += $1 } END { print s + 0 }')

  uas=() caps=()
  for j in $(seq 0 $((UAS_COUNT - 1))); do
    (cd "$dir" && exec timeout $((limit + 30)) sipp -sf "$SCENARIO_DIR/agent_answer.xml" -s bench -nostdin \
        -i "$(uas_ip "$j")" -p $PORT -mp $AGENT_MEDIA -rtp_echo -buff_size 8388608 -m "$n" -timeout ${limit}s \
        -trace_err -error_file "uas-$j-errors.log" >"uas-$j.txt" 2>&1) &
    uas+=($!) children+=($!)
  done
  if [ "$CAPTURE" = 1 ]; then
    for d in "${!DIRECTIONS[@]}"; do
      timeout $((limit + 60)) tcpdump -i lo -n -s 64 -B 32768 -w /dev/null "$RTP_FILTER and ${DIRECTIONS[$d]}" >"$dir/$d.txt" 2>&1 &
      caps+=($!) children+=($!)
    done
  fi
  sleep 1.5
  t0=$(now)
  (cd "$dir" && exec timeout $((limit + 30)) sipp -sf "$SCENARIO_DIR/media-caller.xml" -s 100 -set plays "$plays" -d $PLAY_MS \
      -r "$rate" -m "$n" -l "$n" -nostdin -i $CALLER_IP -p $PORT -mp $CALLER_MEDIA -buff_size 8388608 -timeout ${limit}s \
      -timeout_error -trace_stat -stf stat.csv -fd 1 -trace_err -error_file caller-errors.log 127.0.0.1:"$SIP_PORT" >caller.txt 2>&1) &
  caller=$! children+=($!)
  # The steady state: from a few seconds after the last call was placed to just before the first one ends; CPU is
  # sampled over it, less its last DELAY_SECONDS + 1 when the relay delay is captured then.
  window_start=$(awk -v t="$t0" -v f="$((n / rate))" 'BEGIN { printf "%.3f", t + f + 3 }')
  window_end=$(awk -v t="$t0" -v d="$((plays * PLAY_MS))" 'BEGIN { printf "%.3f", t + d / 1000 - 0.5 }')
  window=$(awk -v a="$window_start" -v b="$window_end" 'BEGIN { print (b - a >= 3) ? 1 : 0 }')
  delay=0 cpu_end=$window_end
  if [ "$CAPTURE" = 1 ] && [ "$DELAY_SECONDS" -gt 0 ] &&
      awk -v a="$window_start" -v b="$window_end" -v d="$DELAY_SECONDS" 'BEGIN { exit !(b - a - d - 1 >= 3) }'; then
    delay=1 cpu_end=$(awk -v b="$window_end" -v d="$DELAY_SECONDS" 'BEGIN { printf "%.3f", b - d - 1 }')
  fi
  up_start=- up_end=- node_cpu=n/a per_call=n/a sipp_cpu=n/a tcpdump_cpu=n/a busy=n/a gateway_drops=- echo_drops=-
  if [ "$window" = 1 ]; then
    sleep_until "$window_start"
    sipps=$(for p in "${uas[@]}" "$caller"; do pgrep -P "$p" || true; done | tr '\n' ' ')
    dumps=$(for p in "${caps[@]}"; do pgrep -P "$p" || echo "$p"; done | tr '\n' ' ')
    read -r up_start _ _ <<<"$(sockets)"
    # shellcheck disable=SC2086
    n0=$(proc_ticks "$node_pid") s0=$(proc_ticks $sipps) d0=$(proc_ticks $dumps) a0=$(now)
    read -r m_busy0 m_total0 <<<"$(machine_ticks)"
    if [ "$PROFILE" = "$run" ]; then
      timeout 60 ~/.dotnet/tools/dotnet-trace collect -p "$node_pid" --profile dotnet-sampled-thread-time --format Speedscope \
        --duration 00:00:00:15 -o "$dir/node.nettrace" >"$dir/trace.txt" 2>&1 &
      trace=$! children+=($!)
    fi
    sleep_until "$cpu_end"
    # shellcheck disable=SC2086
    n1=$(proc_ticks "$node_pid") s1=$(proc_ticks $sipps) d1=$(proc_ticks $dumps) a1=$(now)
    read -r m_busy1 m_total1 <<<"$(machine_ticks)"
    read -r up_end _ _ <<<"$(sockets)"
    if [ "$delay" = 1 ]; then
      sleep 1
      timeout -s INT "$DELAY_SECONDS" tcpdump -i lo -n -s 64 -B 65536 -w "$dir/delay.pcap" "$RTP_FILTER" >"$dir/delay.txt" 2>&1 || true
    fi
    sleep_until "$window_end"
    read -r _ gateway_drops echo_drops <<<"$(sockets)"
    secs=$(awk -v a="$a0" -v b="$a1" 'BEGIN { print b - a }')
    node_cpu=$(awk -v d=$((n1 - n0)) -v t="$ticks" -v s="$secs" 'BEGIN { printf "%.1f", d * 100 / t / s }')
    per_call=$(awk -v c="$node_cpu" -v n="$up_end" 'BEGIN { if (n > 0) printf "%.3f", c / n; else print "n/a" }')
    sipp_cpu=$(awk -v d=$((s1 - s0)) -v t="$ticks" -v s="$secs" 'BEGIN { printf "%.1f", d * 100 / t / s }')
    tcpdump_cpu=$(awk -v d=$((d1 - d0)) -v t="$ticks" -v s="$secs" 'BEGIN { printf "%.1f", d * 100 / t / s }')
    busy=$(awk -v b=$((m_busy1 - m_busy0)) -v t=$((m_total1 - m_total0)) 'BEGIN { if (t > 0) printf "%.0f", b * 100 / t; else print "n/a" }')
  fi
  set +e
  wait "$caller"
  set -e
  sleep 2 # the last relayed packets and BYEs
  [ "$RECORD" = 1 ] && sleep 3 # recordings are closed as their calls end
  for p in "${caps[@]}"; do kill -INT "$(pgrep -P "$p" || echo "$p")" 2>/dev/null || true; done
  for p in "${caps[@]}"; do wait "$p" 2>/dev/null || true; done
  for p in "${uas[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  [ -n "${trace:-}" ] && { wait "$trace" || true; trace=""; } # dotnet-trace writes its files after the duration
  children=()

  ok=$(stat_of "$dir/stat.csv" 'SuccessfulCall(C)' 2>/dev/null || echo 0) failed=$(stat_of "$dir/stat.csv" 'FailedCall(C)' 2>/dev/null || echo "?")
  # The node's own counts: its per-call line as each call ended.
  read -r node_calls node_c2a node_a2c <<<"$(tail -n +"$log_from" "$OUT/node.log" |
    sed -n 's/.* media: caller->agent \([0-9]*\) packets, agent->caller \([0-9]*\) packets.*/\1 \2/p' |
    awk '{ n++; a += $1; b += $2 } END { print n + 0, a + 0, b + 0 }')"
  expected=$((n * plays * PCAP_PACKETS))
  if [ "$CAPTURE" = 1 ]; then
    c2g=$(captured "$dir/callers_to_gateway.txt") g2a=$(captured "$dir/gateway_to_agents.txt")
    a2g=$(captured "$dir/agents_to_gateway.txt") g2c=$(captured "$dir/gateway_to_callers.txt")
    cap_drops=0
    for d in "${!DIRECTIONS[@]}"; do cap_drops=$((cap_drops + $(kernel_dropped "$dir/$d.txt"))); done
    loss_c2a=$(pct $((c2g - g2a)) "$c2g") echo_loss=$(pct $((g2a - a2g)) "$g2a") loss_a2c=$(pct $((a2g - g2c)) "$a2g")
    detail="wire: callers sent $c2g of $expected expected, gateway relayed $g2a to agents, echoes returned $a2g,"
    detail="$detail gateway relayed $g2c to callers (tcpdump kernel drops $cap_drops); node's log: $node_calls calls, caller->agent $node_c2a, agent->caller $node_a2c"
  else
    # Without the wire: what the node relayed against what the callers were to send, and against the echoes.
    loss_c2a=$(pct $((expected - node_c2a)) "$expected") echo_loss=n/a loss_a2c=$(pct $((node_c2a - node_a2c)) "$node_c2a")
    detail="node's log: $node_calls calls, caller->agent $node_c2a of $expected sent, agent->caller $node_a2c (includes the echo's loss)"
  fi
  detail="$detail; calls up at the CPU window's start/end $up_start/$up_end; UDP receive drops: gateway sockets $gateway_drops, echo sockets $echo_drops"
  c2a_p99=n/a a2c_p99=n/a
  if [ -s "$dir/delay.pcap" ]; then
    delays=$(python3 bench/media-relay-delay.py "$dir/delay.pcap" "$OUT/node.log")
    c2a_p99=$(sed -n 's/.* c2a_p99_ms=\([^ ]*\).*/\1/p' <<<"$delays") a2c_p99=$(sed -n 's/.* a2c_p99_ms=\([^ ]*\).*/\1/p' <<<"$delays")
    detail="$detail; relay delay over ${DELAY_SECONDS} s (tcpdump $(kernel_dropped "$dir/delay.txt") kernel drops): $delays"
  fi
  # clean: every call up, the gateway lost under 0.1% each way and so did the echo (else the agent->caller way was
  # tested with less than the full load: "gateway-clean").
  verdict=$(awk -v a="$loss_c2a" -v b="$loss_a2c" -v e="$echo_loss" -v ok="$ok" -v n="$n" 'BEGIN {
    if (a == "n/a" || b == "n/a" || ok < n) print "FAIL"
    else if (a + 0 >= 0.1 || b + 0 >= 0.1) print "LOSSY"
    else if (e != "n/a" && e + 0 >= 0.1) print "gateway-clean"
    else print "clean" }')
  # shellcheck disable=SC2059
  row=$(printf "$FORMAT" "$run" "$ok/$n" "$up_end" "$loss_c2a" "$loss_a2c" "$echo_loss" "$c2a_p99" "$a2c_p99" \
    "$node_cpu" "$per_call" "$sipp_cpu" "$tcpdump_cpu" "$busy" "$gateway_drops/$echo_drops" "$verdict")
  if [ "$RECORD" = 1 ]; then
    wav_after=$(find "$OUT/recordings" -name '*.wav' | wc -l)
    wav_bytes=$(find "$OUT/recordings" -name '*.wav' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
    row="$row $((wav_after - wav_before)) $(awk -v b=$((wav_bytes - wav_bytes_before)) 'BEGIN { printf "%.1f", b / 1048576 }')"
  fi
  echo "$row"
  echo "   $detail"
  if [ "$failed" != 0 ]; then
    echo "   caller sipp: $failed failed calls; first error: $(grep -m1 -v '^$' "$dir/caller-errors.log" 2>/dev/null || echo none logged)"
  fi
  if [ "$PROFILE" = "$run" ] && [ -s "$dir/node.speedscope.json" ]; then
    echo "   node profile (dotnet-sampled-thread-time, 15 s, CPU above includes the tracing):"
    python3 bench/speedscope-top.py "$dir/node.speedscope.json" | sed 's/^/   /'
  fi
  [ "$run" = warmup ] || rows+=("$row")
  if ! kill -0 "$node_pid" 2>/dev/null; then
    code=0; wait "$node_pid" || code=$?
    node_pid=""
    echo "   the node exited (code $code) during this level; the end of its output (work directory kept):"
    grep -v -E '^ *\[INFO\]|^info: |^      (Request|Executing|Executed)' "$OUT/node.log" | tail -30 | sed 's/^/   | /'
    KEEP=1
    break
  fi
  read -r stuck _ <<<"$(not_ready_count)"
  if [ "$stuck" != 0 ]; then
    echo "   $stuck agents not ready after the level: set ready again"
    all_ready
  fi
  if [ "$run" != warmup ]; then
    [ "$verdict" = clean ] && [ "$n" -gt "$best" ] && best=$n
    [ "$verdict" != FAIL ] && [ "$verdict" != LOSSY ] && [ "$n" -gt "$best_gateway" ] && best_gateway=$n
    if awk -v a="$loss_c2a" -v b="$loss_a2c" -v ok="$ok" -v n="$n" -v s="$STOP_LOSS" \
        'BEGIN { exit !(a == "n/a" || b == "n/a" || a + 0 >= s || b + 0 >= s || (n - ok) * 100 / n >= s) }'; then
      echo "   loss or failures at or above ${STOP_LOSS}%: the higher levels are not run"
      break
    fi
  fi
done

echo
echo "summary ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at end; loss_c2a / loss_a2c: lost in the gateway caller->agent /"
echo "agent->caller, echo_loss: lost by the echoing sipp; p99ms: the relay's delay through the gateway; cpu: % of one core in"
echo "the steady state; sock_drops: UDP receive-buffer drops on the gateway's / the echoes' sockets):"
echo "$header"
for row in "${rows[@]}"; do echo "$row"; done
echo "highest clean level (every call up, under 0.1% lost each way, echo included): $best"
echo "highest level the gateway relayed with under 0.1% lost each way (the echo may have lost more): $best_gateway"
