# Sourced by bench/gateway-load.sh and bench/media-load.sh: the bench definition (agents 5000.. in one queue
# "bench", no wrap-up, phone passwords pw-<id>), the node started on free loopback ports with the API key, the
# agents' phones registered by sipp, and the agents' readiness over the API.
# Expects AGENTS, OUT and SCENARIOS; sets HTTP_PORT, SIP_PORT, API, API_KEY and (start_bench_node) node_pid.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
HTTP_PORT=$(free_port) SIP_PORT=$(free_port)
API=http://127.0.0.1:$HTTP_PORT
API_KEY=${CALLCENTER_API_KEY:-bench-key-$RANDOM$RANDOM$RANDOM-0123456789} # the node accepts it as an admin (CallCenter__Api__Key)

# write_bench_definition [EXTRA_QUEUE_FIELDS]: $OUT/bench.yaml; the extra fields start with ", ".
write_bench_definition() {
  {
    echo "trunks: [{name: bench, addresses: [127.0.0.0/8]}]"
    echo "entryPoints: [{number: \"100\", queue: bench}]"
    echo "queues: [{name: bench, strategy: longest-idle, ringTimeoutSeconds: 10, wrapUpSeconds: 0, autoReadyAfterWrapUp: true${1:-}}]"
    echo "agents:"
    for i in $(seq 0 $((AGENTS - 1))); do
      echo "  - {id: \"$((5000 + i))\", name: Bench $i, password: \"pw-$((5000 + i))\", site: bench, queues: [bench]}"
    done
  } >"$OUT/bench.yaml"
}

# start_bench_node [NODE_OPTION ...]: builds and starts the node in Release on $OUT/bench.yaml (log in
# $OUT/node.log) and waits until it is ready; exits the script with the node's output when it is not.
start_bench_node() {
  dotnet build -c Release src/Cluster.Node -v q -nologo >/dev/null
  local node=src/Cluster.Node/bin/Release/net10.0/CallCenter.Node
  CallCenter__Api__Key="$API_KEY" "$node" --CallCenter:Http:Url=$API --CallCenter:Cluster:Port=0 --CallCenter:Sip:Port="$SIP_PORT" \
    --CallCenter:Persistence:DataDirectory="$OUT/data" --CallCenter:Definition:Path="$OUT/bench.yaml" \
    --CallCenter:Sip:DigestAlgorithms=MD5 "$@" >"$OUT/node.log" 2>&1 &
  node_pid=$!
  for _ in $(seq 300); do curl -sf "$API/health/ready" >/dev/null && break; kill -0 "$node_pid" 2>/dev/null || break; sleep 0.3; done
  curl -sf "$API/health/ready" >/dev/null || { echo "node not ready; its output:"; tail -50 "$OUT/node.log"; exit 1; }
}

# register_bench_agents SCENARIO_OF FIRST_PORT: registers every agent's phone with sipp from $REGISTER_IP, agent i
# with the scenario file `SCENARIO_OF i` prints, from port FIRST_PORT + i % 20; 20 at a time (waiting for those
# sipp, not the node). Exits the script, with one sipp's output, when any registration failed.
register_bench_agents() {
  local scenario_of=$1 first_port=$2 batch=() i agent
  for i in $(seq 0 $((AGENTS - 1))); do
    agent=$((5000 + i))
    sipp -sf "$("$scenario_of" "$i")" -m 1 -s "$agent" -au "$agent" -ap "pw-$agent" -nostdin -i "$REGISTER_IP" -p $((first_port + i % 20)) \
      -timeout 15s -timeout_error 127.0.0.1:"$SIP_PORT" >"$OUT/register-$agent.txt" 2>&1 || echo "$agent" >>"$OUT/register-failed" &
    batch+=($!)
    if [ ${#batch[@]} -eq 20 ] || [ "$i" -eq $((AGENTS - 1)) ]; then wait "${batch[@]}"; batch=(); fi
  done
  if [ -s "$OUT/register-failed" ]; then
    echo "registration failed for $(wc -l <"$OUT/register-failed") agents, e.g. $(head -1 "$OUT/register-failed"):"
    tail -20 "$OUT/register-$(head -1 "$OUT/register-failed").txt"; exit 1
  fi
}

agents_json() { curl -sf -H "X-Api-Key: $API_KEY" "$API/api/agents"; }

# not_ready_count: bench agents whose status is not ready (and how many lack a phone), from GET /api/agents.
not_ready_count() {
  agents_json | python3 -c 'import json,sys
a=[x for x in json.load(sys.stdin) if x.get("site")=="bench"]
print(sum(1 for x in a if x["status"]!="ready"), sum(1 for x in a if not x.get("phone")))'
}

# all_ready: asks every bench agent to be ready (an agent on a call refuses; that is fine).
all_ready() {
  for i in $(seq 0 $((AGENTS - 1))); do
    curl -sf -XPOST -H "X-Api-Key: $API_KEY" "$API/api/agents/$((5000 + i))/state" -H 'content-type: application/json' -d '{"state":"ready"}' >/dev/null || true
  done
}
