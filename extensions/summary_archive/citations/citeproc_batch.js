// One build's references and citations, rendered by citeproc-js (the CSL
// processor of Zotero and Mendeley) with apa.csl and the en-US locale.
//
// Reads one JSON batch on stdin, writes one JSON answer on stdout (see
// citations/citeproc_js.py, which starts this script once per build):
//   in:  {style, locale, items, cites: [{ids, textual}], standalone}
//   out: {order, references, cites, standalone}
// Every item of `items` is registered at once, so that disambiguation
// (2021a/b, initials, more names) always sees the whole bibliography.
// `standalone` items (a summary cited as a blog post) are each rendered as a
// reference of their own, never disambiguated against one another or the
// bibliography (see standaloneReferences).
"use strict";

const fs = require("fs");
const CSL = require("citeproc");

// Private-use characters mark where each cite of a cluster starts and ends
// (the Python side strips them from every input).
const OPEN = "\uE000", MIDDLE = "\uE001", CLOSE = "\uE002";

function engine(styleText, localeText, items) {
  const sys = {
    retrieveLocale: () => localeText,
    retrieveItem: (id) => items[id],
    wrapCitationEntry: (text, id) => OPEN + id + MIDDLE + text + CLOSE,
  };
  return new CSL.Engine(sys, styleText, "en-US", true);
}

function entryText(entry) {
  return entry.trim().replace(/^<div class="csl-entry">/, "").replace(/<\/div>$/, "");
}

// A cluster as [[id or null, markup], ...]: each cite's own text (so each can
// link to its work) and the text between them, exactly as citeproc-js joins it.
function pieces(processor, cites) {
  processor.opt.development_extensions.apply_citation_wrapper = false;
  const whole = processor.makeCitationCluster(cites);
  if (cites.length === 1) {  // one cite: the whole, less the layout's own affixes
    const prefix = processor.citation.opt.layout_prefix || "";
    const suffix = processor.citation.opt.layout_suffix || "";
    if (whole.length > prefix.length + suffix.length && whole.startsWith(prefix)
        && whole.endsWith(suffix)) {
      const inner = whole.slice(prefix.length, whole.length - suffix.length);
      return [[null, prefix], [cites[0].id, inner], [null, suffix]].filter((p) => p[1]);
    }
  }
  processor.opt.development_extensions.apply_citation_wrapper = true;
  const wrapped = processor.makeCitationCluster(cites);
  processor.opt.development_extensions.apply_citation_wrapper = false;
  const found = [];
  const pattern = new RegExp(OPEN + "([^" + MIDDLE + "]*)" + MIDDLE + "([^" + CLOSE + "]*)" + CLOSE, "g");
  let position = 0, match;
  while ((match = pattern.exec(wrapped)) !== null) {
    if (match.index > position) found.push([null, wrapped.slice(position, match.index)]);
    found.push([match[1], match[2]]);
    position = pattern.lastIndex;
  }
  if (position < wrapped.length) found.push([null, wrapped.slice(position)]);
  const inner = found.map((piece) => piece[1]).join("");
  const start = whole.indexOf(inner);
  if (!inner || start < 0 || inner.includes(OPEN) || inner.includes(CLOSE)) {
    return [[cites[0].id, whole]];  // not found apart: one link for the whole
  }
  const before = whole.slice(0, start), after = whole.slice(start + inner.length);
  return [[null, before], ...found, [null, after]].filter((piece) => piece[1]);
}

// A narrative citation's parts: the works grouped by their author text (as
// citeproc-js disambiguates it), groups in the order first cited, each with
// its author and its years ("(2019, 2021a)") as pieces.
function narrative(processor, ids, listed) {
  const groups = new Map();
  for (const id of ids) {
    const author = processor.makeCitationCluster([{ id, "author-only": true }]);
    if (!groups.has(author)) groups.set(author, []);
    groups.get(author).push(id);
  }
  return [...groups].map(([author, members]) => ({
    first: members[0], author,
    years: pieces(processor, listed(members).map((id) => ({ id, "suppress-author": true }))),
  }));
}

function byId(list) {
  const found = {};
  // citeproc-js wraps a cite (wrapCitationEntry) only for items with a system_id.
  for (const item of list) found[item.id] = { ...item, system_id: item.id };
  return found;
}

// Each summary as a reference of its own, by the same engine once the
// bibliography is done. Alone, an item is never ambiguous; registered
// together, one author's posts of one year would become 2021a, 2021b. So
// they are registered in rounds in which no two share a first author and a
// year: no two citations can then be alike, nothing is disambiguated, and
// each renders exactly as it would alone.
function standaloneReferences(processor, items, list) {
  const groups = new Map();
  for (const item of list) {
    items[item.id] = { ...item, system_id: item.id };
    const first = (item.author || item.editor || [{}])[0];
    const year = ((item.issued || {})["date-parts"] || [[]])[0][0];
    const key = JSON.stringify([first.family || first.literal || item.title, year]);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(item.id);
  }
  const rendered = {};
  const rounds = Math.max(...[...groups.values()].map((ids) => ids.length));
  for (let round = 0; round < rounds; round += 1) {
    const ids = [...groups.values()].filter((g) => g.length > round).map((g) => g[round]);
    processor.updateItems(ids);
    const [params, entries] = processor.makeBibliography();
    params.entry_ids.forEach((entry, index) => { rendered[entry[0]] = entryText(entries[index]); });
  }
  return list.map((item) => rendered[item.id]);
}

function bibliography(processor, items, batch, answer) {
  processor.updateItems(Object.keys(items));
  const [params, entries] = processor.makeBibliography();
  answer.order = params.entry_ids.map((ids) => ids[0]);
  answer.order.forEach((id, index) => { answer.references[id] = entryText(entries[index]); });
  // citeproc-js keeps the given order among cites its sort finds equal: in
  // reference-list order, one author's works of one year come as 2021a, 2021b.
  const rank = {};
  answer.order.forEach((id, index) => { rank[id] = index; });
  const listed = (ids) => [...ids].sort((a, b) => rank[a] - rank[b]);
  answer.cites = batch.cites.map((cite) => cite.textual
    ? narrative(processor, cite.ids, listed)
    : pieces(processor, listed(cite.ids).map((id) => ({ id }))));
}

function main() {
  const batch = JSON.parse(fs.readFileSync(0, "utf8"));
  const styleText = fs.readFileSync(batch.style, "utf8");
  const localeText = fs.readFileSync(batch.locale, "utf8");
  const answer = { order: [], references: {}, cites: [], standalone: [] };
  const items = byId(batch.items);
  const processor = engine(styleText, localeText, items);  // one engine: apa.csl compiles once
  if (batch.items.length) bibliography(processor, items, batch, answer);
  if (batch.standalone.length) answer.standalone = standaloneReferences(processor, items, batch.standalone);
  process.stdout.write(JSON.stringify(answer));
}

main();
