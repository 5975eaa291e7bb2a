#!/usr/bin/env bash
# Checks the gateway scenarios' SIP flows without the node: each agent scenario against the caller
# scenario (or gateway stand-in) that mirrors it, sipp against sipp on loopback. Where a caller talks
# to an agent directly, the caller's copy gets the X-CallCenter-Call header the gateway would add and
# sends its media from 127.0.0.1 (the agent scenarios insist on both). Prints one line per pair and
# exits non-zero if any pair fails; the logs of a failed pair are printed.
# Usage: tests/Integration.Tests/Gateway/Scenarios/validate-without-node.sh
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
n=0

# with_gateway_header FILE: a copy of a caller scenario that also sends X-CallCenter-Call.
with_gateway_header() {
  sed 's/^      CSeq: 1 INVITE$/      CSeq: 1 INVITE\n      X-CallCenter-Call: standin-[call_number]/' "$1" >"$work/$(basename "$1" .xml)_gw.xml"
  echo "$work/$(basename "$1" .xml)_gw.xml"
}

# pair NAME AGENT_SCENARIO CALLER_SCENARIO [extra agent args] -- [extra caller args]
pair() {
  local name=$1 agent=$2 caller=$3; shift 3
  local agent_args=() caller_args=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do agent_args+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  caller_args=("$@")
  n=$((n + 1))
  local ip_a=127.0.0.$((150 + n)) ip_c=127.0.0.$((200 + n)) dir="$work/$name"
  mkdir -p "$dir"
  (cd "$dir" && timeout 60 sipp -sf "$agent" -s 3001 -m 1 -nostdin -i "$ip_a" -p 5070 -mp 16000 -rtp_echo \
      -timeout 40s -timeout_error -trace_err -trace_msg -message_file agent_msg.log -trace_logs -log_file agent.log \
      "${agent_args[@]}" >agent.out 2>&1; echo $? >agent.rc) &
  local agent_pid=$!
  sleep 0.5
  (cd "$dir" && timeout 60 sipp -sf "$caller" -s 3001 -m 1 -nostdin -i "$ip_c" -p 5070 -mi 127.0.0.1 -mp $((17000 + 2 * n)) \
      -timeout 40s -timeout_error -trace_err -trace_msg -message_file caller_msg.log -trace_logs -log_file caller.log \
      "${caller_args[@]}" "$ip_a:5070" >caller.out 2>&1; echo $? >caller.rc)
  wait $agent_pid
  local ra rc; ra=$(cat "$dir/agent.rc") rc=$(cat "$dir/caller.rc")
  if [ "$ra" = 0 ] && [ "$rc" = 0 ]; then
    printf 'ok    %-28s (%s vs %s)\n' "$name" "$(basename "$agent")" "$(basename "$caller")"
  else
    failed=1
    printf 'FAIL  %-28s agent exit %s, caller exit %s\n' "$name" "$ra" "$rc"
    for f in "$dir"/*errors.log "$dir"/agent.log "$dir"/caller.log "$dir"/agent_msg.log "$dir"/caller_msg.log; do
      [ -f "$f" ] && { echo "---- $f"; cat "$f"; }
    done
  fi
  [ -n "${KEEP:-}" ] && cp -r "$dir" "$KEEP/"
}

pair answer_caller_bye "$here/agent_answer.xml" "$(with_gateway_header "$here/caller_bye.xml")" -- -d 2000
pair agent_bye "$here/agent_bye.xml" "$(with_gateway_header "$here/caller_wait_bye.xml")" -d 1500
pair hold_resume "$here/agent_hold.xml" "$(with_gateway_header "$here/caller_hold.xml")" -d 700
pair cancel_while_ringing "$here/agent_no_answer.xml" "$(with_gateway_header "$here/caller_cancel.xml")" -- -d 1000
pair transfer_caller "$here/agent_answer.xml" "$(with_gateway_header "$here/caller_transfer.xml")" -- -d 1000
pair busy "$here/agent_busy.xml" "$here/standins/gateway_offer_refused.xml"
pair refer "$here/agent_refer.xml" "$here/standins/gateway_accepts_refer.xml" -d 500 -key refer_to b@127.0.0.1:5060
exit $failed
