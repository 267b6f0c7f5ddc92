#!/usr/bin/env bash
# The page benchmark (issue 9): installs wrk (Debian) and curl when missing, then generates S1 and S10,
# publishes and starts the app and the Fortunes baseline, loads every page and writes the report into
# docs/performance.md. Not a test: never run by CI. Extra arguments go to the bench
# (e.g. --scales 1 --seconds 5 --no-docs --keep --no-publish --only help,fortunes).
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} from Debian ..."
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
exec dotnet run -c Release --project bench/PeerCircle.Bench.Pages -- "$@"
