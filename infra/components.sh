# The pieces of real infrastructure, each: fetch (once, cached), start (idempotent), stop.
# Sourced by infra/probity after lib.sh.

# ---------- Temporal server + Web UI (Temporal CLI `server start-dev`, SQLite) ----------
TEMPORAL_BIN="$CACHE_DIR/temporal-cli-$TEMPORAL_CLI_VERSION/temporal"

fetch_temporal() {
  [ -x "$TEMPORAL_BIN" ] && return 0
  need_cmd go "the Temporal CLI is built from the Go module proxy"
  say "building Temporal CLI $TEMPORAL_CLI_VERSION from the Go module proxy (first run only, ~3 min)"
  mkdir -p "$(dirname "$TEMPORAL_BIN")"
  CGO_ENABLED=0 GOBIN="$(dirname "$TEMPORAL_BIN")" go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION" \
    >"$LOG_DIR/temporal-build.log" 2>&1 || { tail -n 20 "$LOG_DIR/temporal-build.log" >&2; fail "Temporal CLI build failed. Full log: $LOG_DIR/temporal-build.log"; }
}

start_temporal() {
  if port_open "$TEMPORAL_PORT"; then say "temporal already running on :$TEMPORAL_PORT (reused)"; return 0; fi
  fetch_temporal
  mkdir -p "$DATA_DIR/temporal"
  # The SQLite file under .data keeps open workflows (and their timers) across restarts. The
  # namespaces and their search attributes are made sure of by ensure_temporal_namespaces.
  # Write-ahead logging: readers no longer wait for the writer (about 2x on starts and timers on
  # 2 cores). synchronous=normal syncs at checkpoints rather than at every commit: a power cut can
  # lose the last moments of a development server, never corrupt it; a crash of the server alone
  # loses nothing. Production runs Temporal on its own database, not this file.
  start_bg temporal "$TEMPORAL_BIN" server start-dev \
    --ip 127.0.0.1 --port "$TEMPORAL_PORT" --ui-port "$TEMPORAL_UI_PORT" \
    --db-filename "$DATA_DIR/temporal/temporal.db" \
    --sqlite-pragma journal_mode=wal --sqlite-pragma synchronous=normal \
    --namespace "$TEMPORAL_NAMESPACE" --namespace "$TEMPORAL_TEST_NAMESPACE" \
    --ui-codec-endpoint "http://127.0.0.1:$WORKER_PORT/codec" \
    --log-format json --log-level warn
  wait_for temporal "$TEMPORAL_PORT" 60
  wait_for temporal "$TEMPORAL_UI_PORT" 30
  say "temporal up: gRPC 127.0.0.1:$TEMPORAL_PORT, UI http://127.0.0.1:$TEMPORAL_UI_PORT"
}

# Both namespaces with every search attribute (shared/src/temporal/search-attributes.ts), also on a
# server an older run started.
ensure_temporal_namespaces() {
  TEMPORAL_ADDRESS="127.0.0.1:$TEMPORAL_PORT" "$ROOT/node_modules/.bin/tsx" "$ROOT/infra/temporal-namespaces.ts" \
    "$TEMPORAL_NAMESPACE" "$TEMPORAL_TEST_NAMESPACE" || fail "preparing the Temporal namespaces failed"
}

# ---------- Java test server (time skipping for workflow tests) ----------
TEST_SERVER_DIR="$CACHE_DIR/jvm/temporal-test-server"

fetch_jars() { # fetch_jars NAME: copy a pom's runtime classpath into the cache once
  local name=$1 dir="$CACHE_DIR/jvm/$1" pom="$ROOT/infra/jvm/$1/pom.xml" stamp
  stamp=$(sha256sum "$pom" | cut -c1-16)
  [ -f "$dir/.stamp-$stamp" ] && return 0
  need_cmd mvn "jars are fetched from Maven Central"
  say "fetching $name jars from Maven Central (first run only)"
  rm -rf "$dir" && mkdir -p "$dir"
  mvn -q -B -f "$pom" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$dir" \
    >"$LOG_DIR/$name-fetch.log" 2>&1 || { tail -n 20 "$LOG_DIR/$name-fetch.log" >&2; fail "fetching $name jars failed. Full log: $LOG_DIR/$name-fetch.log"; }
  touch "$dir/.stamp-$stamp"
}

# A launcher the Temporal SDK can spawn as `existing-path` (it passes the port as $1).
# A class-data-sharing archive keeps JVM start-up well inside the SDK's 5 s wait.
fetch_test_server() {
  fetch_jars temporal-test-server
  need_cmd java "the Temporal test server and Kafka run on the JVM"
  local launcher="$TEST_SERVER_DIR/launch" jsa="$TEST_SERVER_DIR/app.jsa"
  cat >"$launcher" <<EOF
#!/usr/bin/env bash
exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss1m -XX:SharedArchiveFile="$jsa" -Xshare:auto \\
  -cp "$TEST_SERVER_DIR/*" io.temporal.testserver.TestServer "\$@"
EOF
  chmod +x "$launcher"
  if [ ! -f "$jsa" ]; then
    say "creating class-data-sharing archive for the test server"
    local port=$((20000 + RANDOM % 20000)) pid i
    java -XX:ArchiveClassesAtExit="$jsa" -cp "$TEST_SERVER_DIR/*" io.temporal.testserver.TestServer "$port" \
      >"$LOG_DIR/test-server-cds.log" 2>&1 &
    pid=$!
    for ((i = 0; i < 150; i++)); do port_open "$port" && break; sleep 0.2; done
    sleep 1; kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  fi
  export TEMPORAL_TEST_SERVER_PATH="$launcher"
}

# ---------- Apache Kafka (KRaft, single node) ----------
KAFKA_DIR="$DATA_DIR/kafka"

start_kafka() {
  if port_open "$KAFKA_PORT"; then say "kafka already running on :$KAFKA_PORT (reused)"; return 0; fi
  fetch_jars kafka
  need_cmd java "Kafka runs on the JVM"
  mkdir -p "$KAFKA_DIR/logs"
  cat >"$KAFKA_DIR/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_DIR/logs
num.partitions=3
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
EOF
  local java_opts=(-Xms256m -Xmx768m -XX:+UseG1GC -Djava.awt.headless=true
    -Dlog4j.configuration="file:$ROOT/infra/kafka/log4j.properties" -cp "$CACHE_DIR/jvm/kafka/*")
  if [ ! -f "$KAFKA_DIR/logs/meta.properties" ]; then
    # A KRaft cluster id is 16 random bytes, base64url without padding. One that starts with "-"
    # would be read by the storage tool as an option (1 run in 64 failed so), so draw again.
    local cluster_id=-
    while [[ $cluster_id == -* ]]; do
      cluster_id=$(head -c16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
    done
    java "${java_opts[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_DIR/server.properties" \
      >"$LOG_DIR/kafka-format.log" 2>&1 || fail "formatting Kafka storage failed. Full log: $LOG_DIR/kafka-format.log"
  fi
  start_bg kafka java "${java_opts[@]}" kafka.Kafka "$KAFKA_DIR/server.properties"
  wait_for kafka "$KAFKA_PORT" 90
  say "kafka up: 127.0.0.1:$KAFKA_PORT"
}

# ---------- PostgreSQL (Debian packages) ----------
# Data, socket and log live together in PG_HOME. As root the server runs as the `postgres` user,
# which may not be able to reach a checkout (e.g. a clone under a private temp dir); then PG_HOME
# moves under /var/lib/postgresql, keyed by this checkout's data dir.
PG_HOME="$DATA_DIR/postgres"
if is_root && id postgres >/dev/null 2>&1 && ! runuser -u postgres -- test -x "$DATA_DIR" 2>/dev/null; then
  PG_HOME="/var/lib/postgresql/probity-$(echo "$DATA_DIR" | sha1sum | cut -c1-10)"
fi
PG_DATA="$PG_HOME/data"
PG_LOG="$PG_HOME/postgres.log"

pg_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$d" ] || fail "PostgreSQL server binaries not found under /usr/lib/postgresql"
  echo "$d"
}

# Postgres refuses to run as root: as root, run its tools as the postgres user.
as_pg() { if is_root; then runuser -u postgres -- "$@"; else "$@"; fi; }

# Personal data never in Postgres's own log: no bind parameters (with statements or with errors),
# and terse errors (a unique violation's DETAIL quotes the key's value, e.g. an email address).
# ALTER SYSTEM, then a reload, so a server that is reused gets them too.
PG_PRIVACY_SETTINGS=(log_parameter_max_length=0 log_parameter_max_length_on_error=0 log_error_verbosity=terse log_min_error_statement=panic)
pg_privacy() {
  local psql=("$(pg_bin)/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -qtA) kv
  for kv in "${PG_PRIVACY_SETTINGS[@]}"; do as_pg "${psql[@]}" -c "ALTER SYSTEM SET ${kv%%=*} = '${kv#*=}'" >/dev/null; done
  as_pg "${psql[@]}" -c "SELECT pg_reload_conf()" >/dev/null
}

start_postgres() {
  if port_open "$PGPORT"; then pg_privacy; say "postgres already running on :$PGPORT (reused)"; return 0; fi
  ensure_apt postgresql
  local bin
  bin=$(pg_bin)
  mkdir -p "$PG_DATA" "$PG_HOME/socket"
  is_root && chown -R postgres:postgres "$PG_HOME"
  if [ ! -s "$PG_DATA/PG_VERSION" ]; then
    as_pg "$bin/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$LOG_DIR/postgres-initdb.log" 2>&1 \
      || fail "initdb failed. Full log: $LOG_DIR/postgres-initdb.log"
  fi
  ln -sf "$PG_LOG" "$LOG_DIR/postgres.log"
  # fsync off: this is a local development/test database, and speed matters on 2 cores. A crash
  # of the server alone loses nothing with it (what was written is in the kernel's page cache);
  # only a crash of the machine could. Commits stay synchronous: with synchronous_commit=off a
  # 202 was answered for a complaint whose commit was still in PostgreSQL's own memory, and a
  # kill -9 of the server lost it (npm run chaos found it: bench/chaos).
  # After a kill -9 of the postmaster its backends linger until they notice (seconds on a loaded
  # machine), still attached to the old shared memory, and a new postmaster refuses to start
  # ("lock file postmaster.pid already exists"): wait for them rather than fail the operator.
  local attempt
  for attempt in 1 2 3 4 5 6; do
    as_pg "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 \
      -o "-p $PGPORT -c listen_addresses=127.0.0.1 -k $PG_HOME/socket -c fsync=off" start >/dev/null && break
    if [ "$attempt" -lt 6 ] && tail -n 5 "$PG_LOG" | grep -q 'lock file "postmaster.pid" already exists'; then
      say "postgres: the killed server's backends are still exiting; trying again in 5 s"; sleep 5; continue
    fi
    tail -n 20 "$PG_LOG" >&2; fail "postgres did not start. Full log: $PG_LOG"
  done
  # Role and databases for the app and for the tests; idempotent.
  local psql=("$bin/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -qtA)
  as_pg "${psql[@]}" -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='probity') THEN CREATE ROLE probity LOGIN PASSWORD 'probity' CREATEDB; END IF; END \$\$;" >/dev/null
  local db
  for db in probity probity_test; do
    [ "$(as_pg "${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname='$db'")" = 1 ] \
      || as_pg "${psql[@]}" -c "CREATE DATABASE $db OWNER probity" >/dev/null
  done
  pg_privacy
  say "postgres up: 127.0.0.1:$PGPORT (databases probity, probity_test)"
}

stop_postgres() {
  [ -s "$PG_DATA/postmaster.pid" ] || return 0
  as_pg "$(pg_bin)/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 && say "stopped postgres"
}

# ---------- SMTP sink (our own small SMTP server with a web page and JSON API) ----------
# start_mailsink NAME SMTP_PORT UI_PORT DATA_DIR: the system's sink, or the tests' own.
start_mailsink() {
  local name=$1 smtp=$2 ui=$3 data=$4
  if port_open "$smtp"; then say "$name already running on :$smtp (reused)"; return 0; fi
  SMTP_PORT=$smtp MAIL_UI_PORT=$ui PROBITY_DATA_DIR=$data start_bg "$name" "$ROOT/node_modules/.bin/tsx" "$ROOT/infra/mailsink/main.ts"
  wait_for "$name" "$smtp" 30
  wait_for "$name" "$ui" 30
  say "$name up: SMTP 127.0.0.1:$smtp, inbox http://127.0.0.1:$ui"
}

# ---------- OpenID provider (infra/oidc: oidc-provider with the Person register as its accounts) ----------
# start_oidc NAME PORT DATABASE CASEWORK_URL DATA_DIR: the system's provider, or the tests' own.
start_oidc() {
  local name=$1 port=$2 db=$3 casework=$4 data=$5
  if port_open "$port"; then say "$name already running on :$port (reused)"; return 0; fi
  OIDC_PORT=$port OIDC_ISSUER="http://127.0.0.1:$port" DATABASE_URL="$(db_url "$db")" CASEWORK_URL="$casework" PROBITY_DATA_DIR="$data" \
    start_bg "$name" "$ROOT/node_modules/.bin/tsx" "$ROOT/infra/oidc/main.ts"
  wait_for "$name" "$port" 30
  say "$name up: issuer http://127.0.0.1:$port"
}
