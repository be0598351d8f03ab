/* The archive in the browser: narrow lists by research type and year, and
 * show each search result's month. Both read archive-index.json, which the
 * HTML build writes next to index.html. All text enters the page as text. */
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

  // -- facets -------------------------------------------------------------

  const inScope = (scope, summary) => {
    const [kind, value] = scope.split(":");
    if (kind === "topic") return summary.topics.includes(value);
    if (kind === "type") return summary.research_type === value;
    if (kind === "month") return summary.month === value;
    if (kind === "year") return String(summary.year) === value;
    return true;
  };

  const fillSelect = (select, options) => {
    for (const [value, label] of options) {
      const option = element("option", "", label);
      option.value = value;
      select.append(option);
    }
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

  const count = (n) => `${n} ${n === 1 ? "summary" : "summaries"}`;

  const select = (id, name, labelText, allText) => {
    const wrapper = element("div", "archive-facet");
    const label = element("label", "", labelText);
    label.htmlFor = id;
    const menu = element("select");
    menu.id = id;
    menu.name = name;
    fillSelect(menu, [["", allText]]);
    wrapper.append(label, menu);
    return [wrapper, menu];
  };

  const setUpFacets = (holder, index) => {
    const scoped = index.summaries.filter((s) => inScope(holder.dataset.scope, s));
    if (!scoped.length) return; // "No summaries yet." says it all
    const types = new Map(index.research_types.map((t) => [t.slug, t]));
    const form = element("form", "archive-facets-form");
    const fieldset = element("fieldset");
    const [typeField, typeSelect] = select(`${holder.id}-type`, "research_type",
                                           "Research type", "All research types");
    const [yearField, yearSelect] = select(`${holder.id}-year`, "year", "Year", "All years");
    fieldset.append(element("legend", "", "Narrow the list by research type and year"),
                    typeField, yearField);
    const status = element("p", "archive-facets-status");
    status.setAttribute("role", "status");
    const results = element("ul", "archive-summaries archive-facets-results");
    form.append(fieldset, status, results);
    holder.append(form);

    const perType = (slug) => scoped.filter((s) => s.research_type === slug).length;
    fillSelect(typeSelect, index.research_types.filter((t) => perType(t.slug))
      .map((t) => [t.slug, `${t.label} (${perType(t.slug)})`]));
    const years = [...new Set(scoped.map((s) => s.year))].sort((a, b) => b - a);
    fillSelect(yearSelect, years.map((y) => [String(y), String(y)]));

    const update = () => {
      const type = typeSelect.value;
      const year = yearSelect.value;
      const shown = scoped.filter((s) => (!type || s.research_type === type)
                                         && (!year || String(s.year) === year));
      results.replaceChildren(...shown.map((s) => summaryItem(s, types)));
      status.textContent = type || year || scoped.length === 1
        ? `Showing ${count(shown.length)} of ${scoped.length}.`
        : `Showing all ${count(scoped.length)}.`;
    };
    form.addEventListener("change", update);
    form.addEventListener("submit", (event) => event.preventDefault());
    // The form replaces the server-rendered list of the same summaries.
    const section = holder.closest("section") || holder.parentElement;
    for (const list of section.querySelectorAll("ul.archive-summaries")) {
      if (!holder.contains(list)) list.hidden = true;
    }
    update();
    holder.hidden = false;
  };

  // -- search results: add the month of each summary ------------------------

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

  const start = () => {
    const forms = document.querySelectorAll(".archive-facets[data-scope]");
    const results = document.getElementById("search-results");
    if (!forms.length && !results) return;
    loadIndex().then((index) => {
      forms.forEach((holder) => setUpFacets(holder, index));
      if (results) labelSearchResults(results, index);
    }).catch((error) => console.warn("archive:", error));
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
