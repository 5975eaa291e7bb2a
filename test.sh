#!/usr/bin/env bash
# Installs what the tests need when it is missing, starts it on loopback, runs every test, stops it.
# Safe to run twice in a row and on a fresh machine (CI runs it as root with no stdin).
set -euo pipefail
cd "$(dirname "$0")"

PG_VERSION=15
PG_ROLE=callcenter
PG_PASSWORD=callcenter
PG_DATABASE=callcenter_test
started_postgres=false

log() { echo "test.sh: $*"; }

# apt-get update once, and only when a tool is missing; only the packages of the missing tools are installed (a
# machine whose node and npm come from elsewhere, NodeSource say, must not be handed Debian's npm, which conflicts).
install_missing_tools() {
  local -A package_of=([pg_ctlcluster]=postgresql [sipp]=sip-tester [chromium]=chromium [baresip]=baresip-core
    [prometheus]=prometheus [sox]=sox [npm]=npm)
  local missing=()
  for command in "${!package_of[@]}"; do
    command -v "$command" >/dev/null 2>&1 || missing+=("${package_of[$command]}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing test tools: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=300 update -q
  apt-get -o DPkg::Lock::Timeout=300 install -y -q "${missing[@]}" </dev/null
}

cluster_field() { # column N of `pg_lsclusters` for PG_VERSION/main (3: port, 4: status)
  pg_lsclusters -h | awk -v v="$PG_VERSION" -v f="$1" '$1 == v && $2 == "main" { print $f }'
}

as_postgres() { (cd / && runuser -u postgres -- "$@"); }

start_postgres() {
  [ -n "$(cluster_field 2)" ] || pg_createcluster "$PG_VERSION" main
  if [[ "$(cluster_field 4)" != online* ]]; then
    log "starting PostgreSQL $PG_VERSION"
    pg_ctlcluster "$PG_VERSION" main start
    started_postgres=true
  fi
  local port; port="$(cluster_field 3)"
  for _ in $(seq 1 60); do pg_isready -q -h 127.0.0.1 -p "$port" && break; sleep 0.5; done
  pg_isready -h 127.0.0.1 -p "$port"

  as_postgres psql -q -p "$port" -v ON_ERROR_STOP=1 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_ROLE') THEN
    CREATE ROLE $PG_ROLE LOGIN PASSWORD '$PG_PASSWORD';
  END IF;
END \$\$;
SQL
  if ! as_postgres psql -p "$port" -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'" | grep -q 1; then
    as_postgres createdb -p "$port" -O "$PG_ROLE" "$PG_DATABASE"
  fi
  export CALLCENTER_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=$PG_ROLE;Password=$PG_PASSWORD;Database=$PG_DATABASE"
}

stop_what_we_started() {
  if $started_postgres; then
    log "stopping PostgreSQL $PG_VERSION"
    pg_ctlcluster "$PG_VERSION" main stop || true
  fi
}
trap stop_what_we_started EXIT

# The web client's npm packages (the SignalR browser client): npm ci when node_modules is missing or the lock
# file changed since the last install (a copy of it is kept in node_modules).
install_web_client_packages() {
  local web=src/Cluster.Node
  if [ ! -d "$web/node_modules" ] || ! cmp -s "$web/package-lock.json" "$web/node_modules/.installed-package-lock.json"; then
    log "npm ci in $web"
    (cd "$web" && npm ci --no-audit --no-fund && cp package-lock.json node_modules/.installed-package-lock.json)
  fi
}

install_missing_tools
install_web_client_packages
start_postgres

results="$(mktemp)"
set +e
dotnet test CallCenter.sln -c Release 2>&1 </dev/null | tee "$results"
code=${PIPESTATUS[0]}
set -e

# One closing line over every test project: "tests: N passed, N failed, N skipped".
awk '/(Passed|Failed)!  - Failed:/ {
       for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$results"
rm -f "$results"
exit "$code"
