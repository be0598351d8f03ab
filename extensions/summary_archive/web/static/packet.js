/* Reading packets made in the browser (see web/packet.py): the chooser on the
 * Downloads page, and the packet page it links, whose address holds the choice.
 *
 * Both read packet-data/index.json; the packet page also reads the chosen
 * summaries' bodies and the works they cite. Every string from the data or the
 * address enters the page as text. A summary's body is HTML that Sphinx wrote
 * from our sources: it is parsed into an inert document (nothing in it runs or
 * loads) and copied element by element through an allowlist, links checked. */
"use strict";

(() => {
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

  // -- the chooser on the Downloads page -------------------------------------

  let fieldCount = 0;
  const checkbox = (name, value, text, checked) => {
    const id = `packet-field-${++fieldCount}`;
    const wrapper = element("div", "packet-option");
    const input = element("input");
    Object.assign(input, { type: "checkbox", name, value, id, checked });
    const label = element("label", "", text);
    label.htmlFor = id;
    wrapper.append(input, label);
    return wrapper;
  };

  const fieldset = (legend, className) => {
    const set = element("fieldset", `packet-fieldset ${className}`);
    set.append(element("legend", "", legend));
    return set;
  };

  const monthSelect = (labelText, name, months, value) => {
    const id = `packet-field-${++fieldCount}`;
    const wrapper = element("div", "packet-month");
    const label = element("label", "", labelText);
    label.htmlFor = id;
    const select = element("select");
    Object.assign(select, { name, id });
    const none = element("option", "", name === "since" ? "the first month" : "the last month");
    none.value = "";
    select.append(none);
    for (const [key, text] of months) {
      const option = element("option", "", text);
      option.value = key;
      select.append(option);
    }
    select.value = months.some(([key]) => key === value) ? value : "";
    wrapper.append(label, select);
    return wrapper;
  };

  const buildChooser = (place, index) => {
    const fallback = place.querySelector(".packet-fallback a");
    const packetPage = fallback ? fallback.getAttribute("href") : "packet.html";
    const { checked: initial } = checkChoice(readChoice(window.location.search), index);
    const counts = (key) => {
      const found = new Map();
      for (const summary of index.summaries) {
        for (const slug of [].concat(summary[key])) found.set(slug, (found.get(slug) || 0) + 1);
      }
      return found;
    };

    const form = element("form", "packet-form");
    form.setAttribute("aria-label", "Choose the summaries of a reading packet");
    const titleId = `packet-field-${++fieldCount}`;
    const titleRow = element("div", "packet-title-field");
    const titleLabel = element("label", "", "Title of the packet (optional)");
    titleLabel.htmlFor = titleId;
    const titleInput = element("input");
    Object.assign(titleInput, { type: "text", name: "title", id: titleId, value: initial.title,
                                maxLength: 200 });
    titleInput.placeholder = "Reading packet";
    titleRow.append(titleLabel, titleInput);

    const groups = [["Topics", "topics", "topics", index.topics],
                    ["Research types", "types", "research_type", index.research_types]];
    const sets = [];
    for (const [legend, name, key, terms] of groups) {
      const count = counts(key);
      const set = fieldset(legend, `packet-${name}`);
      for (const term of terms.filter((t) => count.has(t.slug))) {
        set.append(checkbox(name, term.slug, `${term.label} (${count.get(term.slug)})`,
                            initial[name].includes(term.slug)));
      }
      sets.push(set);
    }
    const months = [...new Map(index.summaries.map((s) => [s.month, s.month_label]))];
    const monthSet = fieldset("Months", "packet-months");
    monthSet.append(monthSelect("From", "since", months, initial.since),
                    monthSelect("To", "until", months, initial.until));
    const singles = fieldset("Single summaries", "packet-singles");
    for (const [key, text] of [...months].reverse()) {
      singles.append(element("p", "packet-singles-month", text));
      for (const summary of index.summaries.filter((s) => s.month === key)) {
        singles.append(checkbox("summaries", summary.docname, summary.title,
                                initial.summaries.includes(summary.docname)));
      }
    }
    form.append(titleRow, ...sets, monthSet, singles);

    const preview = element("div", "packet-preview");
    const status = element("p", "packet-status");
    status.setAttribute("role", "status");
    const list = element("ol", "packet-preview-list");
    const actions = element("p", "packet-actions");
    const open = element("a", "packet-open", "Open the reading packet");
    const clear = element("button", "packet-clear", "Clear the choice");
    clear.type = "button";
    actions.append(open, " ", clear);
    preview.append(status, list, actions);

    const current = () => {
      const data = new FormData(form);
      return {
        title: String(data.get("title") || "").replace(/\s+/g, " ").trim(),
        topics: data.getAll("topics").map(String), types: data.getAll("types").map(String),
        summaries: data.getAll("summaries").map(String),
        since: String(data.get("since") || ""), until: String(data.get("until") || ""),
      };
    };
    const update = () => {
      const choice = current();
      const picked = index.summaries.filter((summary) => isChosen(summary, choice));
      const query = choiceQuery(choice);
      window.history.replaceState(null, "", `${window.location.pathname}${query ? `?${query}` : ""}`
                                  + window.location.hash);
      list.replaceChildren(...picked.map((summary) => element(
        "li", "", `${summary.title} (${summary.month_label})`)));
      if (picked.length) {
        status.textContent = `The packet holds ${plural(picked.length, "summary", "summaries")}`
          + ` and one list of ${plural(new Set(picked.flatMap((s) => s.works)).size,
                                        "reference", "references")}:`;
        open.href = `${packetPage}?${query}`;
        open.removeAttribute("aria-disabled");
      } else {
        status.textContent = "Nothing chosen yet: tick topics, research types, months or "
          + "single summaries above.";
        open.removeAttribute("href");
        open.setAttribute("aria-disabled", "true");
      }
    };
    form.addEventListener("change", update);
    form.addEventListener("input", update);
    form.addEventListener("submit", (event) => event.preventDefault());
    clear.addEventListener("click", () => {
      form.reset();
      for (const input of form.querySelectorAll("input[type=checkbox]")) input.checked = false;
      for (const select of form.querySelectorAll("select")) select.value = "";
      titleInput.value = "";
      update();
    });
    place.replaceChildren(form, preview);
    update();
  };

  // -- the packet page -------------------------------------------------------

  const SAFE_TAGS = new Set(["p", "em", "strong", "b", "i", "a", "ul", "ol", "li", "blockquote",
    "sup", "sub", "code", "span", "div", "section", "dl", "dt", "dd", "table", "thead",
    "tbody", "tfoot", "tr", "th", "td", "caption", "br", "figure", "figcaption", "cite",
    "abbr", "q", "small", "pre", "hr", "img", "h2", "h3", "h4", "h5", "h6"]);
  // Dropped with everything inside them; any other unknown element keeps its text.
  const DROPPED_TAGS = new Set(["script", "style", "template", "iframe", "object", "embed",
    "noscript", "link", "meta", "base", "form", "input", "button", "textarea", "select",
    "svg", "math", "video", "audio", "canvas", "frame", "frameset", "title", "head"]);
  const SAFE_ATTRIBUTES = new Set(["title", "lang", "colspan", "rowspan", "alt"]);
  const HEADING = /^h([2-6])$/;

  /* A URL from the data, resolved against the page it was written for; only
   * web addresses (no javascript:, data: and the like). */
  const safeUrl = (value, base) => {
    try {
      const url = new URL(value, base);
      return url.protocol === "http:" || url.protocol === "https:" ? url : null;
    } catch {
      return null;
    }
  };

  const copyBody = (source, base, anchors) => {
    const copy = (node, into) => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) {
          into.append(document.createTextNode(child.data));
          continue;
        }
        if (child.nodeType !== Node.ELEMENT_NODE) continue;
        const tag = child.localName;
        if (DROPPED_TAGS.has(tag) || child.classList.contains("headerlink")) continue;
        if (!SAFE_TAGS.has(tag)) {
          copy(child, into);
          continue;
        }
        // The summary's headings sit one level below its title (an h2 here).
        const heading = HEADING.exec(tag);
        const made = document.createElement(heading ? `h${Math.min(6, Number(heading[1]) + 1)}`
                                                    : tag);
        for (const { name, value } of [...child.attributes]) {
          if (SAFE_ATTRIBUTES.has(name)) made.setAttribute(name, value);
        }
        const classes = [...child.classList].filter((name) => /^[a-z][a-z0-9-]*$/.test(name));
        if (classes.length) made.className = classes.join(" ");
        if (tag === "a" && child.hasAttribute("href")) {
          const url = safeUrl(child.getAttribute("href"), base);
          const key = url && url.hash.slice(1);
          if (url && anchors.has(key) && url.pathname.endsWith("/references.html")) {
            made.href = `#${key}`; // a citation: to this packet's own list
          } else if (url) {
            made.href = url.href;
          }
        }
        if (tag === "img") {
          const url = child.hasAttribute("src") && safeUrl(child.getAttribute("src"), base);
          if (!url) continue;
          made.src = url.href;
        }
        copy(child, made);
        into.append(made);
      }
    };
    const fragment = document.createDocumentFragment();
    copy(source, fragment);
    return fragment;
  };

  const runsInto = (runs, into) => {
    for (const run of runs) {
      let node = document.createTextNode(run.t);
      const url = run.href && safeUrl(run.href, window.location.href);
      for (const [flag, tag] of [["i", "em"], ["b", "strong"], ["sup", "sup"], ["sub", "sub"]]) {
        if (run[flag]) {
          const wrapper = element(tag);
          wrapper.append(node);
          node = wrapper;
        }
      }
      if (run.sc) {
        const wrapper = element("span", "small-caps");
        wrapper.append(node);
        node = wrapper;
      }
      if (url) {
        const link = element("a");
        link.href = url.href;
        link.append(node);
        node = link;
      }
      into.append(node);
    }
    return into;
  };
  const runsText = (runs) => runs.map((run) => run.t).join("");

  const download = (label, fileName, type, text) => {
    const link = element("a", "packet-export", label);
    link.href = URL.createObjectURL(new Blob([text], { type }));
    link.download = fileName;
    return link;
  };

  const slug = (text) => text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "reading-packet";

  /* The running foot of printed pages: CSS margin boxes take only strings, so
   * the title is written as a CSS string with every other character escaped. */
  const printFoot = (title) => {
    const escaped = [...title].map((c) => (/[A-Za-z0-9 ,.:;!?()-]/.test(c) ? c
      : `\\${c.codePointAt(0).toString(16)} `)).join("");
    const style = element("style");
    style.textContent = `@page { @bottom-left { content: "${escaped}"; } }`;
    document.head.append(style);
  };

  const summaryArticle = (summary, body, index, works, anchors, number) => {
    const article = element("article", "packet-summary");
    const headingId = `packet-summary-${number}`;
    article.setAttribute("aria-labelledby", headingId);
    const heading = element("h2", "packet-summary-title", summary.title);
    heading.id = headingId;
    const kind = labels(index.research_types).get(summary.research_type);
    const topicNames = labels(index.topics);
    const meta = element("div", "packet-meta");
    meta.append(element("p", "", `${summary.month_label} · ${kind}`),
                element("p", "", `Topics: ${summary.topics.map((s) => topicNames.get(s))
                  .join(" · ")}`));
    article.append(heading, meta);
    const reviewed = works.get(summary.reviews);
    if (reviewed) {
      const line = element("p", "packet-reviewed");
      line.append(element("strong", "", "Reviewed article: "));
      article.append(runsInto(reviewed.apa, line));
    }
    const parsed = new DOMParser().parseFromString(body.body, "text/html");
    const text = element("div", "packet-body");
    text.append(copyBody(parsed.body, new URL(root + summary.url, window.location.href),
                         anchors));
    article.append(text);
    return article;
  };

  const buildPacket = async (place, index) => {
    const { checked: choice, unknown } = checkChoice(readChoice(window.location.search), index);
    const picked = index.summaries.filter((summary) => isChosen(summary, choice));
    const fallbackLink = place.querySelector(".packet-fallback a");
    const chooser = fallbackLink ? fallbackLink.getAttribute("href") : "downloads.html";
    const query = choiceQuery(choice);
    const change = element("a", "packet-change", picked.length ? "Change the choice"
                                                               : "Choose the summaries");
    change.href = `${chooser}${query ? `?${query}` : ""}`;
    const notes = [];
    if (unknown.length) {
      notes.push(element("p", "packet-notice",
                         `Not in the archive, so left out: ${unknown.join(", ")}.`));
    }
    if (!picked.length) {
      const empty = element("p", "packet-notice", "This address chooses no summary.");
      const back = element("p", "packet-tools");
      back.append(change);
      place.replaceChildren(...notes, empty, back);
      return;
    }

    const [bodies, workList] = await Promise.all([
      Promise.all(picked.map((summary) => getJson(summary.data))),
      Promise.all([...new Set(picked.flatMap((summary) => summary.works))]
        .map((key) => getJson(index.works[key].data))),
    ]);
    const works = new Map(workList.map((work) => [work.key, work]));
    // APA order; a work that two bib keys describe alike is listed once.
    const seen = new Set();
    const listed = workList.sort((a, b) => index.works[a.key].order - index.works[b.key].order)
      .filter((work) => !seen.has(runsText(work.apa)) && seen.add(runsText(work.apa)));
    const anchors = new Set(listed.map((work) => work.anchor));

    const title = choice.title || "Reading packet";
    const h1 = document.querySelector("main h1, article h1, h1");
    if (h1) h1.textContent = title;
    document.title = `${title} · ${index.archive}`;
    printFoot(title);

    const tools = element("div", "packet-tools");
    const print = element("button", "packet-print", "Print or save as PDF");
    print.type = "button";
    print.addEventListener("click", () => window.print());
    const file = slug(title);
    const exports = element("p", "packet-exports");
    exports.append(
      "References for Zotero or another reference manager: ",
      download("BibTeX", `${file}.bib`, "application/x-bibtex",
               listed.map((work) => work.bibtex.trim()).join("\n\n") + "\n"), ", ",
      download("RIS", `${file}.ris`, "application/x-research-info-systems",
               listed.map((work) => work.ris).join("\n")), ", ",
      download("CSL-JSON", `${file}.json`, "application/vnd.citationstyles.csl+json",
               JSON.stringify(listed.map((work) => work.csl), null, 2) + "\n"), ".");
    const toolRow = element("p");
    toolRow.append(print, " ", change);
    tools.append(toolRow, exports);

    const front = element("header", "packet-front");
    front.append(element("p", "packet-kicker", index.archive));
    if (h1) front.append(h1);
    const scope = describe(choice, index);
    if (scope && scope !== `${plural(picked.length, "chosen summary", "chosen summaries")}.`) {
      front.append(element("p", "packet-scope", scope));
    }
    front.append(element("p", "packet-count", plural(picked.length, "summary", "summaries")));
    const contentsId = "packet-contents-heading";
    const contentsHeading = element("h2", "packet-contents-heading", "In this packet");
    contentsHeading.id = contentsId;
    const contents = element("ol", "packet-contents");
    contents.setAttribute("aria-labelledby", contentsId);
    picked.forEach((summary, number) => {
      const item = element("li");
      const link = element("a", "", summary.title);
      link.href = `#packet-summary-${number + 1}`;
      item.append(link, element("span", "packet-contents-month", ` · ${summary.month_label}`));
      contents.append(item);
    });
    front.append(contentsHeading, contents);

    const articles = picked.map((summary, number) => summaryArticle(
      summary, bodies[number], index, works, anchors, number + 1));
    const references = element("section", "packet-references");
    references.setAttribute("aria-labelledby", "packet-references-heading");
    const referencesHeading = element("h2", "", "References");
    referencesHeading.id = "packet-references-heading";
    references.append(referencesHeading, ...listed.map((work) => {
      const entry = runsInto(work.apa, element("p", "packet-reference"));
      entry.id = work.anchor;
      return entry;
    }));
    place.replaceChildren(tools, ...notes, front, ...articles, references);
    place.classList.add("packet-ready");
  };

  const start = () => {
    const chooser = document.querySelector(".packet-builder");
    const packet = document.querySelector(".reading-packet");
    if (!chooser && !packet) return;
    getJson("packet-data/index.json").then((index) => {
      if (chooser) buildChooser(chooser, index);
      if (packet) return buildPacket(packet, index);
      return undefined;
    }).catch((error) => {
      const place = chooser || packet;
      place.append(element("p", "packet-notice",
                           "The packet's data could not be loaded; try reloading the page."));
      console.error(error);
    });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
