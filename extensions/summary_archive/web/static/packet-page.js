/* The reading packet page (see packet-choice.js): the chosen summaries in
 * full, one APA reference list, and that list as BibTeX, RIS and CSL-JSON.
 *
 * A summary's body is HTML that Sphinx wrote from our sources: it is parsed
 * into an inert document (nothing in it runs or loads) and copied element by
 * element through an allowlist, links checked; all other text enters as text. */
"use strict";

(() => {
  const { root, getJson, element, plural, labels, readChoice, choiceQuery, checkChoice,
          isChosen, describe, whenReady } = window.ArchivePacket;

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


  whenReady(".reading-packet", buildPacket);
})();
