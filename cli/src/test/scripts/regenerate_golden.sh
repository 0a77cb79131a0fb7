#!/usr/bin/env bash
# Regenerates cli/src/test/resources/golden/*.json from commands.txt with the built jar, as
# GoldenOutputTest runs them: {root} is the repository, and file arguments under it print by base
# name. Run only when a change is meant to change outputs, after `mvn -o package -DskipTests -pl cli -am`;
# then read `git diff cli/src/test/resources/golden` and say in the commit why each changed.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../../.." && pwd)
java=$(ls -d /usr/lib/jvm/temurin-25*/bin/java 2>/dev/null | head -1)
java=${java:-java}
golden="$root/cli/src/test/resources/golden"
while IFS=$'\t' read -r name args; do
  [ -z "$name" ] && continue
  args=${args//\{root\}/$root}
  # shellcheck disable=SC2086
  out=$(cd "$root/cli" && "$java" -jar "$root/cli/target/buddykit.jar" $args)
  for a in $args; do
    case "$a" in "$root"/*) out=${out//"$a"/$(basename "$a")} ;; esac
  done
  printf '%s\n' "$out" > "$golden/$name.json"
done < "$golden/commands.txt"
