#!/usr/bin/env bash
# Size of the frozen program and how fast it starts, as a new user with no Python would run it
# (env -i, a fresh HOME). Usage: packaging/startup_times.sh [BUNDLE_DIR] [RUNS]  (`make startup-times`)
#   CLI: `sijil-cli --version` and `--help`, with hyperfine when installed, else a timing loop.
#   GUI: launch to the first-run window mapped on a private Xvfb server (polled with xwininfo
#        every 20 ms), the median of RUNS launches, each killed once its window is up.
# Warm page cache: the first launch after a build or a reboot is slower (reads ~230 MB).
set -euo pipefail
BUNDLE="$(cd "${1:-dist/sijil}" && pwd)"
RUNS="${2:-10}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
BARE=(env -i PATH=/nonexistent HOME="$WORK/home" LANG=C.UTF-8)
mkdir -p "$WORK/home"

echo "bundle: $(du -sh "$BUNDLE" | cut -f1) in $(find "$BUNDLE" -type f | wc -l) files"
for f in "$BUNDLE"/../sijil_*.deb "$BUNDLE"/../sijil-*.tar.gz; do
    [ -f "$f" ] && echo "$(basename "$f"): $(du -h "$f" | cut -f1)"
done

ms_now() { date +%s%N | cut -c1-13; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

for args in --version --help; do
    if command -v hyperfine >/dev/null; then
        hyperfine -N --warmup 2 --runs "$RUNS" --style basic "${BARE[*]} $BUNDLE/sijil-cli $args" 2>&1 \
            | grep -E "Time|Range" | sed "s#^#sijil-cli $args: #"
    else
        for _ in $(seq "$RUNS"); do
            t0=$(ms_now); "${BARE[@]}" "$BUNDLE/sijil-cli" $args >/dev/null; echo $(( $(ms_now) - t0 ))
        done | median | sed "s#^#sijil-cli $args: median ms: #"
    fi
done

if ! command -v Xvfb >/dev/null || ! command -v xwininfo >/dev/null; then
    echo "GUI: skipped (needs xvfb and x11-utils)"; exit 0
fi
exec {fd}<> <(:)
Xvfb -displayfd "$fd" -nolisten tcp -screen 0 1366x768x24 2>/dev/null & XVFB=$!
read -r -u "$fd" DISPLAY_NUMBER
trap 'kill $XVFB 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq "$RUNS"); do
    t0=$(ms_now)
    "${BARE[@]}" DISPLAY=":$DISPLAY_NUMBER" "$BUNDLE/sijil" 2>/dev/null & APP=$!
    until DISPLAY=":$DISPLAY_NUMBER" xwininfo -root -tree 2>/dev/null | grep -q '"Sijil": ("sijil"'; do
        kill -0 "$APP" 2>/dev/null || { echo "the app quit before showing a window" >&2; exit 1; }
        sleep 0.02
    done
    echo $(( $(ms_now) - t0 ))
    kill "$APP"; wait "$APP" 2>/dev/null || true
done | median | sed "s#^#GUI first-run window (Xvfb): median ms: #"
