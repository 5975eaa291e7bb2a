#!/usr/bin/env bash
# Load test of the CallCenter SIP stack as a UAS: sipp's built-in uac scenario (INVITE, 200, ACK, BYE, 200) against
# bench/SipUas on loopback, at rising call rates. Prints, per rate: calls, failed calls, retransmissions and the UAS's
# CPU time per call; then the highest clean rate: every call successful for sipp AND every BYE seen by the UAS.
# (sipp alone is not enough: its uac scenario takes any 200 after BYE as the BYE's answer, so when an overloaded UAS
# loses a BYE in a full socket buffer, a retransmitted 200 to the INVITE makes sipp count the call successful.)
# Usage: bench/sip-load.sh [seconds-per-step] [rate ...]     (default: 10 s; 500 1000 2000 3000 4000 5000 6000 8000)
# Every step is bounded: sipp gets -m rate*seconds calls and -timeout; the UAS gets a lifetime and SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/.."
STEP=${1:-10}
shift || true
RATES=("$@")
[ ${#RATES[@]} -eq 0 ] && RATES=(500 1000 2000 3000 4000 5000 6000 8000)
UAS_IP=127.0.0.71 UAS_PORT=5070 SIPP_IP=127.0.0.72 SIPP_PORT=5072
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

command -v sipp >/dev/null || { echo "sipp missing: apt-get install -y sip-tester" >&2; exit 1; }
dotnet build -c Release bench/SipUas -v q -nologo >/dev/null
UAS=bench/SipUas/bin/Release/net10.0/CallCenter.Bench.SipUas

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
printf '%-6s %-8s %-7s %-8s %-8s %-14s %s\n' rate calls failed retrans cpu_ms cpu_us/call uas
best=0
for rate in "${RATES[@]}"; do
  calls=$((rate * STEP))
  ${UAS_ENV:-} "$UAS" $UAS_IP $UAS_PORT $((STEP + 60)) >"$OUT/uas.txt" 2>&1 &
  uas_pid=$!
  for _ in $(seq 50); do grep -q listening "$OUT/uas.txt" 2>/dev/null && break; sleep 0.1; done
  rm -f "$OUT"/stat.csv
  set +e
  timeout $((STEP + 60)) sipp -sn uac -r "$rate" -m "$calls" -l $((rate * 4)) -nostdin -buff_size 8388608 \
    -trace_stat -stf "$OUT/stat.csv" -fd 1 -i $SIPP_IP -p $SIPP_PORT $UAS_IP:$UAS_PORT \
    -timeout $((STEP + 40))s -timeout_error >"$OUT/sipp.txt" 2>&1
  set -e
  sleep 2 # let the UAS finish what is still queued in its socket buffer
  kill -TERM $uas_pid 2>/dev/null || true
  wait $uas_pid 2>/dev/null || true
  last=$(tail -1 "$OUT/stat.csv")
  head=$(head -1 "$OUT/stat.csv")
  col() { echo "$head" | tr ';' '\n' | grep -nx "$1" | cut -d: -f1; }
  ok=$(echo "$last" | cut -d';' -f"$(col 'SuccessfulCall(C)')")
  failed=$(echo "$last" | cut -d';' -f"$(col 'FailedCall(C)')")
  retrans=$(echo "$last" | cut -d';' -f"$(col 'Retransmissions(C)')")
  uas=$(tail -1 "$OUT/uas.txt")
  cpu_ms=$(echo "$uas" | sed -n 's/.*cpu_ms=\([0-9]*\).*/\1/p')
  per=$(echo "$uas" | sed -n 's/.*cpu_us_per_call=\([0-9.]*\).*/\1/p')
  printf '%-6s %-8s %-7s %-8s %-8s %-14s %s\n' "$rate" "$ok" "$failed" "$retrans" "$cpu_ms" "$per" "$uas"
  ended=$(echo "$uas" | sed -n 's/.*ended=\([0-9]*\).*/\1/p')
  elapsed=$(echo "$last" | cut -d';' -f"$(col 'ElapsedTime(C)')")
  echo "       sipp elapsed $elapsed, UAS saw $ended BYEs of $calls calls"
  if [ "$failed" = 0 ] && [ "$ok" = "$calls" ] && [ "$ended" = "$calls" ]; then best=$rate; else break; fi
done
echo "highest clean rate: $best calls/s (load average $(cut -d' ' -f1-3 /proc/loadavg) at end)"
