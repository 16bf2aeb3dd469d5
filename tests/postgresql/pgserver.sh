#!/usr/bin/env bash
# A PostgreSQL 15 server of the tests' own, on loopback, in a temporary folder (ctest starts
# and stops it as a fixture: tests/CMakeLists.txt; the stop runs even when tests fail):
#   pgserver.sh start STATE   initdb in a new folder under /tmp, start on a free port of
#                             127.0.0.1; writes the server's address (user handoff, trusted
#                             on loopback only; members of handoff_password_login need their
#                             password) and the folder to the file STATE
#   pgserver.sh stop STATE    stops that server and deletes its folder and STATE
#   pgserver.sh kill STATE    kills the server the hard way (as a crash would), keeping its
#                             folder; connections to it break
#   pgserver.sh restart STATE starts a killed server again on the same port (recovering
#                             from its write-ahead log), so its address does not change
# PostgreSQL refuses to run as root: as root, the server runs as Debian's postgres user.
# fsync is off: the tests check behaviour, not the disk. Commits are synchronous (written to
# the log before they return), so a server killed by a test keeps every commit it reported.
set -euo pipefail

bindir=${HANDOFF_PG_BINDIR:-/usr/lib/postgresql/15/bin}
mode=${1:-}
state=${2:-}
[ -n "$state" ] || {
    echo "usage: pgserver.sh start|stop|kill|restart STATE" >&2
    exit 2
}

as_server_user() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

run_server() { # DIR PORT
    as_server_user "$bindir/pg_ctl" -D "$1/data" -l "$1/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $2 -c unix_socket_directories=$1 \
            -c fsync=off -c full_page_writes=off \
            -c max_connections=200" start >/dev/null
}

server_folder() { # STATE
    local dir
    dir=$(sed -n 2p "$1")
    case "$dir" in
    /tmp/handoff-pg.*) echo "$dir" ;;
    *)
        echo "pgserver: $1 names no server folder of ours" >&2
        return 1
        ;;
    esac
}

case "$mode" in
start)
    if [ ! -x "$bindir/initdb" ]; then
        echo "pgserver: $bindir/initdb not found; install Debian's postgresql-15" >&2
        exit 1
    fi
    dir=$(mktemp -d /tmp/handoff-pg.XXXXXX)
    [ "$(id -u)" -ne 0 ] || chown postgres: "$dir"
    # The folder first, so a stop after a failed start still deletes it.
    printf 'postgresql://handoff@127.0.0.1:0/postgres\n%s\n' "$dir" >"$state"
    if ! as_server_user "$bindir/initdb" -D "$dir/data" -U handoff --auth=trust -E UTF8 \
        --locale=C.UTF-8 -N >"$dir/initdb.log" 2>&1; then
        cat "$dir/initdb.log" >&2
        exit 1
    fi
    # Trusted on loopback, but for the members of one group (ServerTestDatabase::
    # addPasswordUser), who log in with a password: what a refused password is tested with.
    as_server_user sed -i '1i host all +handoff_password_login 127.0.0.1/32 scram-sha-256' \
        "$dir/data/pg_hba.conf"
    # A port nobody listens on; if another program takes it before the server does, the
    # start fails and the next candidate is tried.
    for attempt in 1 2 3 4 5; do
        port=$((20000 + RANDOM % 30000))
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            continue
        fi
        if run_server "$dir" "$port"; then
            printf 'postgresql://handoff@127.0.0.1:%s/postgres\n%s\n' "$port" "$dir" >"$state"
            echo "pgserver: PostgreSQL $("$bindir/postgres" --version | cut -d" " -f3) on 127.0.0.1:$port ($dir)"
            exit 0
        fi
        echo "pgserver: attempt $attempt on port $port failed" >&2
    done
    tail -n 20 "$dir/server.log" >&2 || true
    exit 1
    ;;
kill)
    dir=$(server_folder "$state")
    as_server_user "$bindir/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null
    echo "pgserver: killed"
    ;;
restart)
    dir=$(server_folder "$state")
    port=$(sed -n 1p "$state" | sed -E 's/.*:([0-9]+)\/.*/\1/')
    run_server "$dir" "$port"
    echo "pgserver: restarted on 127.0.0.1:$port"
    ;;
stop)
    [ -f "$state" ] || exit 0
    dir=$(server_folder "$state")
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_server_user "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null ||
            as_server_user "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null || true
    fi
    rm -rf "$dir" "$state"
    echo "pgserver: stopped"
    ;;
*)
    echo "usage: pgserver.sh start|stop|kill|restart STATE" >&2
    exit 2
    ;;
esac
