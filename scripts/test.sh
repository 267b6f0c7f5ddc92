#!/usr/bin/env bash
# The one command that builds and tests PeerCircle, locally and in CI:
#
#     bash scripts/test.sh
#
# It installs Debian's chromium, redis-server and nginx when they are missing (the end-to-end tests
# drive Chromium, never a Playwright browser download; the scale-out and crash tests start Redis, nginx
# and real app processes on loopback ports), runs every test project of PeerCircle.sln in Release, and ends with one line,
# "N passed, N failed", summed over the test assemblies. It exits non-zero when the build or any test
# fails, when no test ran at all, or when a test assembly that has tests reported no result.
# Full output: artifacts/test-results/dotnet-test.log (plus a .trx file per test project).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$(pwd)"

export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"
export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE="${DOTNET_SKIP_FIRST_TIME_EXPERIENCE:-1}"
# Plain console output (not the interactive terminal logger), so the summary lines below can be read.
export MSBUILDTERMINALLOGGER=off

say() { printf 'test.sh: %s\n' "$*" >&2; }

# --- Debian packages the tests start --------------------------------------------------------------
# Chromium for the end-to-end tests (tests/PeerCircle.E2E; never a Playwright browser download), and
# redis-server and nginx for the scale-out and crash tests (tests/PeerCircle.Web.Tests/ScaleOut and
# Operations/CrashSafetyTests start them in the foreground on loopback ports and stop them). Whatever is
# missing is installed with one apt-get update. Those tests fail, never skip, when a program is missing.
default_chromium=/usr/bin/chromium
chromium="${PEERCIRCLE_CHROMIUM:-$default_chromium}"
has_program() { command -v "$1" >/dev/null 2>&1 || [[ -x "/usr/sbin/$1" || -x "/usr/bin/$1" ]]; }
missing=()
if [[ ! -x "$chromium" && ! -x "$default_chromium" ]]; then
    missing+=(chromium)
fi
has_program redis-server || missing+=(redis-server)
has_program nginx || missing+=(nginx)
if [[ ${#missing[@]} -gt 0 ]]; then
    say "Installing Debian packages the tests need: ${missing[*]}."
    if [[ "$(id -u)" -eq 0 ]]; then
        as_root=()
    elif command -v sudo >/dev/null 2>&1; then
        as_root=(sudo)
    else
        say "Not root and no sudo: install them by hand (apt-get install ${missing[*]}); for Chromium you may set PEERCIRCLE_CHROMIUM."
        exit 1
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        say "apt-get is not available: install ${missing[*]} by hand."
        exit 1
    fi
    "${as_root[@]}" apt-get update
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi
if [[ ! -x "$chromium" ]]; then
    if [[ "$chromium" != "$default_chromium" ]]; then
        say "PEERCIRCLE_CHROMIUM=$chromium does not exist; using $default_chromium."
    fi
    chromium="$default_chromium"
fi
if [[ ! -x "$chromium" ]]; then
    say "Chromium is still missing at $chromium."
    exit 1
fi
for program in redis-server nginx; do
    if ! has_program "$program"; then
        say "$program is still missing."
        exit 1
    fi
done
export PEERCIRCLE_CHROMIUM="$chromium"

# --- Build and test ---------------------------------------------------------------------------------
results="$root/artifacts/test-results"
mkdir -p "$results"
log="$results/dotnet-test.log"

set +e
dotnet test PeerCircle.sln -c Release --results-directory "$results" --logger trx 2>&1 | tee "$log"
dotnet_status=${PIPESTATUS[0]}
set -e

# --- Sum the per-assembly summaries -----------------------------------------------------------------
# xunit 2 under `dotnet test` prints one line per test assembly, e.g.
#   Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12, Duration: 1 s - PeerCircle.Domain.Tests.dll (net10.0)
#   Failed!  - Failed:     1, Passed:     9, Skipped:     0, Total:    10, Duration: 15 s - PeerCircle.E2E.dll (net10.0)
# and, for a test project without any test yet, "No test is available in .../X.dll".
summary_pattern='^[[:space:]]*(Passed|Failed)![[:space:]]+-[[:space:]]+Failed:[[:space:]]*([0-9]+),[[:space:]]*Passed:[[:space:]]*([0-9]+),[[:space:]]*Skipped:[[:space:]]*([0-9]+),[[:space:]]*Total:[[:space:]]*([0-9]+),.*[[:space:]]-[[:space:]]+([^[:space:]]+\.dll)([[:space:]].*)?$'
declare -A failed_by_assembly=() passed_by_assembly=()
declare -A empty_assemblies=()
while IFS= read -r line; do
    line="${line%$'\r'}"
    if [[ "$line" =~ $summary_pattern ]]; then
        assembly="${BASH_REMATCH[6]}${BASH_REMATCH[7]}"
        failed_by_assembly["$assembly"]="${BASH_REMATCH[2]}"
        passed_by_assembly["$assembly"]="${BASH_REMATCH[3]}"
    elif [[ "$line" =~ No\ test\ is\ available\ in\ ([^[:space:]]+\.dll) ]]; then
        empty_assemblies["$(basename "${BASH_REMATCH[1]}")"]=1
    fi
done < <(sed -E 's/\x1B\[[0-9;]*[A-Za-z]//g' "$log")  # without colour codes, should any be there

passed=0
failed=0
for assembly in "${!passed_by_assembly[@]}"; do
    passed=$((passed + passed_by_assembly["$assembly"]))
    failed=$((failed + failed_by_assembly["$assembly"]))
done
reported=${#passed_by_assembly[@]}
empty=${#empty_assemblies[@]}
# Test projects are the solution's projects under tests/.
test_projects=$(grep -cE '^Project\(.*"tests[\\/][^"]+\.csproj"' PeerCircle.sln || true)

problems=()
if [[ "$dotnet_status" -ne 0 ]]; then
    problems+=("dotnet test exited with $dotnet_status")
fi
if [[ "$failed" -gt 0 ]]; then
    problems+=("$failed test(s) failed")
fi
if [[ "$passed" -eq 0 ]]; then
    problems+=("no test passed: nothing ran")
fi
if [[ $((reported + empty)) -lt "$test_projects" ]]; then
    problems+=("only $reported of $test_projects test assemblies reported a result ($empty have no tests yet)")
fi
if [[ "$empty" -gt 0 ]]; then
    say "note: $empty test assembl$([[ $empty -eq 1 ]] && echo y || echo ies) had no tests: ${!empty_assemblies[*]}"
fi
for problem in "${problems[@]}"; do
    say "FAILED: $problem (see ${log#"$root"/})"
done

echo "$passed passed, $failed failed"
[[ ${#problems[@]} -eq 0 ]]
