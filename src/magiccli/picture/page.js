// The timeline page's behaviour: zoom and pan, tooltips, the reading panel and its address, filters and keys.
// Every corpus text goes in as textContent, never as markup, with its control and bidi characters shown escaped;
// a link is made only of an http(s) address.
(function () {
  "use strict";
  performance.mark("timeline-script");  // its tests measure how long the page takes to come to life
  const data = JSON.parse(document.getElementById("timeline-data").textContent);
  const records = new Map(data.records.map((r) => [r.id, r]));
  const marks = Array.from(document.querySelectorAll(".tl-mark"));
  const markOf = new Map(marks.map((m) => [m.dataset.id, m]));
  const lanes = Array.from(new Set(marks.map((m) => m.dataset.lane)));
  const panel = document.getElementById("panel");
  const body = document.getElementById("panel-body");
  const tip = document.getElementById("tip");
  const figure = document.getElementById("figure");
  const exchange = document.getElementById("tl-exchange");
  const filters = {
    direction: document.getElementById("f-direction"),
    person: document.getElementById("f-person"),
    kind: document.getElementById("f-kind"),
    text: document.getElementById("f-text"),
  };
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];
  // as magiccli.boundary shows them: C0 (but tab and newline), DEL, C1 and the bidi controls, escaped
  const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

  function shown(text) {
    return String(text).replace(UNSAFE, (c) => {
      const code = c.charCodeAt(0);
      return code < 0x20 ? "\\x" + code.toString(16).padStart(2, "0") : "\\u" + code.toString(16).padStart(4, "0");
    });
  }

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = shown(text);
    if (className) node.className = className;
    return node;
  }

  function link(url, text) {
    if (!/^https?:\/\//i.test(url || "")) return el("span", text || url || "");
    const a = el("a", text || url);
    a.href = url;
    if (text) a.dataset.named = "";  // printed with its address after it
    a.rel = "noopener noreferrer";
    return a;
  }

  function longDate(iso) {
    const [y, m, d] = (iso || "").split("-");
    return y && m && d ? `${Number(d)} ${MONTHS[Number(m) - 1]} ${y}` : iso || "";
  }

  function isCable(r) { return r.kind === "cable"; }

  function when(r) {
    if (isCable(r)) {
      const about = data.display[r.id];
      const time = r.time ? `, ${about.local_time}` : ", time of sending not known";
      const utc = about.instant ? ` (${about.instant.replace("T", " ").replace("Z", " UTC")})` : "";
      return `${r.place}, ${longDate(r.date)}${time}${utc}`;
    }
    return longDate(r.date) + (r.end ? ` – ${longDate(r.end)}` : "");
  }

  function personName(id) { return data.people[id] || id; }

  function paragraphs(parent, text) {
    (text || "").split(/\n\s*\n/).filter((p) => p.trim()).forEach((p) => parent.appendChild(el("p", p)));
  }

  // --- zoom and pan ---------------------------------------------------------------------------------------
  // The exchange is drawn at one scale; zooming sets its size (text grows and shrinks with it, so labels that do
  // not collide at one zoom collide at none). While a zoom goes on the drawing is only stretched (a transform the
  // browser does without drawing again), and drawn anew at its new size once the zoom has paused: a page of a
  // thousand marks keeps up with a wheel or a pinch. The lane names follow the scroll so that they stay in view.
  const natural = exchange ? exchange.viewBox.baseVal : null;
  const focusRange = exchange ? exchange.dataset.focus.split(" ").map(Number) : [0, 0];
  const zoomer = exchange ? exchange.parentElement : null;
  const names = figure ? figure.querySelector(".tl-names") : null;
  const namesWidth = names ? names.viewBox.baseVal.width : 0;
  const READABLE = 0.8;  // the least scale a fit chooses: 11 px labels stay 9 px high
  let scale = 1;
  let drawn = 1;  // the scale the exchange is drawn at
  let redraw = null;

  function setScale(next, anchorX) {
    if (!exchange) return;
    next = Math.min(4, Math.max(0.2, next));
    const at = anchorX === undefined ? figure.clientWidth / 2 : anchorX;
    const x = (figure.scrollLeft + at) / scale;
    scale = next;
    zoomer.style.width = `${(natural.width * scale).toFixed(1)}px`;
    zoomer.style.height = `${(natural.height * scale).toFixed(1)}px`;
    exchange.style.transform = names.style.transform = scale === drawn ? "" : `scale(${scale / drawn})`;
    figure.scrollLeft = x * scale - at;
    clearTimeout(redraw);
    redraw = setTimeout(sharpen, 200);
  }

  function sharpen() {
    clearTimeout(redraw);
    drawn = scale;
    exchange.setAttribute("width", (natural.width * scale).toFixed(1));
    exchange.setAttribute("height", (natural.height * scale).toFixed(1));
    names.setAttribute("width", (namesWidth * scale).toFixed(1));
    names.setAttribute("height", (natural.height * scale).toFixed(1));
    exchange.style.transform = names.style.transform = "";
  }

  function fit(left, right, readable) {
    if (!exchange) return;  // a page of the years before July 1945 alone has only the context band
    const wanted = figure.clientWidth / (right - left);
    setScale(readable ? Math.max(READABLE, wanted) : wanted, 0);
    sharpen();
    figure.scrollLeft = left * scale;
  }

  function fitExchange() { fit(Math.max(0, focusRange[0] - 8), focusRange[1] + 8, true); }

  function fitAll() { if (natural) fit(0, natural.width, false); }

  if (exchange) {
    // Ctrl+wheel, and a trackpad's pinch (which the browser sends as one), zoom about the pointer
    figure.addEventListener("wheel", (e) => {
      if (!e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      setScale(scale * Math.exp(-e.deltaY / 300), e.clientX - figure.getBoundingClientRect().left);
    }, { passive: false });
    // two fingers pinch; one scrolls as the browser does
    const touches = new Map();
    let pinch = null;
    figure.addEventListener("pointerdown", (e) => { if (e.pointerType === "touch") touches.set(e.pointerId, e); });
    figure.addEventListener("pointermove", (e) => {
      if (!touches.has(e.pointerId)) return;
      touches.set(e.pointerId, e);
      if (touches.size !== 2) { pinch = null; return; }
      const [a, b] = Array.from(touches.values());
      const distance = Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY);
      const middle = (a.clientX + b.clientX) / 2 - figure.getBoundingClientRect().left;
      if (pinch) setScale(scale * distance / pinch, middle);
      pinch = distance;
    });
    ["pointerup", "pointercancel", "pointerleave"].forEach((type) => figure.addEventListener(type, (e) => {
      touches.delete(e.pointerId);
      pinch = null;
    }));
    document.getElementById("fit-exchange").addEventListener("click", fitExchange);
    document.getElementById("fit-all").addEventListener("click", fitAll);
    document.getElementById("zoom-in").addEventListener("click", () => setScale(scale * 1.25));
    document.getElementById("zoom-out").addEventListener("click", () => setScale(scale / 1.25));
  }

  // --- tooltip and reply arrows ---------------------------------------------------------------------------
  function replyArrows(id, on) {
    document.querySelectorAll(".tl-reply").forEach((arrow) => {
      if (arrow.dataset.from === id || arrow.dataset.to === id) arrow.classList.toggle("tl-on", on);
    });
  }

  function showTip(mark) {
    replyArrows(mark.dataset.id, true);
    if (!panel.hidden) return;  // the open panel says more, and a tooltip would stand over it on a phone
    const r = records.get(mark.dataset.id);
    const about = data.display[r.id];
    tip.replaceChildren();
    tip.appendChild(el("b", isCable(r) ? about.heading : r.title));
    tip.appendChild(el("div", when(r)));
    if (isCable(r)) tip.appendChild(el("div", r.title));
    else if (r.places && r.places.length) tip.appendChild(el("div", r.places.join("; ")));
    tip.hidden = false;
    const box = mark.getBoundingClientRect();
    const left = Math.min(box.left, window.innerWidth - tip.offsetWidth - 8);
    const below = box.bottom + 6 + tip.offsetHeight < window.innerHeight;
    tip.style.left = `${Math.max(4, left)}px`;
    tip.style.top = `${below ? box.bottom + 6 : box.top - tip.offsetHeight - 6}px`;
  }

  function hideTip(mark) {
    tip.hidden = true;
    if (mark) replyArrows(mark.dataset.id, false);
  }

  // --- the reading panel ----------------------------------------------------------------------------------
  function section(title) {
    const part = el("section");
    part.appendChild(el("h3", title));
    body.appendChild(part);
    return part;
  }

  function recordLinks(parent, label, items) {
    if (!items.length) return;
    const line = el("p", label + " ");
    items.forEach((item, i) => {
      if (i) line.appendChild(document.createTextNode(", "));
      if (item.id && markOf.has(item.id)) {
        const button = el("button", item.label, "link");
        button.type = "button";
        button.dataset.goto = item.id;
        button.addEventListener("click", () => go(item.id));
        line.appendChild(button);
      } else {
        line.appendChild(el("span", item.label));
      }
    });
    parent.appendChild(line);
  }

  function graded(parent, source) {
    const line = el("li");
    line.appendChild(link(source.url, source.title));
    if (source.grade) {  // as every view of magiccli prints it
      line.appendChild(document.createTextNode(" "));
      line.appendChild(el("span", `[grade: ${source.grade}]`, "grade"));
    }
    parent.appendChild(line);
  }

  function provenance(r) {
    const part = section("Where the text and the time come from");
    const list = el("ul");
    if (r.text_from) {  // graded, as every view of magiccli prints a source
      list.appendChild(el("li", "Text:"));
      graded(list, r.text_from);
    } else {
      const text = el("li", "Text: ");
      text.appendChild(link(r.text_source || r.citation.url, r.text_source || r.citation.url));
      list.appendChild(text);
    }
    if (r.time_from && r.time_from.length) {
      list.appendChild(el("li", "Date and time:"));
      r.time_from.forEach((s) => graded(list, s));
    } else {
      list.appendChild(el("li", "Date and time: " + (r.date_source || "the FRUS heading (no other source recorded)")));
    }
    if (r.dateline_as_given) list.appendChild(el("li", "Dateline as FRUS prints it: " + r.dateline_as_given));
    part.appendChild(list);
  }

  function copyButton(parent, label, text) {
    const button = el("button", label, "copy");
    button.type = "button";
    const pre = el("pre", text);
    button.addEventListener("click", () => {
      const done = () => { button.textContent = label + ": copied"; };
      const byHand = () => {  // a file:// page may have no clipboard API: copy the selected text instead
        const range = document.createRange();
        range.selectNodeContents(pre);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        if (document.execCommand("copy")) done(); else button.textContent = label + ": selected, press Ctrl+C";
      };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, byHand);
      else byHand();
    });
    parent.appendChild(button);
    parent.appendChild(pre);
  }

  function citation(r, about) {
    const cite = section("Cite");
    if (about.citation) cite.appendChild(el("p", about.citation));
    copyButton(cite, "Copy Chicago", about.chicago);
    copyButton(cite, "Copy BibTeX", about.bibtex);
  }

  function showCable(r, about) {
    body.appendChild(el("h2", about.heading));
    body.appendChild(el("p", when(r), "meta"));
    body.appendChild(el("p", r.title)).style.fontWeight = "600";
    recordLinks(body, "In reply to:", about.replies);
    recordLinks(body, "Answered by:", about.answered_by.map((id) => ({ id, label: data.display[id].heading })));
    recordLinks(body, "Crossed on the wire with:", about.crossed);
    if (about.notice) body.appendChild(el("p", about.notice, "notice"));
    paragraphs(section(r.complete ? "Text (FRUS translation)" : "Text (FRUS translation, incomplete)"), r.text);
    provenance(r);
    if (r.footnotes && r.footnotes.length) {
      const notes = el("ol");
      r.footnotes.forEach((f) => notes.appendChild(el("li", f.text + (f.complete === false ? " [cut off]" : ""))));
      section("Editorial notes (FRUS)").appendChild(notes);
    }
    const magic = section("MAGIC summary wordings");
    if (!r.translations.length) magic.appendChild(el("p", "None known for this cable."));
    r.translations.forEach((t, i) => {
      const part = el("div", null, "wording");
      part.appendChild(el("p", about.wordings[i], "meta"));
      paragraphs(part, t.text);
      const sources = el("ul", null, "source");
      t.witnesses.map((w) => w.source).forEach((s) => graded(sources, s));
      part.appendChild(el("p", "Sources and their grades:", "source"));
      part.appendChild(sources);
      magic.appendChild(part);
    });
    citation(r, about);
  }

  function showEvent(r, about) {
    body.appendChild(el("h2", r.title));
    body.appendChild(el("p", `${when(r)} · ${r.kind}${r.places.length ? " · " + r.places.join("; ") : ""}`, "meta"));
    if (r.actors.length) body.appendChild(el("p", "Who: " + r.actors.map(personName).join(", ")));
    paragraphs(body, r.summary);
    if (r.official_text) {
      const official = section(r.official_text.title);
      if (r.official_text.complete === false) official.appendChild(el("p", "Text incomplete: only part of it could be had.", "notice"));
      paragraphs(official, r.official_text.text);
      const source = el("ul", null, "source");
      graded(source, r.official_text.source);
      official.appendChild(source);
    }
    if (r.notes) paragraphs(section("Notes"), r.notes);
    const sources = el("ul");
    r.sources.forEach((s) => graded(sources, s));
    section("Sources and their grades").appendChild(sources);
    citation(r, about);
  }

  function open(id) {
    const r = records.get(id);
    const mark = markOf.get(id);
    if (!r || !mark) return false;
    if (mark.classList.contains("tl-hidden")) { document.getElementById("filters").reset(); applyFilters(); }
    marks.forEach((m) => m.classList.toggle("tl-selected", m === mark));
    hideTip();
    body.replaceChildren();
    if (isCable(r)) showCable(r, data.display[id]); else showEvent(r, data.display[id]);
    panel.hidden = false;
    panel.scrollTop = 0;
    panel.dataset.id = id;
    return true;
  }

  // opening a mark puts its id in the address, so that back and forward move between the marks opened
  function go(id, byKey) {
    if (!open(id)) return;
    if (location.hash !== "#" + encodeURIComponent(id)) history.pushState({ id }, "", "#" + encodeURIComponent(id));
    const mark = markOf.get(id);
    if (byKey !== false) mark.focus({ preventScroll: true });
    keepClearOfPanel(mark);
  }

  // the panel covers the right of the window: a mark it covers goes to the middle of what is left
  function keepClearOfPanel(mark) {
    const scroller = mark.closest(".figure");
    const free = window.innerWidth - (panel.offsetWidth < window.innerWidth * 0.9 ? panel.offsetWidth : 0);
    const box = mark.getBoundingClientRect();
    if (box.left < 0 || box.right > free - 16) scroller.scrollLeft += box.left + box.width / 2 - free / 2;
    const top = box.top < 0 || box.bottom > window.innerHeight;
    if (top) mark.scrollIntoView({ block: "center", inline: "nearest" });
  }

  function close() {
    const id = panel.dataset.id;
    panel.hidden = true;
    delete panel.dataset.id;
    marks.forEach((m) => m.classList.remove("tl-selected"));
    if (location.hash) history.pushState(null, "", location.pathname + location.search);
    if (id && markOf.has(id)) markOf.get(id).focus({ preventScroll: true });
  }

  function fromAddress() {
    const id = location.hash.length > 1 ? decodeURIComponent(location.hash.slice(1)) : "";
    if (id && open(id)) {
      markOf.get(id).focus({ preventScroll: true });
      keepClearOfPanel(markOf.get(id));
    } else if (!id) {
      panel.hidden = true;
      marks.forEach((m) => m.classList.remove("tl-selected"));
    }
  }
  window.addEventListener("popstate", fromAddress);

  // --- filters --------------------------------------------------------------------------------------------
  // words folded as magiccli folds them (text.fold_plain): lower case, no accents, words joined by one space
  function fold(text) {
    return ((text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) || []).join(" ");
  }

  // the passages `magiccli quote --in` all five searches (search.record_passages): a cable's FRUS paragraphs, its
  // footnotes and MAGIC wordings; an event's official text and our summary. Each apart, so that a phrase does not
  // run from one into the next.
  function passages(r) {
    const paragraphs = (text) => (text || "").split("\n\n");
    // a paper quoted inside another record (quoted_in): its words are found, once, in the record that quotes it
    const own = (r) => (r.quoted_in ? [] : paragraphs(r.text));
    if (isCable(r)) return [...own(r), ...r.footnotes.map((f) => f.text), ...r.translations.map((t) => t.text)];
    return [...paragraphs(r.official_text ? r.official_text.text : ""), r.summary];
  }
  let haystack = null;  // folded at the first query: a page of a thousand texts comes to life sooner without it

  function searched(id) {
    haystack = haystack || new Map(data.records.map((r) => [r.id, " " + passages(r).map(fold).join(" \n ") + " "]));
    return haystack.get(id);
  }
  const spellingsOf = new Map();  // a folded name → every folded spelling of everyone it is a name of
  Object.values(data.aliases).forEach((names) => {
    const folded = names.map(fold).filter(Boolean);
    folded.forEach((name) => spellingsOf.set(name, (spellingsOf.get(name) || []).concat(folded)));
  });

  function peopleOf(r) { return data.display[r.id].mentions; }

  function kindOf(r) { return r.kind; }

  function fillOptions(select, values, name) {
    values.forEach((v) => { const o = el("option", name(v)); o.value = v; select.appendChild(o); });
  }

  fillOptions(filters.person, Object.keys(data.people).sort((a, b) => personName(a).localeCompare(personName(b))), personName);
  fillOptions(filters.kind, Array.from(new Set(data.records.map(kindOf))).sort(), (k) => k);

  function applyFilters() {
    const direction = filters.direction.value;
    const person = filters.person.value;
    const kind = filters.kind.value;
    const words = fold(filters.text.value);
    const phrases = words ? (spellingsOf.get(words) || [words]).map((p) => ` ${p} `) : [];
    let shown = 0;
    marks.forEach((mark) => {
      const r = records.get(mark.dataset.id);
      const keep = (!direction || mark.dataset.lane === direction) && (!person || peopleOf(r).includes(person))
        && (!kind || kindOf(r) === kind) && (!words || phrases.some((p) => searched(r.id).includes(p)));
      mark.classList.toggle("tl-hidden", !keep);
      shown += keep;
    });
    // a crossing is drawn while both its telegrams are
    document.querySelectorAll(".tl-crossing[data-a]").forEach((line) => line.classList.toggle("tl-hidden",
      [line.dataset.a, line.dataset.b].some((id) => markOf.get(id).classList.contains("tl-hidden"))));
    document.getElementById("f-count").textContent = `${shown} of ${marks.length} shown`;
  }

  Object.values(filters).forEach((f) => f.addEventListener("input", applyFilters));
  document.getElementById("filters").addEventListener("reset", () => setTimeout(applyFilters));
  document.getElementById("filters").addEventListener("submit", (e) => e.preventDefault());

  // --- keys and pointer -----------------------------------------------------------------------------------
  function visible(lane) { return marks.filter((m) => m.dataset.lane === lane && !m.classList.contains("tl-hidden")); }

  function centre(m) { const b = m.getBoundingClientRect(); return b.left + b.width / 2; }

  function neighbour(mark, key) {
    const lane = mark.dataset.lane;
    if (key === "ArrowLeft" || key === "ArrowRight") {
      const row = visible(lane).sort((a, b) => centre(a) - centre(b));
      return row[row.indexOf(mark) + (key === "ArrowRight" ? 1 : -1)];
    }
    const step = key === "ArrowDown" ? 1 : -1;
    for (let i = lanes.indexOf(lane) + step; i >= 0 && i < lanes.length; i += step) {
      const row = visible(lanes[i]);
      if (row.length) {
        const x = centre(mark);
        return row.reduce((best, m) => (Math.abs(centre(m) - x) < Math.abs(centre(best) - x) ? m : best));
      }
    }
    return undefined;
  }

  marks.forEach((mark) => {
    mark.addEventListener("mouseenter", () => showTip(mark));
    mark.addEventListener("mouseleave", () => hideTip(mark));
    mark.addEventListener("focus", () => showTip(mark));
    mark.addEventListener("blur", () => hideTip(mark));
    mark.addEventListener("click", () => go(mark.dataset.id, false));
    mark.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); go(mark.dataset.id); return; }
      if (!e.key.startsWith("Arrow")) return;
      const next = neighbour(mark, e.key);
      e.preventDefault();
      if (next) { next.focus({ preventScroll: true }); next.scrollIntoView({ block: "nearest", inline: "nearest" }); }
    });
  });
  document.getElementById("panel-close").addEventListener("click", close);
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !panel.hidden) { close(); return; }
    if (e.ctrlKey || e.metaKey || e.altKey || /^(INPUT|SELECT|TEXTAREA)$/.test(e.target.tagName)) return;
    const zoom = { "+": 1.25, "=": 1.25, "-": 0.8, "_": 0.8 }[e.key];
    if (zoom) setScale(scale * zoom);
    else if (e.key === "e" || e.key === "E") fitExchange();
    else if (e.key === "a" || e.key === "A") fitAll();
  });
  // the skip link lands on the first mark of the exchange, where Tab then walks on in date order
  document.getElementById("skip").addEventListener("click", (e) => {
    const first = marks.find((m) => m.closest("#tl-exchange") && !m.classList.contains("tl-hidden"));
    if (!first) return;
    e.preventDefault();
    first.focus({ preventScroll: true });
    keepClearOfPanel(first);
  });

  applyFilters();
  fitExchange();
  // a link to the page can name the record to open: timeline.html#frus1945Berlinv02-d1230
  if (location.hash.length > 1) { history.replaceState({ id: location.hash.slice(1) }, ""); fromAddress(); }
  performance.measure("timeline-ready", "timeline-script");
})();
