/* The archive in the browser: filter lists by topic, research type and year,
 * and make search results read well (each result's month, snippets that start
 * and end on whole words). Both read archive-index.json, which the HTML build
 * writes next to index.html. All text enters the page as text.
 *
 * The filters live in the address (?topic=...&type=...&year=...), so a
 * filtered list survives a reload, comes back with the Back button and can be
 * shared. A menu is offered only when it can narrow the list (two values or
 * more); each option counts the summaries it would show with the other
 * filters as they are. When its work is done the script marks the page
 * (<html data-archive-ready>), so tests know when to look. */
"use strict";

(() => {
  const root = document.documentElement.dataset.content_root || "";
  let indexPromise = null;
  const loadIndex = () => {
    indexPromise ??= fetch(root + "archive-index.json").then((response) => {
      if (!response.ok) throw new Error(`archive-index.json: ${response.status}`);
      return response.json();
    });
    return indexPromise;
  };

  const element = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const link = (href, text) => {
    const anchor = element("a", "reference internal", text);
    anchor.href = root + href;
    return anchor;
  };
  const count = (n) => `${n} ${n === 1 ? "summary" : "summaries"}`;

  // -- filters --------------------------------------------------------------

  // Each filter: its name in the address, its label, and a summary's value(s).
  const FILTERS = [
    { name: "topic", label: "Topic", all: "All topics", values: (s) => s.topics },
    { name: "type", label: "Research type", all: "All research types",
      values: (s) => [s.research_type] },
    { name: "year", label: "Year", all: "All years", values: (s) => [String(s.year)] },
  ];

  const inScope = (scope, summary) => {
    const [kind, value] = scope.split(":");
    if (kind === "topic") return summary.topics.includes(value);
    if (kind === "type") return summary.research_type === value;
    if (kind === "month") return summary.month === value;
    if (kind === "year") return String(summary.year) === value;
    return true;
  };

  const summaryItem = (summary, types) => {
    const item = element("li", "archive-summary");
    const title = element("p", "archive-summary-title");
    const strong = element("strong");
    strong.append(link(summary.url, summary.title));
    title.append(strong);
    const type = types.get(summary.research_type);
    const meta = element("p", "archive-summary-meta");
    meta.append(link(summary.month_url, summary.month_label), " · ", link(type.url, type.label));
    item.append(title, meta);
    if (summary.teaser) item.append(element("p", "archive-summary-teaser", summary.teaser));
    return item;
  };

  const labelsOf = (index) => ({
    topic: new Map(index.topics.map((t) => [t.slug, t.label])),
    type: new Map(index.research_types.map((t) => [t.slug, t.label])),
    year: null, // a year is its own label
  });

  // The values a filter can take in this list, in the vocabulary's order
  // (years newest first).
  const valuesIn = (filter, scoped, labels) => {
    const present = new Set(scoped.flatMap(filter.values));
    if (filter.name === "year") return [...present].sort((a, b) => b - a);
    return [...labels[filter.name].keys()].filter((value) => present.has(value));
  };

  const setUpFacets = (holder, index) => {
    const scope = holder.dataset.scope;
    const scoped = index.summaries.filter((s) => inScope(scope, s));
    if (!scoped.length) return; // "No summaries yet." says it all
    const labels = labelsOf(index);
    const types = new Map(index.research_types.map((t) => [t.slug, t]));
    const fixed = { topic: "topic", type: "type" }[scope.split(":")[0]];
    const offered = FILTERS
      .filter((filter) => filter.name !== fixed)
      .map((filter) => ({ ...filter, choices: valuesIn(filter, scoped, labels) }))
      .filter((filter) => filter.choices.length > 1);
    if (!offered.length) return; // nothing to narrow: the page's own list stays

    const form = element("form", "archive-facets-form");
    const fieldset = element("fieldset");
    const names = offered.map((f) => f.label.toLowerCase());
    const legend = names.length > 1
      ? `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}` : names[0];
    fieldset.append(element("legend", "", `Narrow the list by ${legend}`));
    const menus = new Map();
    for (const filter of offered) {
      const wrapper = element("div", "archive-facet");
      const label = element("label", "", filter.label);
      const menu = element("select");
      menu.id = label.htmlFor = `${holder.id}-${filter.name}`;
      menu.name = filter.name;
      wrapper.append(label, menu);
      fieldset.append(wrapper);
      menus.set(filter.name, menu);
    }
    const reset = element("button", "btn btn-sm btn-outline-secondary archive-facets-reset",
                          "Show all");
    reset.type = "button";
    const resetWrapper = element("div", "archive-facet archive-facet-reset");
    resetWrapper.append(reset);
    fieldset.append(resetWrapper);
    const status = element("p", "archive-facets-status");
    status.setAttribute("role", "status");
    const results = element("ul", "archive-summaries archive-facets-results");
    form.append(fieldset, status, results);
    holder.append(form);

    const chosen = () => Object.fromEntries(offered.map((f) => [f.name, menus.get(f.name).value]));
    const matches = (summary, selection, except) => offered.every((filter) =>
      filter.name === except || !selection[filter.name]
      || filter.values(summary).includes(selection[filter.name]));

    // Each menu's options, counted with the other filters applied; an option
    // that would show nothing is left out unless it is the one chosen.
    const fillMenus = (selection) => {
      for (const filter of offered) {
        const menu = menus.get(filter.name);
        const others = scoped.filter((s) => matches(s, selection, filter.name));
        const options = [new Option(filter.all, "")];
        for (const value of filter.choices) {
          const n = others.filter((s) => filter.values(s).includes(value)).length;
          if (!n && value !== selection[filter.name]) continue;
          const text = (labels[filter.name]?.get(value) ?? value) + ` (${n})`;
          options.push(new Option(text, value));
        }
        menu.replaceChildren(...options);
        menu.value = selection[filter.name] || "";
      }
    };

    const show = (selection) => {
      fillMenus(selection);
      const shown = scoped.filter((s) => matches(s, selection, null));
      results.replaceChildren(...shown.map((s) => summaryItem(s, types)));
      const narrowed = Object.values(selection).some(Boolean);
      status.textContent = narrowed ? `Showing ${count(shown.length)} of ${scoped.length}.`
                                    : `Showing all ${count(scoped.length)}.`;
      resetWrapper.hidden = !narrowed;
    };

    // The address holds the filters; values this list does not offer are ignored.
    const fromAddress = () => {
      const params = new URLSearchParams(window.location.search);
      return Object.fromEntries(offered.map((filter) => {
        const value = params.get(filter.name) || "";
        return [filter.name, filter.choices.includes(value) ? value : ""];
      }));
    };
    const toAddress = (selection) => {
      const url = new URL(window.location.href);
      for (const filter of offered) {
        if (selection[filter.name]) url.searchParams.set(filter.name, selection[filter.name]);
        else url.searchParams.delete(filter.name);
      }
      if (url.href !== window.location.href) window.history.replaceState(null, "", url);
    };

    form.addEventListener("change", () => {
      const selection = chosen();
      toAddress(selection);
      show(selection);
    });
    form.addEventListener("submit", (event) => event.preventDefault());
    reset.addEventListener("click", () => {
      const selection = Object.fromEntries(offered.map((f) => [f.name, ""]));
      toAddress(selection);
      show(selection);
      menus.get(offered[0].name).focus();
    });
    window.addEventListener("popstate", () => show(fromAddress()));
    // The form replaces the server-rendered list of the same summaries.
    const section = holder.closest("section") || holder.parentElement;
    for (const list of section.querySelectorAll("ul.archive-summaries")) {
      if (!holder.contains(list)) list.hidden = true;
    }
    show(fromAddress());
    holder.hidden = false;
  };

  // -- search results -------------------------------------------------------

  const labelSearchResults = (container, index) => {
    const months = new Map(index.summaries.map((s) => [s.url, s.month_label]));
    const label = (item) => {
      const anchor = item.querySelector(":scope > a");
      if (!anchor || item.querySelector(":scope > .search-result-month")) return;
      const url = anchor.getAttribute("href").split("#")[0];
      const month = months.get(url);
      if (month) anchor.after(element("span", "search-result-month", ` · ${month}`));
    };
    const labelAll = () => container.querySelectorAll("li").forEach(label);
    new MutationObserver(labelAll).observe(container, { childList: true, subtree: true });
    labelAll();
  };

  // What a result's snippet quotes: the page's article without its title,
  // breadcrumbs and the lists that repeat other summaries; a summary's text
  // before its header (topics, reviewed article), so that the words come from
  // the text where it has them.
  const LEFT_OUT = "h1, .headerlink, nav, script, style, .summary-related, .cite-this, "
    + ".summary-neighbours, .archive-facets, .archive-subscribe, .pdf-link";
  const articleText = (html) => {
    const page = new DOMParser().parseFromString(html, "text/html");
    const article = page.querySelector("article") || page.querySelector("[role=main]");
    if (!article) return "";
    article.querySelectorAll(LEFT_OUT).forEach((node) => node.remove());
    const header = article.querySelector("dl.summary-meta");
    const headerText = header ? header.textContent : "";
    if (header) header.remove();
    return `${article.textContent} ${headerText}`.replace(/\s+/g, " ").trim();
  };

  const WORD = "\\p{L}\\p{N}";
  const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const SNIPPET = 240; // characters, as Sphinx's own

  // About SNIPPET characters around the first word that starts with a search
  // term, from the start of its sentence when that is near, cut on whole words.
  const snippet = (text, terms) => {
    let at = -1;
    for (const term of terms) {
      const found = text.search(new RegExp(`(?<![${WORD}])${escapeRegExp(term)}`, "iu"));
      if (found >= 0 && (at < 0 || found < at)) at = found;
    }
    let start = 0;
    if (at > SNIPPET / 3) {
      const sentence = text.lastIndexOf(". ", at);
      start = sentence >= 0 && at - sentence < SNIPPET / 2 ? sentence + 2
        : text.indexOf(" ", at - SNIPPET / 3) + 1;
    }
    let end = Math.min(text.length, start + SNIPPET);
    if (end < text.length) {
      const space = text.lastIndexOf(" ", end);
      if (space > start) end = space;
    }
    return (start > 0 ? "… " : "") + text.slice(start, end).trim()
      + (end < text.length ? " …" : "");
  };

  const mendSearchSnippets = () => {
    if (typeof Search === "undefined") return; // Sphinx's search runs on search.html only
    Search.makeSearchSummary = (htmlText, keywords) => {
      const text = articleText(htmlText);
      if (!text) return null;
      const summary = element("p", "context", snippet(text, [...keywords]));
      return summary;
    };
  };

  const start = () => {
    const forms = document.querySelectorAll(".archive-facets[data-scope]");
    const results = document.getElementById("search-results");
    if (!forms.length && !results) return;
    loadIndex().then((index) => {
      forms.forEach((holder) => setUpFacets(holder, index));
      if (results) labelSearchResults(results, index);
    }).catch((error) => console.warn("archive:", error))
      .finally(() => { document.documentElement.dataset.archiveReady = "true"; });
  };

  mendSearchSnippets(); // before Sphinx's search starts (at DOMContentLoaded)
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
