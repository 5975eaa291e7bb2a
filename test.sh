#!/usr/bin/env bash
# Installs what the tests need when it is missing, starts it on loopback, runs every test, stops it.
set -euo pipefail
cd "$(dirname "$0")"
# Gateway.Tests replays the RFC 2833 DTMF captures Debian's sip-tester ships.
if [ ! -e /usr/share/sip-tester/dtmf_2833_0.pcap ] && command -v apt-get >/dev/null; then
  apt-get update -qq && apt-get install -y -qq sip-tester
fi
dotnet test CallCenter.sln -c Release
