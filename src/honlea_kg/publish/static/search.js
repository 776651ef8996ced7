/* The search page: runs Pagefind's index (pagefind/, written when the site is built) in the
   browser. A result that matched inside a report paragraph links to that paragraph (the part
   of the page, between two anchors, holding the best run of matches) and its excerpt is taken
   from that paragraph. */
const root = new URL("./", import.meta.url);
const form = document.getElementById("search-page-form");
const input = document.getElementById("search-page-q");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const ANCHOR = /^(para_|annex|heading_|chapter_|recommendation|conclusion|observation|item-|table_)/;

function bestAnchor(data) {
  // The part of the page (between two anchors) holding the longest run of matched words next
  // to each other (a phrase: at most two words apart), then the most matches: for a phrase
  // from a paragraph, that paragraph; ties go to the earliest part.
  const anchors = (data.anchors || []).filter((a) => ANCHOR.test(a.id)).sort((a, b) => a.location - b.location);
  const locations = [...(data.locations || [])].sort((a, b) => a - b);
  const score = new Map();
  let run = 0, previous = null, previousOwner = null;
  for (const loc of locations) {
    let owner = null;
    for (const a of anchors) { if (a.location <= loc) { owner = a; } else { break; } }
    if (!owner) { previous = loc; continue; }
    run = (previous !== null && owner === previousOwner && loc - previous <= 2) ? run + 1 : 1;
    const s = score.get(owner) || { run: 0, count: 0 };
    score.set(owner, { run: Math.max(s.run, run), count: s.count + 1 });
    previous = loc; previousOwner = owner;
  }
  let best = null, bestScore = null;
  for (const [a, s] of score) {
    if (!best || s.run > bestScore.run || (s.run === bestScore.run && s.count > bestScore.count)
        || (s.run === bestScore.run && s.count === bestScore.count && a.location < best.location)) {
      best = a; bestScore = s;
    }
  }
  return best;
}

// An excerpt from the matched part of the page only (a report paragraph, not the densest part of
// the whole report, which is one long page): the words from `anchor` to the next anchor, as
// Pagefind splits its text (raw_content: the text with < and > escaped), with the hits marked.
const EXCERPT_WORDS = 30;
function partExcerpt(data, anchor) {
  const content = data.raw_content || "";
  const words = content.includes("\u200B") ? content.split("\u200B") : content.split(/[\r\n\s]+/g);
  const anchors = (data.anchors || []).filter((a) => ANCHOR.test(a.id)).sort((a, b) => a.location - b.location);
  const next = anchors.find((a) => a.location > anchor.location);
  const end = Math.min(words.length, next ? next.location : words.length);
  const hits = new Set((data.locations || []).filter((l) => l >= anchor.location && l < end));
  if (hits.size === 0) return null;
  const first = Math.min(...hits);
  let start = Math.max(anchor.location, Math.min(first - 8, end - EXCERPT_WORDS));
  const stop = Math.min(end, start + EXCERPT_WORDS);
  const out = [];
  for (let i = start; i < stop; i++) out.push(hits.has(i) ? `<mark>${words[i]}</mark>` : words[i]);
  return (start > anchor.location ? "… " : "") + out.join(" ").trim() + (stop < end ? " …" : "");
}

async function run(q) {
  status.textContent = "Searching…";
  list.replaceChildren();
  let pagefind;
  try {
    pagefind = await import(new URL("pagefind/pagefind.js", root).href);
    await pagefind.options({ baseUrl: root.pathname });
  } catch (err) {
    status.textContent = "The search index could not be loaded (" + err.message + "). Serve the site over HTTP.";
    return;
  }
  const search = await pagefind.search(q);
  const shown = search.results.slice(0, 50);
  const results = await Promise.all(shown.map((r) => r.data()));
  status.textContent = search.results.length === 0 ? `Nothing found for “${q}”.`
    : `${search.results.length} page${search.results.length === 1 ? "" : "s"} found for “${q}”`
      + (search.results.length > shown.length ? `; the first ${shown.length} are shown.` : ".");
  for (const data of results) {
    const li = document.createElement("li");
    const a = document.createElement("a");
    const anchor = bestAnchor(data);
    a.href = data.url + (anchor ? "#" + anchor.id : "");
    a.textContent = (data.meta && data.meta.title) || data.url;
    if (anchor && /^para_/.test(anchor.id)) {
      a.textContent += ", para. " + anchor.id.replace(/^para_/, "").replace(/__point_/, " (") + (anchor.id.includes("__point_") ? ")" : "");
    }
    const p = document.createElement("p");
    // Pagefind escapes the text and marks the hits with <mark>
    p.innerHTML = (anchor && partExcerpt(data, anchor)) || data.excerpt;
    li.append(a, p);
    list.append(li);
  }
}

const q = new URLSearchParams(location.search).get("q") || "";
input.value = q;
const header = document.getElementById("site-search");
if (header) { header.value = q; }
if (q.trim()) { run(q.trim()); }
form.addEventListener("submit", (e) => {
  e.preventDefault();
  const value = input.value.trim();
  history.replaceState(null, "", "?q=" + encodeURIComponent(value));
  if (value) { run(value); }
});
