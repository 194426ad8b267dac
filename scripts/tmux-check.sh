#!/usr/bin/env bash
# tmux-check.sh drives the real brief binary under tmux at several
# terminal sizes and checks what the screen shows: the library, the
# reader and its panels, search, follow, next article, help, narrow and
# too-small layouts, and that a hostile article cannot retitle the pane
# or leak escape sequences; then issue 14's undo after archiving, the
# help pages, failed sources, the back-stack, and rows that a width
# disagreement would leave stale.
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
	local deadline=$((SECONDS + 10)) s
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

# expect_drawn RE WHY: wait up to 5 s until the screen, escapes and all,
# holds a match of the extended regexp RE.
expect_drawn() {
	local deadline=$((SECONDS + 5))
	until tmux -L "$sock" capture-pane -p -e -t "$session" | grep -qE "$1"; do
		if ((SECONDS >= deadline)); then
			echo "FAIL [$session] $2" >&2
			failures=$((failures + 1))
			return 0
		fi
		sleep 0.05
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
	expect_drawn $'\e\[[0-9;]*48;' "no highlight drawn after following a phase"
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

	# The article with nothing to find says so, each empty panel on one
	# line (issue 14, item 12).
	keys / h o l l i n s Enter Enter
	expect "Hollins Street library reopens" "─ 2 Quotes · " "─ 3 Phases · "
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

# Issue 14, item 1: a in the reader archives and opens the next article
# (which marks it read); u undoes the archive, not the marking read.
start undo 120 40
expect "5 articles" "4 Archive 0"
keys Enter
expect "1/5"
keys a
expect "archive 1 article"
keys u
expect "undone: archive 1 article"
esc
expect "brief · library" "4 Archive 0"
finish

# Issue 14, item 5: every key of the reader is in its help (also those
# that do nothing just now), the help scrolls on a short terminal, and
# "? help" stays in the footer from 80 columns, beside a status too.
start helpkeys 80 24
expect "5 articles" "? help"
keys / k e s s e l Enter Enter
expect "Dredging to close Kessel Bay"
keys '?'
expect "brief · keys · reader" "previous article" "next match" "quote checked" "quotes screen" "u/ctrl+z undo"
keys '?' n
expect "no matches: / searches the article" "? help"
finish
start helpscroll 60 20
expect "5 articles"
keys / k e s s e l Enter Enter
expect "Dredging to close Kessel Bay"
keys '?'
expect "brief · keys · reader" "scroll · lines 1–"
keys G
expect "u/ctrl+z undo"
finish

# Issue 14, item 6: one good file and three bad sources: the status line
# counts the failures and E lists each with its reason.
good="$work/good.txt"
printf 'Ferry timetable changes\n\nThe ferry runs its winter timetable from Sunday, the harbour office said.\n' >"$good"
printf '\0\1\2binary' >"$work/binary.bin"
: >"$work/empty.txt"
start failed 100 30 "$good" "$work/missing.txt" "$work/binary.bin" "$work/empty.txt"
expect "3 sources failed · E lists them"
keys E
expect "failed sources · 3" "missing.txt" "binary.bin" "empty.txt"
esc
finish

# Issue 14, item 7: from article 1 through the Quotes screen to another
# article; esc twice returns to article 1, once more to the library.
start stack 120 40
expect "5 articles"
keys Enter
expect "Hollins Street library reopens" "1/5"
keys Q
expect "brief · quotes"
keys / l u n d Enter Enter
expect "Dredging to close Kessel Bay"
esc
expect "brief · quotes"
esc
esc
expect "Hollins Street library reopens" "1/5"
esc
expect "brief · library"
finish

# Issue 14, item 10: runes terminals count differently (an emoji with a
# variation selector, joined emoji, a skin tone) keep every row whole,
# and the frame after ] matches a full repaint of the same screen.
mkdir -p "$work/odd"
printf -- '---\ntitle: "Markets ⬇️ as ✍️ deals stall"\npublished: 2026-11-21\n---\n\n“Prices … rose again ⬇️ and then fell ✍️ back, the whole week long,” said agency spokesman Ola Brandt.\n\n“We will look at it again … next week 🏳️‍🌈 and the week after 👍🏽 with the council,” Brandt said.\n' >"$work/odd/a.md"
printf -- '---\ntitle: "Harbour calm returns"\npublished: 2026-11-20\n---\n\n“Short one,” said harbour master Mira Holm.\n\n“Another short one,” Holm said.\n' >"$work/odd/b.md"
start stale 80 24 "$work/odd"
expect "2 articles"
keys Enter 2
expect "Markets" "Ola Brandt"
rows=$(screen | sed -n '3,23p' | grep -cv '[│┃╮╯┓┛─━]$' || true)
if ((rows > 0)); then
	printf 'FAIL [stale] %d rows of the reader lost their right border:\n%s\n' "$rows" "$(screen)" >&2
	failures=$((failures + 1))
fi
keys ']'
expect "Harbour calm returns" "2/2"
sleep 0.5
before=$(screen)
tmux -L "$sock" resize-window -t stale -x 81 -y 24
sleep 0.5
tmux -L "$sock" resize-window -t stale -x 80 -y 24
sleep 0.8
after=$(screen)
if [[ "$before" != "$after" ]]; then
	printf 'FAIL [stale] the frame after ] differs from a full repaint:\n%s\n' "$(diff <(echo "$before") <(echo "$after"))" >&2
	failures=$((failures + 1))
fi
finish

if ((failures)); then
	echo "tmux-check: $failures failure(s)" >&2
	exit 1
fi
echo "tmux-check: all screens as expected"
