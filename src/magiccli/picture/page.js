// The timeline page's behaviour: tooltips, the reading panel, filters and keys. Every corpus text goes in as
// textContent, never as markup; a link is made only of an http(s) address.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("timeline-data").textContent);
  const records = new Map(data.records.map((r) => [r.id, r]));
  const marks = Array.from(document.querySelectorAll(".tl-mark"));
  const markOf = new Map(marks.map((m) => [m.dataset.id, m]));
  const lanes = Array.from(new Set(marks.map((m) => m.dataset.lane)));
  const panel = document.getElementById("panel");
  const body = document.getElementById("panel-body");
  const tip = document.getElementById("tip");
  const filters = {
    direction: document.getElementById("f-direction"),
    person: document.getElementById("f-person"),
    kind: document.getElementById("f-kind"),
    text: document.getElementById("f-text"),
  };
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
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
      const time = r.time ? `, ${data.display[r.id].local_time}` : ", time of sending not known";
      return `${r.place}, ${longDate(r.date)}${time}`;
    }
    return longDate(r.date) + (r.end ? ` – ${longDate(r.end)}` : "");
  }

  function personName(id) { return data.people[id] || id; }

  function paragraphs(parent, text) {
    (text || "").split(/\n\s*\n/).filter((p) => p.trim()).forEach((p) => parent.appendChild(el("p", p)));
  }

  // --- tooltip --------------------------------------------------------------------------------------------
  function showTip(mark) {
    if (!panel.hidden && panel.dataset.id === mark.dataset.id) return;  // its panel already says it all
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

  function hideTip() { tip.hidden = true; }

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
        button.addEventListener("click", () => open(item.id, true));
        line.appendChild(button);
      } else {
        line.appendChild(el("span", item.label));
      }
    });
    body.appendChild(line);
  }

  function showCable(r, about) {
    body.appendChild(el("h2", about.heading));
    body.appendChild(el("p", when(r), "meta"));
    body.appendChild(el("p", r.title)).style.fontWeight = "600";
    recordLinks(body, "In reply to:", about.replies);
    recordLinks(body, "Answered by:", about.answered_by.map((id) => ({ id, label: data.display[id].heading })));
    if (about.notice) body.appendChild(el("p", about.notice, "notice"));
    paragraphs(section(r.complete ? "Text (FRUS translation)" : "Text (FRUS translation, incomplete)"), r.text);
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
      const source = el("p", "Source: ", "source");
      source.appendChild(link(t.source.url, t.source.title));
      part.appendChild(source);
      magic.appendChild(part);
    });
    const cite = section("Citation");
    cite.appendChild(el("p", about.citation));
    cite.appendChild(el("p")).appendChild(link(r.citation.url));
  }

  function showEvent(r) {
    body.appendChild(el("h2", r.title));
    body.appendChild(el("p", `${when(r)} · ${r.kind}${r.places.length ? " · " + r.places.join("; ") : ""}`, "meta"));
    if (r.actors.length) body.appendChild(el("p", "Who: " + r.actors.map(personName).join(", ")));
    paragraphs(body, r.summary);
    if (r.official_text) {
      const official = section(r.official_text.title);
      if (r.official_text.complete === false) official.appendChild(el("p", "Text incomplete: only part of it could be had.", "notice"));
      paragraphs(official, r.official_text.text);
      official.appendChild(el("p", null, "source")).appendChild(link(r.official_text.source.url, r.official_text.source.title));
    }
    if (r.notes) paragraphs(section("Notes"), r.notes);
    const sources = el("ul");
    r.sources.forEach((s) => sources.appendChild(el("li")).appendChild(link(s.url, s.title)));
    section("Sources").appendChild(sources);
  }

  function open(id, move) {
    const r = records.get(id);
    const mark = markOf.get(id);
    if (!r || !mark) return;
    if (mark.classList.contains("tl-hidden")) { document.getElementById("filters").reset(); applyFilters(); }
    marks.forEach((m) => m.classList.toggle("tl-selected", m === mark));
    body.replaceChildren();
    if (isCable(r)) showCable(r, data.display[id]); else showEvent(r);
    panel.hidden = false;
    panel.scrollTop = 0;
    panel.dataset.id = id;
    if (move) {
      mark.focus({ preventScroll: true });
      mark.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
    keepClearOfPanel(mark, move);
  }

  // the panel covers the right of the window: a mark moved to (or covered) goes to the middle of what is left
  function keepClearOfPanel(mark, centre) {
    const free = window.innerWidth - panel.offsetWidth;
    const box = mark.getBoundingClientRect();
    if (centre || box.left < 0 || box.right > free - 16) {
      document.getElementById("figure").scrollLeft += box.left + box.width / 2 - free / 2;
    }
  }

  function close() {
    const id = panel.dataset.id;
    panel.hidden = true;
    marks.forEach((m) => m.classList.remove("tl-selected"));
    if (id && markOf.has(id)) markOf.get(id).focus({ preventScroll: true });
  }

  // --- filters --------------------------------------------------------------------------------------------
  const haystack = new Map(data.records.map((r) => [r.id, [r.title, r.summary, r.text, data.display[r.id].label,
    ...(r.translations || []).map((t) => t.text), r.official_text ? r.official_text.text : ""].join("\n").toLowerCase()]));

  function peopleOf(r) { return [r.from, r.to, ...(r.people || []), ...(r.actors || [])].filter(Boolean); }

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
    const words = filters.text.value.trim().toLowerCase();
    let shown = 0;
    marks.forEach((mark) => {
      const r = records.get(mark.dataset.id);
      const keep = (!direction || mark.dataset.lane === direction) && (!person || peopleOf(r).includes(person))
        && (!kind || kindOf(r) === kind) && (!words || haystack.get(r.id).includes(words));
      mark.classList.toggle("tl-hidden", !keep);
      shown += keep;
    });
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
    mark.addEventListener("mouseleave", hideTip);
    mark.addEventListener("focus", () => showTip(mark));
    mark.addEventListener("blur", hideTip);
    mark.addEventListener("click", () => open(mark.dataset.id, false));
    mark.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); open(mark.dataset.id, false); return; }
      if (!e.key.startsWith("Arrow")) return;
      const next = neighbour(mark, e.key);
      e.preventDefault();
      if (next) { next.focus({ preventScroll: true }); next.scrollIntoView({ block: "nearest", inline: "nearest" }); }
    });
  });
  document.getElementById("panel-close").addEventListener("click", close);
  document.addEventListener("keydown", (e) => { if (e.key === "Escape" && !panel.hidden) close(); });

  applyFilters();
  // a link to the page can name the record to open: timeline.html#frus1945Berlinv02-d1230
  if (location.hash.length > 1) open(decodeURIComponent(location.hash.slice(1)), true);
})();
