#!/bin/sh
# The watchdog of one test process (see reaper.ts): its stdin is a pipe from that process,
# which the kernel closes when the process ends, however it ends (SIGKILL included). Until
# then it keeps a list of what the process started; at the end of its stdin it ends them all.
# Lines it reads:
#   +group PID   a process group (a child started as its leader) to SIGKILL
#   -group PID   that group ended normally: forget it (its number may be reused)
#   +tmux NAME   a tmux server on socket -L NAME to kill (and its socket file to remove)
#   -tmux NAME   that server was killed by the test
# It ignores the signals a terminal or a runner sends, so it outlives whatever it watches.
trap '' INT TERM HUP

groups=''
sockets=''

# Sets $kept to the words of $1 other than $2 (no subshell: this runs once per child).
without() {
  kept=''
  for word in $1; do
    [ "$word" = "$2" ] || kept="$kept $word"
  done
}

while read -r verb name; do
  case $verb in
    +group) groups="$groups $name" ;;
    -group) without "$groups" "$name" && groups=$kept ;;
    +tmux) sockets="$sockets $name" ;;
    -tmux) without "$sockets" "$name" && sockets=$kept ;;
  esac
done

for pid in $groups; do
  kill -KILL -"$pid" 2>/dev/null
done
for socket in $sockets; do
  tmux -L "$socket" kill-server 2>/dev/null
  rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$socket"
done
exit 0
