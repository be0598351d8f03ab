// The oracle of the APA tests: citeproc-js, the CSL processor inside Zotero
// and Mendeley, run directly on CSL-JSON written by hand (as a reference
// manager stores the works), with apa.csl and the en-US locale.
//
//   node apa_oracle.js < {style, locale, items, cases: [{keys, textual}], alone}
//   -> {order, references: {id: html}, cites: [html, ...], alone: [html, ...]}
// `alone` items are each the only item of the registry (as a cite-this
// reference is: a work of its own, disambiguated against nothing).
//
// Parenthetical cases are citeproc-js's own clusters. apa.csl has no
// narrative form, so a narrative case is what APA 8.11 and 8.17 describe,
// built from citeproc-js alone: the author as cited, names joined by "and"
// (apa.csl's citation names with and="text" instead of "&"), then that
// author's years in parentheses; several authors joined as in prose.
// Works are given to citeproc-js in reference-list order (citeproc-js keeps
// the given order among equals, and APA lists 2021a before 2021b).
"use strict";

const fs = require("fs");
const CSL = require("citeproc");

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const style = fs.readFileSync(input.style, "utf8");
const locale = fs.readFileSync(input.locale, "utf8");
const items = {};
for (const item of [...input.items, ...(input.alone || [])]) items[item.id] = item;
const sys = { retrieveLocale: () => locale, retrieveItem: (id) => items[id] };

function processor(styleText) {
  const engine = new CSL.Engine(sys, styleText, "en-US", true);
  engine.updateItems(input.items.map((item) => item.id));
  return engine;
}

// The same style, but names in citations joined by "and": running text.
const start = style.indexOf('<macro name="author-short">');
const end = style.indexOf("</macro>", start);
const inText = style.slice(0, start)
  + style.slice(start, end).split('and="symbol"').join('and="text"') + style.slice(end);

const apa = processor(style);
const prose = processor(inText);
const [params, entries] = apa.makeBibliography();
const order = params.entry_ids.map((ids) => ids[0]);
const references = {};
order.forEach((id, index) => {
  references[id] = entries[index].trim().replace(/^<div class="csl-entry">/, "").replace(/<\/div>$/, "");
});
const rank = Object.fromEntries(order.map((id, index) => [id, index]));
const listed = (ids) => [...ids].sort((a, b) => rank[a] - rank[b]);

function narrative(keys) {
  const groups = [];
  for (const id of keys) {
    const author = prose.makeCitationCluster([{ id, "author-only": true }]);
    const group = groups.find((g) => g.author === author);
    if (group) group.ids.push(id); else groups.push({ author, ids: [id] });
  }
  const parts = groups.map((g) => g.author + " "
    + apa.makeCitationCluster(listed(g.ids).map((id) => ({ id, "suppress-author": true }))));
  if (parts.length < 3) return parts.join(" and ");
  return parts.slice(0, -1).join(", ") + ", and " + parts[parts.length - 1];
}

const cites = input.cases.map((c) => c.textual
  ? narrative(c.keys)
  : apa.makeCitationCluster(listed(c.keys).map((id) => ({ id }))));
const alone = (input.alone || []).map((item) => {
  apa.updateItems([item.id]);
  return apa.makeBibliography()[1][0].trim()
    .replace(/^<div class="csl-entry">/, "").replace(/<\/div>$/, "");
});
process.stdout.write(JSON.stringify({ order, references, cites, alone }));
