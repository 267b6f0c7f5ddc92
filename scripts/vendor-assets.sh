#!/usr/bin/env bash
# Refreshes the front-end files vendored under src/PeerCircle.Web/wwwroot/lib from the npm packages
# named in src/PeerCircle.Web/package.json. The vendored files are committed, so neither running nor
# testing PeerCircle needs npm; run this only to upgrade a package.
set -euo pipefail
cd "$(dirname "$0")/../src/PeerCircle.Web"
npm install --no-audit --no-fund --ignore-scripts
rm -rf wwwroot/lib/bootstrap
mkdir -p wwwroot/lib/bootstrap/css wwwroot/lib/bootstrap/js
cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/css/bootstrap.min.css.map wwwroot/lib/bootstrap/css/
cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js node_modules/bootstrap/dist/js/bootstrap.bundle.min.js.map wwwroot/lib/bootstrap/js/
cp node_modules/bootstrap/LICENSE wwwroot/lib/bootstrap/LICENSE
rm -rf wwwroot/lib/signalr
mkdir -p wwwroot/lib/signalr
cp node_modules/@microsoft/signalr/dist/browser/signalr.min.js node_modules/@microsoft/signalr/dist/browser/signalr.min.js.map wwwroot/lib/signalr/
# The npm package ships no licence file; its package.json says MIT (.NET Foundation).
node -p "'@microsoft/signalr ' + require('./node_modules/@microsoft/signalr/package.json').version + ': licence ' + require('./node_modules/@microsoft/signalr/package.json').license + ', Copyright (c) .NET Foundation and Contributors. https://github.com/dotnet/aspnetcore/blob/main/LICENSE.txt'" > wwwroot/lib/signalr/LICENSE.txt
rm -rf wwwroot/lib/chartjs
mkdir -p wwwroot/lib/chartjs
cp node_modules/chart.js/dist/chart.umd.min.js wwwroot/lib/chartjs/
cp node_modules/chart.js/LICENSE.md wwwroot/lib/chartjs/LICENSE.md
echo "Vendored: $(node -p "require('./node_modules/bootstrap/package.json').version") bootstrap"
echo "Vendored: $(node -p "require('./node_modules/chart.js/package.json').version") chart.js"
echo "Vendored: $(node -p "require('./node_modules/@microsoft/signalr/package.json').version") @microsoft/signalr"
