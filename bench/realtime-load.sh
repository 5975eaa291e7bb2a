#!/usr/bin/env bash
# Connected-agents benchmark of the SignalR hub (/hubs/agents). For each level N: starts the node in Release on
# free ports with a fresh data directory and a definition of N agents (ids 5000..), then runs bench/Realtime, which
#   1. sets every agent not-ready over HTTP (their entities running), samples node RSS and GC heap;
#   2. opens N WebSocket connections, each watching its own agent (WatchAgent), samples again after 5 s:
#      memory per connected agent = (after - before) / connected;
#   3. toggles random agents ready / not-ready over HTTP at RATE changes/s for DURATION seconds (one change in flight per
#      agent) and times each from the request being sent to the push reaching that agent's connection;
#      a push missing after 5 s counts as lost.
# Client and node share the machine's cores: node and client CPU % are both printed (100 % = one core).
# Usage: bench/realtime-load.sh [N ...]      (default: 1000 2500 5000)
# Environment: RATE (default 150), DURATION in seconds (default 30), KEEP=1 to keep the work directory.
# Bounded: each level has a timeout; the node is killed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
LEVELS=("$@")
[ ${#LEVELS[@]} -eq 0 ] && LEVELS=(1000 2500 5000)
RATE=${RATE:-150} DURATION=${DURATION:-30}
OUT=$(mktemp -d)
node_pid=""
stop_node() { [ -n "$node_pid" ] && kill "$node_pid" 2>/dev/null && wait "$node_pid" 2>/dev/null; node_pid=""; }
cleanup() {
  stop_node || true
  if [ -n "${KEEP:-}" ]; then echo "work directory kept: $OUT"; else rm -rf "$OUT"; fi
}
trap cleanup EXIT
ulimit -n "$(ulimit -Hn)" # a socket per connection on each side
export PATH="$PATH:$HOME/.dotnet/tools" # dotnet-counters, for the GC heap (optional)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

dotnet build -c Release src/Cluster.Node -v q -nologo >/dev/null
dotnet build -c Release bench/Realtime -v q -nologo >/dev/null
NODE=src/Cluster.Node/bin/Release/net10.0/CallCenter.Node
CLIENT=bench/Realtime/bin/Release/net10.0/CallCenter.Bench.Realtime

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $RATE changes/s for ${DURATION} s per level"
for n in "${LEVELS[@]}"; do
  dir="$OUT/level-$n"; mkdir -p "$dir"
  {
    echo "notReadyReasons: [break]"
    echo "queues: [{name: bench, strategy: longest-idle, ringTimeoutSeconds: 10, wrapUpSeconds: 0}]"
    echo "agents:"
    for i in $(seq 0 $((n - 1))); do
      echo "  - {id: \"$((5000 + i))\", name: Bench $i, site: bench, queues: [bench]}"
    done
  } >"$dir/bench.yaml"
  HTTP_PORT=$(free_port)
  API=http://127.0.0.1:$HTTP_PORT
  API_KEY=${CALLCENTER_API_KEY:-bench-key-$RANDOM$RANDOM$RANDOM-0123456789} # the node accepts it as an admin (CallCenter__Api__Key)
  CallCenter__Api__Key="$API_KEY" "$NODE" --CallCenter:Http:Url=$API --CallCenter:Cluster:Port=0 --CallCenter:Sip:Port=0 \
    --CallCenter:Persistence:DataDirectory="$dir/data" --CallCenter:Definition:Path="$dir/bench.yaml" \
    --Logging:LogLevel:Default=Warning >"$dir/node.log" 2>&1 &
  node_pid=$!
  for _ in $(seq 300); do curl -sf "$API/health/ready" >/dev/null && break; sleep 0.3; done
  curl -sf "$API/health/ready" >/dev/null || { echo "node not ready; its output:"; tail -50 "$dir/node.log"; exit 1; }
  set +e
  timeout $((DURATION + 240)) "$CLIENT" --url "$API" --api-key "$API_KEY" --agents "$n" --rate "$RATE" --seconds "$DURATION" --node-pid "$node_pid" \
    2>"$dir/client.err" | tee "$dir/result.txt"
  set -e
  [ -s "$dir/client.err" ] && head -5 "$dir/client.err"
  stop_node
done
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at end"
