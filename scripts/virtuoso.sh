#!/usr/bin/env bash
# Run a private OpenLink Virtuoso 7 instance in a throwaway folder, bound to 127.0.0.1 only.
#
#   scripts/virtuoso.sh start DIR PORT_HTTP PORT_SQL   # create DIR if needed, start, wait for HTTP
#   scripts/virtuoso.sh stop DIR                       # checkpoint + shut down (TERM/KILL as fallback)
#   scripts/virtuoso.sh status DIR                     # exit 0 if running
#
# The database files, the log and virtuoso.ini live in DIR; nothing outside DIR is written.  A new
# database has the account dba/dba (Virtuoso's default); set VIRTUOSO_DBA_PASSWORD to change it on
# the first start.  Settings (performance notes, section 5): ResultSetMaxRows = 1000000 (Debian's
# 10000 silently truncates results), MaxQueryExecutionTime = 600 s, DirsAllowed = DIR.
#
# Endpoints printed on start:
#   query (anonymous, read-only)        http://127.0.0.1:PORT_HTTP/sparql
#   query + SPARQL Update (digest auth) http://127.0.0.1:PORT_HTTP/sparql-auth
#   Graph Store HTTP Protocol (digest)  http://127.0.0.1:PORT_HTTP/sparql-graph-crud-auth
# The dba account already has the SPARQL_UPDATE role that /sparql-auth needs; nothing is granted to
# the anonymous account, so /sparql stays read-only.
set -euo pipefail

VIRTUOSO_T=${VIRTUOSO_T:-virtuoso-t}
ISQL=${ISQL:-isql-vt}
VSP_ROOT=${VIRTUOSO_VSP_ROOT:-/var/lib/virtuoso-opensource-7/vsp}
VAD_DIR=${VIRTUOSO_VAD_DIR:-/usr/share/virtuoso-opensource-7/vad}
START_TIMEOUT=${VIRTUOSO_START_TIMEOUT:-120}

die() { echo "virtuoso.sh: $*" >&2; exit 1; }

usage() {
  sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

write_ini() {  # DIR PORT_HTTP PORT_SQL
  local dir=$1 http=$2 sql=$3
  cat > "$dir/virtuoso.ini" <<INI
; written by honlea-kg scripts/virtuoso.sh; private, loopback-only instance
[Database]
DatabaseFile       = $dir/virtuoso.db
ErrorLogFile       = $dir/virtuoso.log
LockFile           = $dir/virtuoso.lck
TransactionFile    = $dir/virtuoso.trx
xa_persistent_file = $dir/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = $dir/virtuoso-temp.db
TransactionFile    = $dir/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort               = 127.0.0.1:$sql
LiteMode                 = 0
DisableUnixSocket        = 1
DisableTcpSocket         = 0
MaxClientConnections     = 10
CheckpointInterval       = 60
O_DIRECT                 = 0
CaseMode                 = 2
MaxStaticCursorRows      = 5000
CheckpointAuditTrail     = 0
AllowOSCalls             = 0
SchedulerInterval        = 10
DirsAllowed              = ., $dir, $VAD_DIR
ThreadCleanupInterval    = 0
ThreadThreshold          = 10
ResourcesCleanupInterval = 0
FreeTextBatchSize        = 100000
SingleCPU                = 0
VADInstallDir            = $VAD_DIR/
PrefixResultNames        = 0
RdfFreeTextRulesSize     = 100
IndexTreeMaps            = 64
MaxMemPoolSize           = 200000000
MaxQueryMem              = 1G
VectorSize               = 1000
MaxVectorSize            = 1000000
AdjustVectorSize         = 0
ThreadsPerQuery          = 2
AsyncQueueMaxThreads     = 10
NumberOfBuffers          = ${VIRTUOSO_BUFFERS:-85000}
MaxDirtyBuffers          = ${VIRTUOSO_DIRTY_BUFFERS:-65000}

[HTTPServer]
ServerPort                  = 127.0.0.1:$http
ServerRoot                  = $VSP_ROOT
MaxClientConnections        = 10
DavRoot                     = DAV
EnabledDavVSP               = 0
HTTPProxyEnabled            = 0
TempASPXDir                 = 0
ServerThreads               = 10
MaxKeepAlives               = 10
KeepAliveTimeout            = 10
MaxCachedProxyConnections   = 10
ProxyConnectionCacheTimeout = 15
HTTPThreadSize              = 280000
HttpPrintWarningsInOutput   = 0
Charset                     = UTF-8
MaintenancePage             = atomic.html
EnabledGzipContent          = 1

[AutoRepair]
BadParentLinks = 0

[Client]
SQL_PREFETCH_ROWS  = 100
SQL_PREFETCH_BYTES = 16000
SQL_QUERY_TIMEOUT  = 0
SQL_TXN_TIMEOUT    = 0

[Replication]
ServerName   = db
ServerEnable = 1
QueueMax     = 50000

[URIQA]
DynamicLocal = 0
DefaultHost  = 127.0.0.1:$http

[SPARQL]
ResultSetMaxRows           = 1000000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime      = 600
DefaultQuery               = select distinct ?Concept where {[] a ?Concept} LIMIT 100
DeferInferenceRulesInit    = 0
INI
  printf '%s %s\n' "$http" "$sql" > "$dir/ports"
}

running() {  # DIR -> 0 if the recorded pid is alive
  local pidfile=$1/virtuoso.pid
  [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

cmd_start() {
  [ $# -eq 3 ] || usage
  local dir=$1 http=$2 sql=$3
  command -v "$VIRTUOSO_T" >/dev/null || die "$VIRTUOSO_T not found: install Debian's virtuoso-opensource (scripts/install-system-deps.sh, as root)"
  [[ $http =~ ^[0-9]+$ && $sql =~ ^[0-9]+$ ]] || die "ports must be numbers, got '$http' '$sql'"
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  running "$dir" && die "an instance is already running in $dir (pid $(cat "$dir/virtuoso.pid"))"
  local fresh=0
  [ -f "$dir/virtuoso.db" ] || fresh=1
  write_ini "$dir" "$http" "$sql"
  # Foreground mode under setsid: we own the pid, and the server outlives this script.
  # `setsid` in a shell without job control execs in place, so $! is virtuoso-t's own pid.
  pushd "$dir" >/dev/null
  setsid "$VIRTUOSO_T" +foreground +configfile "$dir/virtuoso.ini" </dev/null >"$dir/virtuoso.out" 2>&1 &
  local pid=$!
  popd >/dev/null
  echo "$pid" > "$dir/virtuoso.pid"
  local url="http://127.0.0.1:$http/sparql?query=ASK%7B%7D"
  local waited=0
  until curl -fs -o /dev/null "$url"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 20 "$dir/virtuoso.out" "$dir/virtuoso.log" >&2 2>/dev/null || true
      rm -f "$dir/virtuoso.pid"
      die "virtuoso-t exited during start (see $dir/virtuoso.log)"
    fi
    if [ "$waited" -ge $((START_TIMEOUT * 5)) ]; then
      kill -TERM "$pid" 2>/dev/null || true
      die "HTTP endpoint did not answer within ${START_TIMEOUT}s (see $dir/virtuoso.log)"
    fi
    sleep 0.2; waited=$((waited + 1))
  done
  if [ "$fresh" = 1 ] && [ -n "${VIRTUOSO_DBA_PASSWORD:-}" ]; then
    "$ISQL" "127.0.0.1:$sql" dba dba exec="USER_SET_PASSWORD('dba', '$VIRTUOSO_DBA_PASSWORD');" >/dev/null \
      || die "could not set the dba password"
  fi
  echo "pid=$pid"
  echo "sparql=http://127.0.0.1:$http/sparql"
  echo "sparql_auth=http://127.0.0.1:$http/sparql-auth"
  echo "graph_store=http://127.0.0.1:$http/sparql-graph-crud-auth"
  echo "isql=127.0.0.1:$sql"
}

cmd_stop() {
  [ $# -eq 1 ] || usage
  local dir=$1
  [ -d "$dir" ] || die "no such folder: $dir"
  if ! running "$dir"; then
    rm -f "$dir/virtuoso.pid"; echo "not running"; return 0
  fi
  local pid; pid=$(cat "$dir/virtuoso.pid")
  local sql; sql=$(cut -d' ' -f2 "$dir/ports")
  # A clean shutdown checkpoints the database; fall back to TERM (quick shutdown), then KILL.
  timeout 30 "$ISQL" "127.0.0.1:$sql" dba "${VIRTUOSO_DBA_PASSWORD:-dba}" exec="shutdown;" >/dev/null 2>&1 \
    || kill -TERM "$pid" 2>/dev/null || true
  local i
  for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid" 2>/dev/null || true; sleep 2; fi
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$dir/virtuoso.pid"
  echo "stopped"
}

cmd_status() {
  [ $# -eq 1 ] || usage
  running "$1" && { echo "running (pid $(cat "$1/virtuoso.pid"))"; return 0; }
  echo "not running"; return 1
}

[ $# -ge 1 ] || usage
action=$1; shift
case $action in
  start) cmd_start "$@" ;;
  stop) cmd_stop "$@" ;;
  status) cmd_status "$@" ;;
  *) usage ;;
esac
