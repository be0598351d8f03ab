/* The reading-packet chooser on the Downloads page (see packet-choice.js):
 * topics, research types, months and single summaries; the page's own address
 * keeps the choice, and a link opens the packet page with it. */
"use strict";

(() => {
  const { element, plural, readChoice, choiceQuery, checkChoice, isChosen,
          whenReady } = window.ArchivePacket;

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


  whenReady(".packet-builder", buildChooser);
})();
