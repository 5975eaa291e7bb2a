#!/usr/bin/env bash
# Installs what the tests need when it is missing, starts it on loopback, runs every test, stops it.
set -euo pipefail
cd "$(dirname "$0")"

# SIP interop specs run real peers on loopback: sipp (Debian sip-tester) and baresip. They fail, not skip, without them.
missing=()
command -v sipp >/dev/null || missing+=(sip-tester)
command -v baresip >/dev/null || missing+=(baresip-core)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq "${missing[@]}"
fi

dotnet test CallCenter.sln -c Release
