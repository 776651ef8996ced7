#!/usr/bin/env bash
# Refresh the JavaScript and WebAssembly of the site's SPARQL page from the npm registry:
#   oxigraph (the SPARQL engine compiled to WebAssembly: web.js + web_bg.wasm) and
#   @zazuko/yasqe (the query editor: CodeMirror with SPARQL mode, one bundled file + CSS),
# at the versions pinned by scripts/sparql-vendor/package-lock.json, into
# src/honlea_kg/publish/static/vendor/sparql/, with LICENSES.md listing every package whose code
# is shipped. The copies are committed: building a site (make run) never needs npm.
# To move to newer versions: edit scripts/sparql-vendor/package.json, run
#   npm install --prefix scripts/sparql-vendor --ignore-scripts
# then this script, test (tests/test_sparql_page.py) and commit.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --prefix scripts/sparql-vendor --no-audit --no-fund --ignore-scripts
NM=scripts/sparql-vendor/node_modules
DEST=src/honlea_kg/publish/static/vendor/sparql
rm -rf "$DEST"
mkdir -p "$DEST/oxigraph" "$DEST/yasqe"
cp "$NM/oxigraph/web.js" "$NM/oxigraph/web_bg.wasm" "$DEST/oxigraph/"
sed '/^\/\/# sourceMappingURL=/d' "$NM/@zazuko/yasqe/build/yasqe.min.js" > "$DEST/yasqe/yasqe.min.js"
cp "$NM/@zazuko/yasqe/build/yasqe.min.css" "$DEST/yasqe/"
node scripts/sparql-vendor/licenses.js > "$DEST/LICENSES.md"
ls -l "$DEST" "$DEST"/*/
