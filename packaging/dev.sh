#!/usr/bin/env bash
# Developer entry point: installs what is missing from Debian's archive, builds, and then
#   run    opens Byline on the demo newsroom (created on first start)
#   test   runs every test (benchmarks excluded, their smoke runs included)
#   bench  runs the benchmarks at the size in BYLINE_BENCH_ARTICLES
#   deps   only installs what is missing
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian 12 packages, and what each is for.
packages=(
    build-essential cmake ninja-build pkg-config  # compiler and build
    qt6-base-dev qt6-base-dev-tools               # Qt Core, Gui, Widgets, Sql, Test, Concurrent
    libqt6sql6-sqlite                             # Qt's SQLite driver: the newsroom file
    libsqlite3-dev                                # FTS helper functions and stopping a long check
    qt6-image-formats-plugins                     # WebP and other image formats for the library
    libgl-dev libxkbcommon-dev                    # needed by Qt's CMake packages
    desktop-file-utils appstream dpkg-dev file    # packaging checks and cpack -G DEB
    sqlite3 libxml2-utils                         # baselines for the benchmarks
    libexiv2-dev                                  # IPTC/XMP credits written into exported images
    libdtl-dev                                    # word-level diffs between revisions
    xvfb xauth imagemagick                        # screenshots of the real window
    clang libclang-rt-14-dev                      # libFuzzer builds of the shortcode engine
)

install_missing() {
    local missing=()
    for p in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        local sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        echo "Installing: ${missing[*]}"
        $sudo apt-get update -q
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
    fi
}

build() {
    local preset=$1
    cmake --preset "$preset"
    cmake --build --preset "$preset"
}

case "${1:-}" in
deps)
    install_missing
    ;;
run)
    install_missing
    build default
    demo="${BYLINE_DEMO:-${XDG_DATA_HOME:-$HOME/.local/share}/Byline/demo.byline}"
    mkdir -p "$(dirname "$demo")"
    if [ ! -s "$demo" ]; then
        ./build/app/byline demo --db "$demo"
    fi
    exec ./build/app/byline --db "$demo"
    ;;
test)
    install_missing
    build ci
    ctest --preset ci --output-on-failure
    ;;
bench)
    install_missing
    build default
    # Every BENCH line as it comes, then all of them again as one table.
    lines=$(mktemp)
    ctest --test-dir build -L '^bench$' --output-on-failure -V | grep -E '^[0-9]+: BENCH ' | sed 's/^[0-9]*: //' | tee "$lines"
    echo
    awk 'BEGIN { printf "%-28s %14s %-12s %14s %8s\n", "figure", "ours", "unit", "baseline", "ratio" }
         { sub("baseline=", "", $5); sub("ratio=", "", $6);
           printf "%-28s %14s %-12s %14s %8s\n", $2, $3, $4, $5, $6 }' "$lines"
    rm -f "$lines"
    ;;
*)
    echo "usage: $0 run|test|bench|deps" >&2
    exit 2
    ;;
esac
