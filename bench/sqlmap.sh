#!/usr/bin/env bash
# SQL injection scan with sqlmap (Debian package) against the sign-in, search and posting forms.
#
# Starts the app (Release build, environment "Production", demo data in a fresh SQLite file) on
# https://127.0.0.1:$PORT with a throwaway self-signed certificate (the app's cookies are __Host-,
# so Secure: they only travel over https), signs in with curl, and runs sqlmap in batch mode with a
# bounded level, risk and time against:
#   1. sign-in:  POST /Identity/Account/Login            Input.Email, Input.Password (anonymous)
#   2. search:   GET  /Admin/Users?q=...&role=...         (signed in as the demo admin)
#                GET  /Groups?topic=...&format=...        (signed in as the demo member)
#   3. posting:  POST /Groups/Board/New/{group}           Input.Title, Input.Text (signed in as the demo member)
# Each form's antiforgery token is fetched fresh before every request (--csrf-token/--csrf-url).
# Rate limits are raised for the scan only (they would otherwise answer sqlmap with 429).
#
# Usage: bash bench/sqlmap.sh            (LEVEL, RISK, PER_TARGET_SECONDS, PORT override the defaults;
#                                          SKIP_BUILD=1 uses the existing Release build)
# Output: artifacts/sqlmap/<target>.log (git-ignored) and a summary line per target; exit 1 if any target is injectable.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${PORT:-5443}"
LEVEL="${LEVEL:-3}"
RISK="${RISK:-2}"
PER_TARGET_SECONDS="${PER_TARGET_SECONDS:-300}"
BASE="https://127.0.0.1:${PORT}"
OUT="${ROOT}/artifacts/sqlmap"
WORK="$(mktemp -d /tmp/peercircle-sqlmap-XXXXXX)"
APP_PID=""

say() { printf '[sqlmap.sh] %s\n' "$*"; }

cleanup() {
    if [[ -n "${APP_PID}" ]] && kill -0 "${APP_PID}" 2>/dev/null; then
        kill "${APP_PID}" 2>/dev/null || true
        wait "${APP_PID}" 2>/dev/null || true
    fi
    rm -rf "${WORK}"
}
trap cleanup EXIT

if ! command -v sqlmap >/dev/null 2>&1; then
    say "sqlmap is missing: installing the Debian package"
    if [[ "$(id -u)" -eq 0 ]]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlmap >/dev/null
    elif command -v sudo >/dev/null 2>&1; then
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlmap >/dev/null
    else
        say "Not root and no sudo: install sqlmap by hand (apt-get install sqlmap)."
        exit 2
    fi
fi
for tool in curl openssl; do
    command -v "${tool}" >/dev/null 2>&1 || { say "${tool} is required"; exit 2; }
done
mkdir -p "${OUT}"

if [[ "${SKIP_BUILD:-0}" == "1" && -f "${ROOT}/src/PeerCircle.Web/bin/Release/net10.0/PeerCircle.Web.dll" ]]; then
    say "using the existing Release build (SKIP_BUILD=1)"
else
    say "building the app"
    dotnet build "${ROOT}/src/PeerCircle.Web" -c Release -v q -nologo >/dev/null
fi

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=localhost" \
    -keyout "${WORK}/key.pem" -out "${WORK}/cert.pem" >/dev/null 2>&1

say "starting the app on ${BASE}"
(
    cd "${ROOT}/src/PeerCircle.Web"
    ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_URLS="${BASE}" \
    Kestrel__Certificates__Default__Path="${WORK}/cert.pem" \
    Kestrel__Certificates__Default__KeyPath="${WORK}/key.pem" \
    ConnectionStrings__Sqlite="Data Source=${WORK}/peercircle.db" \
    Database__Provider=Sqlite \
    App__PublicBaseUrl="${BASE}" \
    Seed__DemoData=true \
    Email__PickupDirectory="${WORK}/mail" \
    RateLimits__SignInPerMinute=100000 \
    RateLimits__AccountEmailsPerMinute=100000 \
    RateLimits__PostsPerMinute=100000 \
    RateLimits__ReportsPerMinute=100000 \
    Serilog__WriteTo__1__Args__path="${WORK}/logs/peercircle-.json" \
    exec dotnet "bin/Release/net10.0/PeerCircle.Web.dll" >"${WORK}/app.log" 2>&1
) &
APP_PID=$!
for _ in $(seq 1 300); do
    if curl -ksf "${BASE}/health/ready" >/dev/null 2>&1; then break; fi
    sleep 1
done
curl -ksf "${BASE}/health/ready" >/dev/null || { say "the app did not start"; tail -40 "${WORK}/app.log"; exit 2; }

# Signs in through the real form; prints the Cookie header value that carries the session.
sign_in() {
    local email="$1" jar="${WORK}/jar-$1"
    local token
    token="$(curl -ks -c "${jar}" -b "${jar}" "${BASE}/Identity/Account/Login" \
        | { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' || true; } | sed 's/.*value="//; s/"$//')"
    [[ -n "${token}" ]] || { say "the sign-in page has no antiforgery token" >&2; exit 2; }
    curl -ks -o /dev/null -c "${jar}" -b "${jar}" \
        --data-urlencode "Input.Email=${email}" --data-urlencode "Input.Password=PeerCircle-demo-1" \
        --data-urlencode "__RequestVerificationToken=${token}" "${BASE}/Identity/Account/Login"
    grep -q '__Host-PeerCircle\s' "${jar}" || { say "sign-in of ${email} failed"; exit 2; }
    awk '$6 ~ /^__Host-PeerCircle$/ { printf "%s=%s", $6, $7 }' "${jar}"
}

ADMIN_COOKIE="$(sign_in admin@peercircle.test)"
MEMBER_COOKIE="$(sign_in member@peercircle.test)"
# The first group whose page shows the demo member a link to its board (the member belongs to it).
GROUP=""
for attempt in 1 2 3 4 5; do
    for g in $(curl -ks -m 60 -H "Cookie: ${MEMBER_COOKIE}" "${BASE}/Groups" | { grep -o '/Groups/Details/[0-9a-f-]\{36\}' || true; } | sed 's#.*/##' | sort -u); do
        if curl -ks -m 60 -H "Cookie: ${MEMBER_COOKIE}" "${BASE}/Groups/Details/${g}" | grep -q "/Groups/Board/${g}"; then GROUP="${g}"; break; fi
    done
    [[ -n "${GROUP}" ]] && break
    sleep 5
done
[[ -n "${GROUP}" ]] || { say "the demo member has no group board"; exit 2; }

COMMON=(--batch --level="${LEVEL}" --risk="${RISK}" --dbms=SQLite --technique=BEUST --time-sec=2
        --timeout=15 --retries=1 --threads=1 --disable-coloring --flush-session --output-dir="${WORK}/sqlmap")

injectable=0
run() {
    local name="$1"; shift
    say "target ${name}"
    set +e
    timeout "${PER_TARGET_SECONDS}" sqlmap "${COMMON[@]}" "$@" >"${OUT}/${name}.log" 2>&1
    local rc=$?
    set -e
    if grep -qiE 'is vulnerable|sqlmap identified the following injection point' "${OUT}/${name}.log"; then
        say "  ${name}: INJECTABLE (see ${OUT}/${name}.log)"; injectable=1
    elif grep -q 'all tested parameters do not appear to be injectable' "${OUT}/${name}.log"; then
        say "  ${name}: not injectable ($(grep -c 'does not seem to be injectable' "${OUT}/${name}.log") parameters tested)"
    elif grep -q "anti-CSRF token .* can't be found" "${OUT}/${name}.log"; then
        say "  ${name}: NOT TESTED: sqlmap could not read the form's antiforgery token"; injectable=1
    elif [[ ${rc} -eq 124 ]]; then
        say "  ${name}: stopped after ${PER_TARGET_SECONDS}s, nothing found until then"
    else
        say "  ${name}: sqlmap ended with ${rc}, no injection reported (see ${OUT}/${name}.log)"
    fi
}

run sign-in -u "${BASE}/Identity/Account/Login" \
    --data="Input.Email=someone%40example.test&Input.Password=guess&__RequestVerificationToken=x" \
    -p "Input.Email,Input.Password" --csrf-token="__RequestVerificationToken" --csrf-url="${BASE}/Identity/Account/Login" --csrf-method=GET
run search-people -u "${BASE}/Admin/Users?q=sam&role=Member" -p "q,role" --cookie="${ADMIN_COOKIE}"
run search-groups -u "${BASE}/Groups?topic=WorkStress&format=Online" -p "topic,format" --cookie="${MEMBER_COOKIE}"
run posting -u "${BASE}/Groups/Board/New/${GROUP}" --cookie="${MEMBER_COOKIE}" \
    --data="Input.Title=A+title&Input.Text=Some+text&Input.Audience=Group&Input.Byline=Pseudonym&Input.AsPrompt=false&__RequestVerificationToken=x" \
    -p "Input.Title,Input.Text,Input.Audience,Input.Byline" --csrf-token="__RequestVerificationToken" --csrf-url="${BASE}/Groups/Board/New/${GROUP}" --csrf-method=GET

if grep -q ' 500 ' <(grep -o 'responded [0-9]*' "${WORK}/app.log" | sed 's/responded/ /; s/$/ /'); then
    say "the app answered some requests with 500: $(grep -c 'responded 500' "${WORK}/app.log")"
fi
say "done: $(grep -c 'HTTP [A-Z]* ' "${WORK}/app.log" || true) requests logged by the app; results in ${OUT}"
exit "${injectable}"
