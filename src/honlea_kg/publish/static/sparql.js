// The site's SPARQL page (sparql/index.html): an editor (YASQE), ready-made questions with
// editable parameters, and a query engine that is either the /sparql endpoint of
// `honlea-kg serve` (when the page says so in <meta name="honlea-sparql-endpoint">) or Oxigraph
// compiled to WebAssembly, run here in the browser over the published dataset.trig.
// No request leaves the site: every URL below is relative to the site's root, and the editor's
// only completers are the dataset's prefixes and the query's own variables.
import init, * as oxigraph from "../vendor/sparql/oxigraph/web.js";

const ROOT = new URL("../", import.meta.url);
const config = JSON.parse(document.getElementById("sparql-config").textContent);
const $ = (id) => document.getElementById(id);
const XSD_STRING = "http://www.w3.org/2001/XMLSchema#string";
const RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label";
const MAX_SHOWN = 1000;

// --- the editor --------------------------------------------------------------------------------
let yasqe = null;
const textarea = $("query");
if (window.Yasqe) {
  const Yasqe = window.Yasqe;
  // YASQE merges its options into Yasqe.defaults with lodash's merge, which merges arrays index
  // by index: `autocompleters: []` alone would keep the defaults' "prefixes" (prefix.cc's list,
  // where schema: is http://schema.org/), "property" and "class" (keystrokes sent to the LOV
  // service).  So the defaults are emptied, and the only prefix completer is a copy of YASQE's
  // whose list is the dataset's own prefixes (config.prefixes, from honlea_kg.vocab.PREFIXES),
  // kept in memory (no persistenceId: nothing cached in localStorage either).
  Yasqe.defaults.autocompleters = [];
  if (!Yasqe.Autocompleters.datasetPrefixes) {
    Yasqe.forkAutocompleter("prefixes", {
      name: "datasetPrefixes",
      persistenceId: null,
      get: Object.entries(config.prefixes).map(([p, ns]) => `${p}: <${ns}>`).sort(),
    }, false);
  }
  yasqe = new Yasqe($("editor"), {
    value: textarea.value,
    autocompleters: ["datasetPrefixes", "variables"],  // nothing looked up outside the page
    prefixCcApi: null,
    showQueryButton: false,
    persistenceId: null,
    createShareableLink: null,   // our own "Link to this query" instead
    resizeable: true,
    editorHeight: "320px",
    extraKeys: { "Ctrl-Enter": () => run(), "Cmd-Enter": () => run() },
  });
  const input = yasqe.getInputField();
  input.setAttribute("aria-label", "SPARQL query");
  // the scrolling area must be reachable by keyboard (WCAG 2.1.1); focusing it moves into the editor
  const scroller = yasqe.getWrapperElement().querySelector(".CodeMirror-scroll");
  if (scroller) {
    scroller.tabIndex = 0;
    scroller.setAttribute("aria-label", "SPARQL query editor");
    scroller.addEventListener("focus", () => yasqe.focus());
  }
  textarea.hidden = true;
  document.querySelector(".sparql-fallback-label").hidden = true;
}
const getQuery = () => (yasqe ? yasqe.getValue() : textarea.value);
const setQuery = (text) => { if (yasqe) yasqe.setValue(text); else textarea.value = text; };

// --- ready-made questions and their parameters -------------------------------------------------
const examples = new Map(config.examples.map((q) => [q.name, q]));

function sparqlString(value) {
  return JSON.stringify(value);  // a JSON string is a valid SPARQL STRING_LITERAL2
}

function withParameters(example) {
  if (!example.values) return example.text;
  const v = example.values;
  const inputs = [...document.querySelectorAll("#params input")];
  let block;
  if (v.vars.length === 1) {
    const items = inputs[0].value.split(",").map((s) => s.trim()).filter(Boolean);
    block = `VALUES ?${v.vars[0]} { ${items.map(sparqlString).join(" ")} }`;
  } else {
    block = `VALUES (${v.vars.map((x) => "?" + x).join(" ")}) { (${inputs.map((i) => sparqlString(i.value)).join(" ")}) }`;
  }
  return example.text.slice(0, v.start) + block + example.text.slice(v.end);
}

// The same restriction the benchmark makes: a VALUES block on the meeting variable at the start
// of every WHERE group whose SELECT projects it (or *).
function restrictToMeeting(text, code, variable = "meeting") {
  if (!code) return text;
  const re = /\bSELECT\b([\s\S]*?)\bWHERE\s*\{/gi;
  let out = "", pos = 0, m;
  while ((m = re.exec(text)) !== null) {
    if (new RegExp(`\\?${variable}\\b`).test(m[1]) || /(^|\s)\*(\s|$)/.test(m[1])) {
      out += text.slice(pos, re.lastIndex) + ` VALUES ?${variable} { ${sparqlString(code)} } `;
      pos = re.lastIndex;
    }
  }
  return out + text.slice(pos);
}

function currentExampleText() {
  const example = examples.get($("example").value);
  if (!example) return null;
  return restrictToMeeting(withParameters(example), $("meeting").value.trim(), example.meeting_var || "meeting");
}

function showParameters(example) {
  const box = $("params");
  box.replaceChildren();
  if (!example || !example.values) { box.hidden = true; return; }
  const v = example.values;
  const intro = document.createElement("p");
  intro.textContent = "Parameters of this question:";
  box.append(intro);
  const fields = v.vars.length === 1 ? [[v.vars[0] + " (several values: separate with commas)", v.rows.join(", ")]]
    : v.vars.map((name, i) => [name, v.rows[i]]);
  fields.forEach(([label, value], i) => {
    const p = document.createElement("p");
    const l = document.createElement("label");
    l.htmlFor = `param-${i}`;
    l.textContent = label;
    const input = document.createElement("input");
    input.id = `param-${i}`;
    input.value = value;
    input.addEventListener("input", () => setQuery(currentExampleText()));
    p.append(l, " ", input);
    box.append(p);
  });
  box.hidden = false;
}

$("example").addEventListener("change", () => {
  const example = examples.get($("example").value);
  showParameters(example);
  if (example) setQuery(currentExampleText());
});
$("meeting").addEventListener("input", () => { const t = currentExampleText(); if (t) setQuery(t); });

// --- engines ------------------------------------------------------------------------------------
const endpointMeta = document.querySelector('meta[name="honlea-sparql-endpoint"]');
let enginePromise = null;
let force = false;

function endpointEngine(url) {
  return {
    name: "the SPARQL endpoint of honlea-kg serve",
    async query(text) {
      const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded",
                   Accept: "application/sparql-results+json, text/turtle;q=0.9" },
        body: new URLSearchParams({ query: text }),
      });
      const body = await response.text();
      if (!response.ok) throw new Error(body.trim() || `HTTP ${response.status}`);
      const cut = response.headers.get("X-SPARQL-MaxRows");
      if ((response.headers.get("Content-Type") || "").startsWith("text/turtle")) return { turtle: body, cut };
      return { json: JSON.parse(body), cut };
    },
  };
}

async function wasmEngine() {
  setStatus("Loading the SPARQL engine and the graph…");
  const started = performance.now();
  await init();
  const response = await fetch(new URL(config.dataset, ROOT));
  if (!response.ok) throw new Error(`cannot load ${config.dataset}: HTTP ${response.status}`);
  const data = await response.text();
  const store = new oxigraph.Store();
  store.load(data, { format: "application/trig" });
  // the default graph is the merge of the report graphs, as in `honlea-kg query` and `serve`
  store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }");
  window.honleaSparqlLoadedMs = performance.now() - started;
  return {
    name: "Oxigraph (WebAssembly) in this browser",
    async query(text) {
      try {
        return { json: JSON.parse(store.query(text, { results_format: "application/sparql-results+json" })) };
      } catch (e) {
        if (!/RDF format/.test(String(e.message))) throw e;
        return { turtle: store.query(text, { results_format: "text/turtle" }) };
      }
    },
    store,
  };
}

function engine() {
  if (!enginePromise) {
    if (endpointMeta) {
      enginePromise = Promise.resolve(endpointEngine(new URL(endpointMeta.content, location.href)));
    } else if (config.triples > config.limit && !force) {
      return Promise.reject(new Error(`This build holds ${config.triples.toLocaleString("en")} triples, more than ` +
        `the ${config.limit.toLocaleString("en")} this page loads into a browser: use honlea-kg serve or a SPARQL store ` +
        `(or press "Load the dump anyway").`));
    } else {
      enginePromise = wasmEngine();
      enginePromise.catch(() => { enginePromise = null; });
    }
  }
  return enginePromise;
}

if (endpointMeta && $("too-big")) $("too-big").hidden = true;
if ($("load-anyway")) $("load-anyway").addEventListener("click", () => { force = true; run(); });

// --- results ------------------------------------------------------------------------------------
function setStatus(text) { $("status").textContent = text; }

function showError(message) {
  const box = $("error");
  box.textContent = message;
  box.hidden = false;
}

function pageHref(iri) {
  if (!iri.startsWith(config.base)) return null;
  const rest = iri.slice(config.base.length);
  const hash = rest.indexOf("#");
  const path = hash < 0 ? rest : rest.slice(0, hash);
  const frag = hash < 0 ? "" : rest.slice(hash);
  return new URL((path ? path + "/" : "") + frag, ROOT).href;
}

// Properties that name an entity: a literal of a result that is the value of one of these for
// exactly one entity with a page of its own (meeting codes, ISO codes, document symbols, names,
// labels) is linked to that entity's page.
const NAMING = ["https://w3id.org/honlea-kg/ns#meetingCode", "http://purl.org/dc/terms/identifier",
  "http://www.w3.org/2004/02/skos/core#prefLabel", RDFS_LABEL, "https://schema.org/name",
  "http://xmlns.com/foaf/0.1/name"];

function termSyntax(term) {
  if (term.type === "uri") return `<${term.value}>`;
  const text = JSON.stringify(term.value);
  if (term["xml:lang"]) return `${text}@${term["xml:lang"]}`;
  if (term.datatype && term.datatype !== XSD_STRING) return `${text}^^<${term.datatype}>`;
  return text;
}

async function labelsOf(iris, literals, eng) {
  const labels = new Map();
  const wanted = [...iris].filter((i) => i.startsWith(config.base)).slice(0, 2000);
  if (wanted.length) {
    const q = `SELECT ?s ?label WHERE { VALUES ?s { ${wanted.map((i) => `<${i}>`).join(" ")} } ` +
      `VALUES ?p { <${RDFS_LABEL}> <http://www.w3.org/2004/02/skos/core#prefLabel> <https://schema.org/name> } ?s ?p ?label }`;
    try {
      const { json } = await eng.query(q);
      for (const b of json.results.bindings) {
        const lang = b.label["xml:lang"] || "";
        const old = labels.get(b.s.value);
        if (!old || lang === "en" || (lang === "" && old.lang !== "en")) labels.set(b.s.value, { text: b.label.value, lang });
      }
    } catch (e) { /* labels are a courtesy; the result stands without them */ }
  }
  const entities = new Map();
  const values = [...literals.values()].filter((t) => t.value.length <= 200).slice(0, 2000);
  if (values.length) {
    const q = `SELECT DISTINCT ?v ?e WHERE { VALUES ?v { ${values.map(termSyntax).join(" ")} } ` +
      `VALUES ?p { ${NAMING.map((p) => `<${p}>`).join(" ")} } ?e ?p ?v . ` +
      `FILTER (STRSTARTS(STR(?e), ${JSON.stringify(config.base)}) && !CONTAINS(STR(?e), "#")) }`;
    try {
      const { json } = await eng.query(q);
      const found = new Map();
      for (const b of json.results.bindings) {
        const key = termSyntax(b.v);
        if (!found.has(key)) found.set(key, new Set());
        found.get(key).add(b.e.value);
      }
      for (const [key, set] of found) if (set.size === 1) entities.set(key, [...set][0]);
    } catch (e) { /* as above */ }
  }
  return { labels, entities };
}

function cell(term, known) {
  const td = document.createElement("td");
  if (!term) return td;
  if (term.type === "uri") {
    const href = pageHref(term.value);
    const label = known.labels.get(term.value);
    const a = document.createElement("a");
    a.href = href || term.value;
    a.textContent = label ? label.text : term.value;
    if (label) a.title = term.value;
    td.append(a);
  } else if (term.type === "bnode") {
    td.textContent = "_:" + term.value;
  } else {
    const entity = known.entities.get(termSyntax(term));
    const target = entity ? document.createElement("a") : td;
    target.textContent = term.value;
    if (entity) {
      target.href = pageHref(entity);
      target.title = entity;
      td.append(target);
    }
    if (term["xml:lang"]) td.lang = term["xml:lang"];
  }
  return td;
}

function csvOf(json) {
  const quote = (s) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const vars = json.head.vars;
  const lines = [vars.map(quote).join(",")];
  for (const b of json.results.bindings) {
    lines.push(vars.map((v) => (b[v] ? quote(b[v].type === "bnode" ? "_:" + b[v].value : b[v].value) : "")).join(","));
  }
  return lines.join("\r\n") + "\r\n";
}

let downloadUrls = [];
function offerDownloads(files) {
  downloadUrls.forEach((u) => URL.revokeObjectURL(u));
  downloadUrls = [];
  for (const [id, text, type] of files) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    downloadUrls.push(url);
    $(id).href = url;
  }
  $("downloads").hidden = false;
}

async function render(answer, eng, ms) {
  const box = $("result");
  box.replaceChildren();
  if (answer.turtle !== undefined) {
    const pre = document.createElement("pre");
    pre.textContent = answer.turtle;
    box.append(pre);
    setStatus(`Graph result (Turtle) in ${ms} ms, by ${eng.name}.`);
    $("downloads").hidden = true;
    return;
  }
  const json = answer.json;
  if (typeof json.boolean === "boolean") {
    const p = document.createElement("p");
    p.textContent = `Answer: ${json.boolean ? "yes (true)" : "no (false)"}`;
    box.append(p);
    setStatus(`ASK answered in ${ms} ms, by ${eng.name}.`);
    offerDownloads([["download-csv", `boolean\r\n${json.boolean}\r\n`, "text/csv"],
                    ["download-json", JSON.stringify(json), "application/sparql-results+json"]]);
    return;
  }
  const vars = json.head.vars;
  const rows = json.results.bindings;
  const iris = new Set();
  const literals = new Map();
  for (const b of rows.slice(0, MAX_SHOWN)) {
    for (const v of vars) {
      if (!b[v]) continue;
      if (b[v].type === "uri") iris.add(b[v].value);
      else if (b[v].type !== "bnode") literals.set(termSyntax(b[v]), b[v]);
    }
  }
  const known = await labelsOf(iris, literals, eng);
  const table = document.createElement("table");
  table.className = "props sparql-results";
  const caption = document.createElement("caption");
  caption.textContent = `${rows.length} row${rows.length === 1 ? "" : "s"}`;
  const head = document.createElement("tr");
  for (const v of vars) { const th = document.createElement("th"); th.scope = "col"; th.textContent = v; head.append(th); }
  const thead = document.createElement("thead");
  thead.append(head);
  const tbody = document.createElement("tbody");
  for (const b of rows.slice(0, MAX_SHOWN)) {
    const tr = document.createElement("tr");
    for (const v of vars) tr.append(cell(b[v], known));
    tbody.append(tr);
  }
  table.append(caption, thead, tbody);
  box.append(table);
  let status = `${rows.length} row${rows.length === 1 ? "" : "s"} in ${ms} ms, by ${eng.name}.`;
  if (rows.length > MAX_SHOWN) status += ` The first ${MAX_SHOWN} are shown; the downloads hold all of them.`;
  if (answer.cut) status += ` The endpoint cut the result at ${answer.cut} rows (serve --max-rows).`;
  setStatus(status);
  offerDownloads([["download-csv", csvOf(json), "text/csv"],
                  ["download-json", JSON.stringify(json), "application/sparql-results+json"]]);
}

async function run() {
  const text = getQuery();
  $("error").hidden = true;
  const share = new URL(location.href);
  share.search = new URLSearchParams({ query: text }).toString();
  $("share").href = share.href;
  let eng;
  try {
    eng = await engine();
  } catch (e) {
    showError(e.message);
    setStatus("The query was not run.");
    return;
  }
  setStatus("Running…");
  const started = performance.now();
  try {
    const answer = await eng.query(text);
    await render(answer, eng, Math.round(performance.now() - started));
  } catch (e) {
    $("result").replaceChildren();
    $("downloads").hidden = true;
    showError(`The query failed: ${e.message}`);
    setStatus("The query failed.");
  }
  fillMeetings(eng);
}

let meetingsFilled = false;
async function fillMeetings(eng) {
  if (meetingsFilled) return;
  meetingsFilled = true;
  try {
    const { json } = await eng.query("SELECT DISTINCT ?code WHERE { ?r <https://w3id.org/honlea-kg/ns#reportOf> ?m . " +
      "?m <https://w3id.org/honlea-kg/ns#meetingCode> ?code } ORDER BY ?code");
    const list = $("meetings");
    for (const b of json.results.bindings) { const o = document.createElement("option"); o.value = b.code.value; list.append(o); }
  } catch (e) { /* a convenience only */ }
}

$("run").addEventListener("click", () => run());

// A query shared as a link (?query=...) is shown and run at once.
const shared = new URLSearchParams(location.search).get("query");
if (shared) {
  setQuery(shared);
  run();
}
window.honleaSparql = { run, restrictToMeeting, getQuery, setQuery };
