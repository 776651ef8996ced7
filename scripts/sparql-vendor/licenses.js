// Print LICENSES.md for the files of src/honlea_kg/publish/static/vendor/sparql/: every npm
// package whose code is in them (oxigraph; @zazuko/yasqe and the packages bundled into
// yasqe.min.js, i.e. its production dependencies), with version, licence and licence text.
// Run by scripts/refresh-sparql-vendor.sh after `npm ci`.
"use strict";
const fs = require("fs");
const path = require("path");
const root = path.join(__dirname, "node_modules");
const texts = { oxigraph: "oxigraph.txt", "@zazuko/yasqe": "yasgui.txt", "@zazuko/yasgui-utils": "yasgui.txt" };
const shipped = { oxigraph: "oxigraph/web.js, oxigraph/web_bg.wasm", "@zazuko/yasqe": "yasqe/yasqe.min.js, yasqe/yasqe.min.css" };

function pkg(name) { return JSON.parse(fs.readFileSync(path.join(root, name, "package.json"), "utf8")); }

function closure(name, seen) {
  if (seen.has(name) || name.startsWith("@types/")) return;
  seen.add(name);
  for (const dep of Object.keys(pkg(name).dependencies || {})) closure(dep, seen);
}

function licenceText(name) {
  if (texts[name]) return fs.readFileSync(path.join(__dirname, "texts", texts[name]), "utf8");
  const dir = path.join(root, name);
  const files = fs.readdirSync(dir).filter((f) => /^(licen[cs]e|copying)/i.test(f)).sort();
  if (!files.length) throw new Error(`no licence text for ${name}`);
  return files.map((f) => fs.readFileSync(path.join(dir, f), "utf8")).join("\n");
}

const seen = new Set();
closure("oxigraph", seen);
closure("@zazuko/yasqe", seen);
const out = [
  "# Third-party code of the SPARQL page",
  "",
  "The files in this folder are copied unchanged from npm packages by",
  "`scripts/refresh-sparql-vendor.sh` (versions pinned in `scripts/sparql-vendor/package-lock.json`);",
  "`yasqe.min.js` bundles the dependencies of `@zazuko/yasqe` listed below. Only the trailing",
  "`sourceMappingURL` comment of `yasqe.min.js` is removed (the source map is not shipped).",
  "",
  "| package | version | licence | files here |",
  "|---|---|---|---|",
];
const names = [...seen].sort();
for (const name of names) {
  const p = pkg(name);
  out.push(`| ${name} | ${p.version} | ${p.license} | ${shipped[name] || "bundled in yasqe/yasqe.min.js"} |`);
}
for (const name of names) {
  out.push("", `## ${name} ${pkg(name).version}`, "", "```", licenceText(name).trim(), "```");
}
process.stdout.write(out.join("\n") + "\n");
