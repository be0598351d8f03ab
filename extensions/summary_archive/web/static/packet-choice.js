/* Reading packets made in the browser (see web/packet.py): what the chooser
 * on the Downloads page (packet-chooser.js) and the packet page
 * (packet-page.js) share: the archive's data, packet-data/index.json, and the
 * rules of a choice, which are core/selection.py's. The choice lives in the
 * address: ?topics=a,b&types=c&since=YYYY-MM&until=YYYY-MM&summaries=...&title=...
 * Every string from the data or the address enters the page as text. */
"use strict";

window.ArchivePacket = (() => {
  const root = document.documentElement.dataset.content_root || "";
  const getJson = (path) => fetch(root + path).then((response) => {
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return response.json();
  });

  const element = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const plural = (count, one, many) => `${count} ${count === 1 ? one : many}`;
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July",
                  "August", "September", "October", "November", "December"];
  const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
  const monthLabel = (key) => {
    const match = MONTH.exec(key);
    return match ? `${MONTHS[Number(match[2]) - 1]} ${match[1]}` : key;
  };

  // -- the selection: the rules of core/selection.py ------------------------
  // Summaries with any of the topics, any of the research types, published
  // from `since` to `until`; plus the summaries chosen one by one. With no
  // filter, only those. (An empty choice is an empty packet.)

  const LISTS = ["topics", "types", "summaries"];

  const readChoice = (search) => {
    const params = new URLSearchParams(search);
    const list = (name) => [...new Set((params.get(name) || "").split(",")
      .map((word) => word.trim()).filter(Boolean))];
    return {
      title: (params.get("title") || "").replace(/\s+/g, " ").trim().slice(0, 200),
      topics: list("topics"), types: list("types"), summaries: list("summaries"),
      since: (params.get("since") || "").trim(), until: (params.get("until") || "").trim(),
    };
  };

  const choiceQuery = (choice) => {
    const params = new URLSearchParams();
    if (choice.title) params.set("title", choice.title);
    for (const name of LISTS) if (choice[name].length) params.set(name, choice[name].join(","));
    for (const name of ["since", "until"]) if (choice[name]) params.set(name, choice[name]);
    // Commas and slashes are safe in a query; leaving them makes links readable.
    return params.toString().replace(/%2C/gi, ",").replace(/%2F/gi, "/");
  };

  /* The choice checked against the archive: unknown values are set aside
   * (and named to the reader), the rest is what selects. */
  const checkChoice = (choice, index) => {
    const known = {
      topics: new Set(index.topics.map((term) => term.slug)),
      types: new Set(index.research_types.map((term) => term.slug)),
      summaries: new Set(index.summaries.map((summary) => summary.docname)),
    };
    const unknown = [];
    const checked = { ...choice };
    for (const name of LISTS) {
      checked[name] = choice[name].filter((value) => known[name].has(value));
      unknown.push(...choice[name].filter((value) => !known[name].has(value)));
    }
    for (const name of ["since", "until"]) {
      if (choice[name] && !MONTH.test(choice[name])) {
        unknown.push(choice[name]);
        checked[name] = "";
      }
    }
    return { checked, unknown };
  };

  const filtered = (choice) => Boolean(choice.topics.length || choice.types.length
                                       || choice.since || choice.until);

  const isChosen = (summary, choice) => {
    if (choice.summaries.includes(summary.docname)) return true;
    if (!filtered(choice)) return false;
    if (choice.topics.length && !summary.topics.some((slug) => choice.topics.includes(slug))) {
      return false;
    }
    if (choice.types.length && !choice.types.includes(summary.research_type)) return false;
    if (choice.since && summary.month < choice.since) return false;
    if (choice.until && summary.month > choice.until) return false;
    return true;
  };

  const labels = (terms) => new Map(terms.map((term) => [term.slug, term.label]));

  /* The scope line, worded as a PDF's title page words it (core.selection.describe). */
  const describe = (choice, index) => {
    const parts = [];
    const named = [[choice.topics, labels(index.topics), "Topic"],
                   [choice.types, labels(index.research_types), "Research type"]];
    for (const [slugs, names, noun] of named) {
      if (slugs.length) {
        parts.push(`${noun}${slugs.length > 1 ? "s" : ""}: `
                   + `${slugs.map((slug) => names.get(slug)).join(", ")}.`);
      }
    }
    if (choice.since && choice.until) {
      parts.push(`From ${monthLabel(choice.since)} to ${monthLabel(choice.until)}.`);
    } else if (choice.since) {
      parts.push(`From ${monthLabel(choice.since)}.`);
    } else if (choice.until) {
      parts.push(`Up to ${monthLabel(choice.until)}.`);
    }
    if (choice.summaries.length) {
      const listed = `${plural(choice.summaries.length, "chosen summary", "chosen summaries")}.`;
      parts.push(parts.length ? `Also ${listed}` : listed);
    }
    return parts.join(" ");
  };


  let indexPromise = null;
  const loadIndex = () => {
    indexPromise ??= getJson("packet-data/index.json");
    return indexPromise;
  };

  /* Run `build(place, index)` on the page's `selector` once the index is in. */
  const whenReady = (selector, build) => {
    const start = () => {
      const place = document.querySelector(selector);
      if (!place) return;
      loadIndex().then((index) => build(place, index)).catch((error) => {
        place.append(element("p", "packet-notice",
                             "The packet's data could not be loaded; try reloading the page."));
        console.error(error);
      });
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  };

  return { root, getJson, element, plural, labels, readChoice, choiceQuery, checkChoice,
           isChosen, describe, whenReady };
})();
