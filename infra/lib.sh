# Shared helpers for infra/probity: paths, ports, process supervision.
# Sourced, not run. Every setting can be overridden from the environment.

ROOT="${PROBITY_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
CACHE_DIR="${PROBITY_CACHE_DIR:-$ROOT/.cache}"   # downloaded/built once: binaries, jars
DATA_DIR="${PROBITY_DATA_DIR:-$ROOT/.data}"      # state that survives restarts
LOG_DIR="$DATA_DIR/logs"
RUN_DIR="$DATA_DIR/run"

# Pinned versions. Change here, and the cache rebuilds what differs.
TEMPORAL_CLI_VERSION="${TEMPORAL_CLI_VERSION:-v1.5.1}"

export TEMPORAL_PORT="${TEMPORAL_PORT:-7233}"
export TEMPORAL_UI_PORT="${TEMPORAL_UI_PORT:-8233}"
export KAFKA_PORT="${KAFKA_PORT:-9092}"
# The tools (topics, consumers) read the brokers from KAFKA_BROKERS, default from KAFKA_PORT.
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:$KAFKA_PORT}"
export KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
export PGPORT="${PGPORT:-5433}"
export SMTP_PORT="${SMTP_PORT:-1025}"
export MAIL_UI_PORT="${MAIL_UI_PORT:-8025}"
# The tests' own mail sink, so a test never reads (or is confused by) the running system's mail.
export SMTP_TEST_PORT="${SMTP_TEST_PORT:-1026}"
export MAIL_UI_TEST_PORT="${MAIL_UI_TEST_PORT:-8026}"
export INTAKE_PORT="${INTAKE_PORT:-3001}"
export ALLOCATION_PORT="${ALLOCATION_PORT:-3002}"
export NOTIFICATION_PORT="${NOTIFICATION_PORT:-3003}"
export WORKER_PORT="${WORKER_PORT:-3004}"
export CASEWORK_PORT="${CASEWORK_PORT:-3005}"
# The local OpenID provider (infra/oidc), and the tests' own instance with the tests' people.
export OIDC_PORT="${OIDC_PORT:-3006}"
export OIDC_TEST_PORT="${OIDC_TEST_PORT:-3016}"
# The casework portal the tests run in-process (the test provider registers its sign-in callback).
export CASEWORK_TEST_PORT="${CASEWORK_TEST_PORT:-3015}"
# The system runs in namespace "default"; the tests in their own, on the same server.
export TEMPORAL_NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
export TEMPORAL_TEST_NAMESPACE="${TEMPORAL_TEST_NAMESPACE:-probity-test}"

mkdir -p "$CACHE_DIR" "$LOG_DIR" "$RUN_DIR"

say()  { printf '\033[1;34m[probity]\033[0m %s\n' "$*" >&2; }
fail() { printf '\033[1;31m[probity] ERROR:\033[0m %s\n' "$*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pid_alive() {
  local f="$RUN_DIR/$1.pid"
  [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null
}

# wait_for NAME PORT SECONDS: wait until the port listens; on timeout name the piece and its log.
wait_for() {
  local name=$1 port=$2 secs=$3 log="$LOG_DIR/$1.log" i
  for ((i = 0; i < secs * 5; i++)); do
    port_open "$port" && return 0
    if [ -f "$RUN_DIR/$name.pid" ] && ! pid_alive "$name"; then
      tail -n 25 "$log" >&2 2>/dev/null
      fail "$name exited while starting (port $port). Full log: $log"
    fi
    sleep 0.2
  done
  tail -n 25 "$log" >&2 2>/dev/null
  fail "$name did not listen on port $port within ${secs}s. Full log: $log"
}

# start_bg NAME CMD...: run detached (survives this shell), log to .data/logs/NAME.log.
start_bg() {
  local name=$1; shift
  : >"$LOG_DIR/$name.log"
  setsid nohup "$@" >>"$LOG_DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$RUN_DIR/$name.pid"
}

# stop_bg NAME: SIGTERM, wait up to 20 s, then SIGKILL.
stop_bg() {
  local name=$1 f="$RUN_DIR/$1.pid" pid i
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
    for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && { say "$name did not stop in 20 s; killing"; kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid"; }
    say "stopped $name"
  fi
  rm -f "$f"
}

# The services: every services/<name>/src/main.ts.
service_names() {
  local f
  for f in "$ROOT"/services/*/src/main.ts; do [ -f "$f" ] && basename "$(dirname "$(dirname "$f")")"; done
}

# start_service NAME: a built service (dist/NAME/main.js) run by node itself, so the pid start_bg
# records is the process that serves — no wrapper in front of it: a crash or a kill -9 is seen.
# Every service but the worker runs with infra/service-runtime.env (its memory settings).
start_service() {
  (
    [ "$1" = worker ] || { set -a; source "$ROOT/infra/service-runtime.env"; set +a; }
    start_bg "$1" node --enable-source-maps "$ROOT/dist/$1/main.js"
  )
}

is_root() { [ "$(id -u)" = 0 ]; }

# ensure_apt PKG...: install missing Debian packages (as root), or say exactly what to run.
ensure_apt() {
  local missing=() p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if is_root; then
    say "installing Debian packages: ${missing[*]}"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
      || fail "apt-get install ${missing[*]} failed"
  else
    fail "missing Debian packages: ${missing[*]} — run: sudo apt-get install -y ${missing[*]}"
  fi
}

need_cmd() { command -v "$1" >/dev/null 2>&1 || fail "$1 is required ($2)"; }
