#!/usr/bin/env bash
# A three-node Docker Swarm on this one machine, for the swarm tests and for
# demos: three of the system's dockerd (Docker 20.10), each in a network
# namespace of its own (ptl-swarm-1..3) with a hostname of its own, joined by
# veth pairs to a bridge that lives in a namespace of its own (ptl-swarm-br).
# The nodes speak only among themselves, on 10.237.7.0/24: no route leads out.
# Node 1 is the manager (and leader); nodes 2 and 3 are workers.
# Safe to run again; each command does only what is missing.
#   scripts/swarm.sh up       build and start it (root); prints DOCKER_HOST=… and NETNS=… of the manager
#   scripts/swarm.sh status   what runs, and the manager's `docker node ls`
#   scripts/swarm.sh check    an overlay across the nodes, a 3-replica service and a plain container: do they talk?
#   scripts/swarm.sh stop N   stop node N's daemon, as a machine going away would (`up` starts it again)
#   scripts/swarm.sh down     leave the swarm, stop the daemons, remove namespaces, links and data
set -euo pipefail

NODES=(1 2 3)
SUBNET=10.237.7
# Overlay subnets the swarm hands out; kept out of the usual 10.0.0.0/8 so nothing overlaps the nodes' own /24.
ADDR_POOL=10.237.8.0/21
BRIDGE_NS=ptl-swarm-br
RUN=/run/portolan-swarm
DATA=/var/lib/portolan-swarm
TEST_IMAGE="${PORTOLAN_TEST_IMAGE:-portolan/busybox:test}"
# The engine that holds the test image (test-host.sh prepares it), before DOCKER_HOST is pointed at a node.
SOURCE_HOST="${PORTOLAN_SWARM_SOURCE_HOST:-unix:///var/run/docker.sock}"

log() { printf 'swarm: %s\n' "$*" >&2; }
die() {
  log "$*"
  exit 1
}
netns() { echo "ptl-swarm-$1"; }
addr() { echo "$SUBNET.$1"; }
sock() { echo "unix://$RUN/$1/docker.sock"; }
# The docker CLI against node N. Its socket is a file, reachable from here.
dk() {
  local n=$1
  shift
  DOCKER_HOST="$(sock "$n")" timeout 60 docker "$@"
}
answers() { dk "$1" info >/dev/null 2>&1; }
running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
swarm_state() { dk "$1" info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null || echo unreachable; }
in_ns() {
  local n=$1
  shift
  nsenter "--net=/run/netns/$(netns "$n")" "$@"
}

need_root() { [ "$(id -u)" = 0 ] || die "$1 needs root (sudo bash scripts/swarm.sh $1)"; }

make_links() {
  # Someone else's use of the /24 would mix our test traffic with theirs.
  if ip -o addr | grep -q " $SUBNET\." || ip route | grep -q "^$SUBNET\."; then
    die "$SUBNET.0/24 is in use on this machine (ip addr, ip route): the swarm needs it to itself"
  fi
  if [ ! -e "/run/netns/$BRIDGE_NS" ]; then
    ip netns add "$BRIDGE_NS"
    ip -n "$BRIDGE_NS" link set lo up
  fi
  ip -n "$BRIDGE_NS" link show br0 >/dev/null 2>&1 || ip -n "$BRIDGE_NS" link add br0 type bridge
  ip -n "$BRIDGE_NS" link set br0 up
  for n in "${NODES[@]}"; do
    local ns
    ns=$(netns "$n")
    if [ ! -e "/run/netns/$ns" ]; then
      ip netns add "$ns"
      ip -n "$ns" link set lo up
    fi
    if ! ip -n "$ns" link show eth0 >/dev/null 2>&1; then
      ip -n "$BRIDGE_NS" link del "node$n" >/dev/null 2>&1 || true
      ip -n "$BRIDGE_NS" link add "node$n" type veth peer name eth0 netns "$ns"
    fi
    ip -n "$BRIDGE_NS" link set "node$n" master br0 up
    ip -n "$ns" addr replace "$(addr "$n")/24" dev eth0
    ip -n "$ns" link set eth0 up
  done
}

start_daemon() {
  local n=$1 dir="$RUN/$1"
  answers "$n" && return 0
  mkdir -p "$dir" "$DATA/$n"
  if running "$dir/dockerd.pid"; then
    log "dockerd of node $n (pid $(cat "$dir/dockerd.pid")) runs but does not answer; waiting"
  else
    log "starting dockerd $n in network namespace $(netns "$n") on $(sock "$n")"
    # nsenter switches only the network (`ip netns exec` would remount /sys and break the daemon's cgroups);
    # a UTS namespace of its own gives the node its own hostname, which the swarm names it by.
    setsid nsenter "--net=/run/netns/$(netns "$n")" unshare --uts sh -c \
      'hostname "$1"; shift; exec "$@"' sh "$(netns "$n")" \
      dockerd --data-root "$DATA/$n" --exec-root "$dir/exec" --pidfile "$dir/dockerd.pid" -H "$(sock "$n")" \
      >>"$dir/dockerd.log" 2>&1 </dev/null &
  fi
  for _ in $(seq 1 60); do answers "$n" && return 0; sleep 0.5; done
  tail -20 "$dir/dockerd.log" >&2
  die "dockerd of node $n did not answer in 30 s; see $dir/dockerd.log"
}

form_swarm() {
  case "$(swarm_state 1)" in
    active) ;;
    inactive)
      log "node 1 initialises the swarm on $(addr 1)"
      dk 1 swarm init --advertise-addr "$(addr 1)" --default-addr-pool "$ADDR_POOL" >/dev/null
      ;;
    *) die "node 1's swarm is $(swarm_state 1): run scripts/swarm.sh down, then up" ;;
  esac
  local token
  token=$(dk 1 swarm join-token -q worker)
  for n in 2 3; do
    case "$(swarm_state "$n")" in
      active) ;;
      inactive)
        log "node $n joins as a worker"
        dk "$n" swarm join --token "$token" --advertise-addr "$(addr "$n")" "$(addr 1):2377" >/dev/null
        ;;
      *) die "node $n's swarm is $(swarm_state "$n"): run scripts/swarm.sh down, then up" ;;
    esac
  done
  # A worker counts once the manager sees it ready.
  for _ in $(seq 1 60); do
    [ "$(dk 1 node ls --format '{{.Status}}' | grep -c Ready)" = "${#NODES[@]}" ] && return 0
    sleep 0.5
  done
  dk 1 node ls >&2
  die "the manager does not see ${#NODES[@]} ready nodes after 30 s"
}

load_image() {
  local n=$1
  dk "$n" image inspect "$TEST_IMAGE" >/dev/null 2>&1 && return 0
  log "loading $TEST_IMAGE into node $n"
  DOCKER_HOST="$SOURCE_HOST" docker image inspect "$TEST_IMAGE" >/dev/null 2>&1 ||
    die "$TEST_IMAGE is not on $SOURCE_HOST: run scripts/test-host.sh first"
  DOCKER_HOST="$SOURCE_HOST" docker save "$TEST_IMAGE" | dk "$n" load >/dev/null
}

where() { printf 'DOCKER_HOST=%s\nNETNS=%s\n' "$(sock 1)" "$(netns 1)"; }

up() {
  need_root up
  make_links
  for n in "${NODES[@]}"; do start_daemon "$n"; done
  form_swarm
  for n in "${NODES[@]}"; do load_image "$n"; done
  log "ready: $(dk 1 version --format 'Docker {{.Server.Version}}'), manager $(sock 1) in $(netns 1), workers $(addr 2) and $(addr 3)"
  where
}

stop_daemon() {
  local n=$1 pidfile="$RUN/$1/dockerd.pid"
  running "$pidfile" || return 0
  local pid
  pid=$(cat "$pidfile")
  kill "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  log "dockerd of node $n (pid $pid) did not stop in 30 s; killing it"
  kill -9 "$pid" 2>/dev/null || true
}

down() {
  need_root down
  # Workers leave first, so the manager's last word is its own.
  for n in 3 2 1; do
    if answers "$n" && [ "$(swarm_state "$n")" != inactive ]; then dk "$n" swarm leave --force >/dev/null 2>&1 || true; fi
  done
  for n in "${NODES[@]}"; do stop_daemon "$n"; done
  # What a daemon killed hard leaves mounted: its network namespaces and image layers.
  { grep -oE " ($RUN|$DATA)/[^ ]*" /proc/mounts || true; } | sort -r | while read -r mount; do umount -l "$mount" 2>/dev/null || true; done
  for ns in $(netns 1) $(netns 2) $(netns 3) "$BRIDGE_NS"; do
    [ -e "/run/netns/$ns" ] && ip netns del "$ns"
  done
  rm -rf "$RUN" "$DATA"
  log "down: daemons stopped, namespaces and data removed"
}

status() {
  for n in "${NODES[@]}"; do
    local state=absent
    [ -e "/run/netns/$(netns "$n")" ] && state="namespace only"
    running "$RUN/$n/dockerd.pid" && state="dockerd pid $(cat "$RUN/$n/dockerd.pid")"
    answers "$n" && state="$state, swarm $(swarm_state "$n")"
    printf 'node %s  %-15s %-13s %s\n' "$n" "$(addr "$n")" "$(netns "$n")" "$state"
  done
  if answers 1 && [ "$(swarm_state 1)" = active ]; then dk 1 node ls; fi
}

# The objects `check` creates, and removes whatever happens.
CHECK_NET=ptl-sw-check-net
CHECK_SVC=ptl-sw-check-web
CHECK_CTR=ptl-sw-check-client
check_cleanup() {
  dk 1 service rm "$CHECK_SVC" >/dev/null 2>&1 || true
  dk 2 rm -f "$CHECK_CTR" >/dev/null 2>&1 || true
  # The overlay goes once the tasks on it have.
  for _ in $(seq 1 40); do
    dk 1 network inspect "$CHECK_NET" >/dev/null 2>&1 || break
    dk 1 network rm "$CHECK_NET" >/dev/null 2>&1 && break
    sleep 0.5
  done
}

# An HTTP answer from inside a node's namespace; busybox wget's own -T crashes (busybox 1.35), so timeout(1) bounds it.
answers_http() {
  local n=$1 url=$2
  in_ns "$n" timeout 5 busybox wget -qO- "$url" 2>/dev/null | grep -q 'Portolan test web'
}

# Asks for the test page from node 2's namespace and says whether it came.
probe() {
  if answers_http 2 "$2"; then
    log "$1 answers"
  else
    log "$1 does NOT answer"
    return 1
  fi
}

# Do the nodes talk? An attachable overlay across the three, a 3-replica web service on it (one task per node) publishing
# port 18080 through the routing mesh and 18081 on each task's own node, and a plain container on the overlay on node 2.
check() {
  answers 1 || die "the swarm is not up: scripts/swarm.sh up"
  local failed=0 ip n
  trap check_cleanup EXIT
  # A manager still holds an overlay's name for a moment after an earlier check removed it.
  for _ in $(seq 1 20); do dk 1 network create -d overlay --attachable "$CHECK_NET" >/dev/null 2>&1 && break; sleep 0.5; done
  dk 1 network inspect "$CHECK_NET" >/dev/null || die "could not create the overlay $CHECK_NET"
  dk 1 service create -d --no-resolve-image --name "$CHECK_SVC" --replicas 3 --network "$CHECK_NET" \
    --publish published=18080,target=80 --publish mode=host,published=18081,target=80 \
    "$TEST_IMAGE" busybox httpd -f -p 80 -h /var/www >/dev/null
  for _ in $(seq 1 60); do
    [ "$(dk 1 service ls --filter "name=$CHECK_SVC" --format '{{.Replicas}}')" = 3/3 ] && break
    sleep 0.5
  done
  dk 1 service ps "$CHECK_SVC" --format '{{.Name}} on {{.Node}}: {{.CurrentState}}' >&2
  dk 2 run -d --name "$CHECK_CTR" --network "$CHECK_NET" "$TEST_IMAGE" sleep 600 >/dev/null
  for ip in $(dk 1 network inspect "$CHECK_NET" --verbose \
    --format "{{range \$name, \$s := .Services}}{{if eq \$name \"$CHECK_SVC\"}}{{range \$s.Tasks}}{{.EndpointIP}} {{end}}{{end}}{{end}}"); do
    if dk 2 exec "$CHECK_CTR" timeout 5 wget -qO- "http://$ip/" 2>/dev/null | grep -q 'Portolan test web'; then
      log "overlay: node 2's plain container reaches task $ip"
    else
      log "overlay: node 2's plain container does NOT reach task $ip"
      failed=1
    fi
  done
  for n in "${NODES[@]}"; do probe "host mode: $(addr "$n"):18081 (the task on node $n)" "http://$(addr "$n"):18081/" || failed=1; done
  # The routing mesh is IPVS in each node's ingress namespace; a kernel built without it (CONFIG_IP_VS) accepts
  # the service but nothing answers on the ingress port.
  if [ -d /proc/sys/net/ipv4/vs ] || in_ns 1 test -e /proc/net/ip_vs; then
    for n in "${NODES[@]}"; do probe "routing mesh: $(addr "$n"):18080" "http://$(addr "$n"):18080/" || failed=1; done
  else
    log "routing mesh: not checked: this kernel has no IPVS (CONFIG_IP_VS), which ingress-mode ports need to answer"
  fi
  return "$failed"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  check) check ;;
  stop)
    need_root stop
    [[ " ${NODES[*]} " == *" ${2:-} "* ]] || die "usage: scripts/swarm.sh stop N, N one of ${NODES[*]}"
    stop_daemon "$2"
    ;;
  *) die "usage: scripts/swarm.sh up|down|status|check|stop N" ;;
esac
