#!/usr/bin/env bash
# tmux-check.sh drives the real brief binary under tmux at several
# terminal sizes and checks what the screen shows: the library, the
# reader and its panels, search, follow, next article, help, narrow and
# too-small layouts, and that a hostile article cannot retitle the pane
# or leak escape sequences.
#
# Usage: scripts/tmux-check.sh [-v]   (-v prints every screen checked)
set -euo pipefail

cd "$(dirname "$0")/.."
verbose=0
[[ "${1:-}" == "-v" ]] && verbose=1

command -v tmux >/dev/null || { echo "tmux-check: tmux is not installed" >&2; exit 2; }

work=$(mktemp -d)
bin="$work/brief"
sock="brief-check-$$"
trap 'tmux -L "$sock" kill-server >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
go build -o "$bin" ./cmd/brief

failures=0
session=""

screen() { tmux -L "$sock" capture-pane -p -t "$session"; }

# expect TEXT...: wait up to 5 s until the screen shows every TEXT.
expect() {
	local deadline=$((SECONDS + 5)) s
	while :; do
		s=$(screen 2>/dev/null || true)
		local ok=1 t
		for t in "$@"; do
			[[ "$s" == *"$t"* ]] || { ok=0; break; }
		done
		if ((ok)); then
			((verbose)) && printf '%s\n--- ok: %s\n' "$s" "$*"
			return 0
		fi
		if ((SECONDS >= deadline)); then
			printf 'FAIL [%s] expected %s; screen:\n%s\n' "$session" "$*" "$s" >&2
			failures=$((failures + 1))
			return 0
		fi
		sleep 0.05
	done
}

keys() { tmux -L "$sock" send-keys -t "$session" "$@"; }

# expect_order A B...: the screen shows A above B above ... (the library
# lists dated articles newest first).
expect_order() {
	local s prev=0 n t
	s=$(screen)
	for t in "$@"; do
		n=$(grep -n -m1 -F "$t" <<<"$s" | cut -d: -f1)
		if [[ -z "$n" || "$n" -le "$prev" ]]; then
			printf 'FAIL [%s] expected %s in this order; screen:\n%s\n' "$session" "$*" "$s" >&2
			failures=$((failures + 1))
			return 0
		fi
		prev=$n
	done
}

# esc sends Escape alone: a key right behind it would read as alt+key.
esc() {
	keys Escape
	sleep 0.2
}

start() { # start NAME WIDTH HEIGHT ARGS...
	session=$1
	local w=$2 h=$3
	shift 3
	# Each session gets a state of its own, so that what one session
	# read or archived does not move the next one's cursor.
	tmux -L "$sock" new-session -d -s "$session" -x "$w" -y "$h" \
		"XDG_STATE_HOME=$work/state-$session XDG_CONFIG_HOME=$work/config $bin --theme dark $* 2>$work/$session.err; sleep 30"
}

finish() { # quit and check the program ended
	keys q
	local deadline=$((SECONDS + 5))
	until [[ "$(screen)" != *"brief"* ]] || ((SECONDS >= deadline)); do sleep 0.05; done
	tmux -L "$sock" kill-session -t "$session" 2>/dev/null || true
}

for size in 80x24 200x60; do
	w=${size%x*} h=${size#*x}
	start "s$size" "$w" "$h"
	expect "brief · library" "5 articles"
	expect "Hanamura cable car" "Dredging to close" "Ministry unveils"
	expect_order "Hanamura cable car" "Dredging to close" "Ministry unveils"

	keys / k e s s e l
	expect "1 of 5 articles" "Kessel Bay"
	keys Enter Enter
	expect "Dredging to close Kessel Bay" "Northshore Courier" "1 Key points" "2 Quotes" "3 Phases" "4 Article"
	expect "What You Need To Know" "shipping lane"

	keys 2
	expect "┏━ 2 Quotes" "Maria Lund"
	keys 3
	expect "┏━ 3 Phases" "First phase · six weeks"
	keys j Enter
	expect "moves the dredgers"
	# The followed words are highlighted: a background color is drawn.
	if ! tmux -L "$sock" capture-pane -p -e -t "$session" | grep -q $'\e\[[0-9;]*48;'; then
		echo "FAIL [$session] no highlight drawn after following a phase" >&2
		failures=$((failures + 1))
	fi
	keys 4 g / l i g h t h o u s e Enter
	expect "match 1/1"
	esc
	keys 1 Enter
	expect "┏━ 1 Key points"

	keys '?'
	expect "brief · keys · reader" "show in article" "search article"
	keys '?'
	esc
	esc
	expect "brief · library" "1 of 5 articles"
	esc
	expect "5 articles"

	# The article with nothing to find says so.
	keys / h o l l i n s Enter Enter
	expect "Hollins Street library reopens" "No quotes in this article" "No phases in this article"
	keys ']'
	expect "Hollins Street"
	finish
done

# Narrow and too small: one panel at a time under a tab bar.
start narrow 70 24
expect "5 articles"
keys / h a n a m u r a Enter Enter
expect "1 Key points" "2 Quotes" "3 Phases" "4 Article"
keys 2
expect "┏━ 2 Quotes"
keys 4
expect "┏━ 4 Article" "HANAMURA"
tmux -L "$sock" resize-window -t narrow -x 30 -y 8
expect "Too small"
tmux -L "$sock" resize-window -t narrow -x 200 -y 60
expect "┏━ 4 Article" "1 Key points" "2 Quotes" "3 Phases"
finish

# A hostile article: raw escapes, an OSC title, numeric references to
# ESC, C1 controls and bidi overrides must all come out inert.
printf 'Hostile \033]0;owned\007title \033[31mred\n\nBody \033[2J cleared? &#27;[5m blink &#x1b;]0;owned2&#x07; \302\233 31m c1 \342\200\256 rtl\n\n[link](javascript:alert) and [ok](https://example.com)\n' >"$work/hostile.md"
start hostile 120 30 "$work/hostile.md"
expect "Hostile" "Body" "blink" "rtl"
title=$(tmux -L "$sock" display -p -t hostile '#{pane_title}')
if [[ "$title" == owned* ]]; then
	echo "FAIL [hostile] the article retitled the pane: $title" >&2
	failures=$((failures + 1))
fi
finish

if ((failures)); then
	echo "tmux-check: $failures failure(s)" >&2
	exit 1
fi
echo "tmux-check: all screens as expected"
