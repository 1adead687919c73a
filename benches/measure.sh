# Sourced by the compare scripts: `measure CMD...` runs CMD $runs times and prints the best wall
# time (seconds) and the peak RSS (MB), from GNU time.
measure() {
    local best=999999 rss=0 log
    log=$(mktemp)
    for _ in $(seq "$runs"); do
        /usr/bin/time -o "$log" -f '%e %M' "$@" >/dev/null 2>&1 || true
        local t m
        read -r t m < <(tail -1 "$log")
        best=$(python3 -c "print(min($best, $t))")
        rss=$(( m > rss ? m : rss ))
    done
    rm -f "$log"
    echo "$best $((rss / 1024))"
}
