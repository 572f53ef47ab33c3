// The article view: one text with the kit's marks, rendered once, in four modes.
//   read    - the highlighter: marks with labels and line styles; toggles and "why?" happen here, instantly
//   select  - the student marks words (click, drag, or the keyboard) and presses Check
//   check   - the student's marks against the kit's: found, missed, extra, each with its reason in place
//   compare - two texts side by side (the rewrite lab, the careful version)
// All positions arrive from Python in UTF-16 units (JavaScript's own), so no conversion happens here.
// Every piece of text from Python (article, reasons, labels) goes in with textContent, never as HTML.

const STATUS_TAG = { found: "✓ found", missed: "missed", extra: "✗ extra", wrong_kind: "≈ other kind", other_kind: "○ not counted" };

function int32(view) {
  if (!view || !view.byteLength) return new Int32Array(0);
  return new Int32Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
}

// Marks may nest or cross; like mlkit.render.walk, the text is cut at every boundary and each stretch is
// wrapped in the marks that cover it (a crossing mark is closed and reopened, so the output always nests).
// The text is drawn as one block per line, marks closed at the end of a line and reopened after it, so the
// browser can skip laying out lines that are off screen (content-visibility): a long article stays fast.
function renderText(text, tokens, layers, opts) {
  const root = el("div", { class: "mlk-text", dir: "auto", lang: opts.lang || null });
  const cuts = new Set([0, text.length]);
  const markBounds = new Set([0, text.length]);
  for (const m of layers) { markBounds.add(m.s); markBounds.add(m.e); }
  const lineStarts = new Set();
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) {
    let j = i;
    while (text[j + 1] === "\n" || text[j + 1] === "\r") j++;
    if (j + 1 < text.length) lineStarts.add(j + 1);
    i = j;
  }
  for (const p of markBounds) cuts.add(p);
  for (const p of lineStarts) cuts.add(p);
  for (let i = 0; i < tokens.length; i++) cuts.add(tokens[i]);
  const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
  const byStart = new Map();
  for (const m of layers) {
    if (!(m.s < m.e)) continue;
    if (!byStart.has(m.s)) byStart.set(m.s, []);
    byStart.get(m.s).push(m);
  }
  const order = (a, b) => a.s - b.s || b.e - a.e || a.rank - b.rank || a.id - b.id;
  const words = []; // word index -> [span, ...] (a mark boundary inside a word cuts it in two)
  let active = [];
  let stack = []; // [{mark, node}]
  let tok = 0;
  const nTok = tokens.length / 2;
  const wordProto = el("span", { class: "mlk-w" }); // cloned: much cheaper than building each word
  if (opts.wordTargets) { wordProto.setAttribute("role", "checkbox"); wordProto.setAttribute("aria-checked", "false"); wordProto.tabIndex = -1; }
  let block = el("div", { class: "mlk-line" });
  root.append(block);
  const tagged = new Set(); // "position:category": one tag per kind of mark at one place ("SAID", not "SAID SAID")
  const closeTag = (mark, node, p) => {
    const key = `${p}:${mark.cat || mark.kind}`;
    if (!mark.tag || tagged.has(key)) return;
    tagged.add(key);
    node.append(el("span", { class: "mlk-tag", "aria-hidden": "true" }, mark.tag));
  };
  let i = 0;
  // Draw up to `budget` more pieces; true when the whole text is drawn. Callers draw the first screens at
  // once and the rest in later tasks, so a long article appears at once and the page never freezes.
  function step(budget) {
  for (const stop = Math.min(points.length - 1, i + budget); i < stop; i++) {
    const p = points[i];
    const q = points[i + 1];
    const newLine = lineStarts.has(p);
    if (markBounds.has(p) || newLine) {
      const ending = active.filter((m) => m.e <= p);
      active = active.filter((m) => m.e > p).concat(byStart.get(p) || []);
      active.sort(order);
      let keep = 0;
      if (!newLine) while (keep < stack.length && keep < active.length && stack[keep].mark === active[keep]) keep++;
      while (stack.length > keep) {
        const { mark, node } = stack.pop();
        if (mark.e === p && ending.includes(mark)) closeTag(mark, node, p);
      }
      if (newLine) {
        block = el("div", { class: "mlk-line" });
        root.append(block);
      }
      for (const m of active.slice(keep)) {
        const node = opts.openMark(m, m.s === p);
        (stack.length ? stack[stack.length - 1].node : block).append(node);
        stack.push({ mark: m, node });
      }
    }
    const parent = stack.length ? stack[stack.length - 1].node : block;
    while (tok < nTok && tokens[2 * tok + 1] <= p) tok++;
    const piece = text.slice(p, q);
    if (tok < nTok && tokens[2 * tok] <= p && q <= tokens[2 * tok + 1]) {
      const span = wordProto.cloneNode(false);
      span.dataset.w = tok;
      span.textContent = piece;
      (words[tok] = words[tok] || []).push(span);
      parent.append(span);
    } else {
      parent.append(piece);
    }
  }
  if (i + 1 < points.length) return false;
  while (stack.length) {
    const { mark, node } = stack.pop();
    if (mark.e === text.length) closeTag(mark, node, text.length);
  }
  return true;
  }
  return { root, words, step };
}

function styleSheet(categories) {
  const safe = (c) => (/^#[0-9a-fA-F]{6}$/.test(c) ? c : "#000000");
  const rules = [];
  categories.forEach((c, i) => {
    const sel = `.mlk-m-${c.key}`;
    if (c.style === "background") rules.push(`${sel}{background:${safe(c.colour)}}`);
    else rules.push(`${sel}{text-decoration:underline ${c.style} ${safe(c.colour)} 2px;text-underline-offset:${3 + 3 * (i % 2)}px}`);
    rules.push(`${sel}>.mlk-tag,.mlk-key-${c.key} .mlk-tag{background:${safe(c.colour)};color:${safe(c.ink)}}`);
    rules.push(`.mlk-hide-${c.key} ${sel}{background:none;text-decoration:none}`);
    rules.push(`.mlk-hide-${c.key} ${sel}>.mlk-tag{display:none}`);
  });
  return rules.join("\n");
}

function render({ model, el: host, experimental }) {
  installChoiceKeys();
  const box = el("section", { class: "mlkit-article" });
  const sheet = el("style");
  const toolbar = el("div", { class: "mlk-toolbar" });
  const help = el("p", { class: "mlk-help" });
  const legend = el("ul", { class: "mlk-legend", "aria-label": "What the marks mean" });
  const panes = el("div", { class: "mlk-panes" });
  const why = el("p", { class: "mlk-why", role: "status", "aria-live": "polite" });
  const actions = el("div", { class: "mlk-actions" });
  const hintView = el("div", { class: "mlk-hint", role: "status" });
  const summary = el("div", { class: "mlk-summary", role: "status", "aria-live": "polite", tabindex: -1 });
  const saved = el("p", { class: "mlk-saved", role: "status", "aria-live": "polite" });
  const tableBox = el("details", { class: "mlk-table-box" });
  // The reason for a mark appears in a bubble just under the mark (a long article would otherwise put it
  // a screen away); screen readers hear it from the live region `why`. The buttons and the result sit
  // above the text, where a student starts, and Check is repeated under it, where a student finishes.
  const bubble = el("div", { class: "mlk-bubble", "aria-hidden": "true", hidden: true });
  const top = el("div", { class: "mlk-top" });
  top.append(actions, saved);
  const bottomActions = el("div", { class: "mlk-actions mlk-bottom" });
  why.classList.add("mlk-sr");
  box.append(sheet, toolbar, help, top, summary, hintView, legend, panes, bottomActions, why, bubble, tableBox);
  host.append(box);

  const uid = Math.random().toString(36).slice(2, 10); // ids for labels, unique per view
  let picks = new Map(); // word index -> kind (select mode, main pane)
  let focusWord = 0;
  let main = null; // the main pane: {root, words, tokens, text}
  let drag = null;
  let drawn = 0; // which draw() is current (a slow build of an older one stops)
  let builders = [];
  const FIRST_PIECES = 6000; // about 2,500 words: several screens, drawn at once
  const LATER_PIECES = 2500; // small slices: a click during the build waits at most one slice

  const categories = () => model.get("categories") || [];
  const catByKey = () => Object.fromEntries(categories().map((c) => [c.key, c]));
  const targets = () => model.get("targets") || [];
  const mode = () => model.get("mode");
  const currentKind = () => box.querySelector(`input[name=mlk-kind-${uid}]:checked`)?.value || targets()[0]?.key;

  function layersFor(marks, furniture, feedback) {
    const cats = catByKey();
    const rankOf = Object.fromEntries(categories().map((c, i) => [c.key, i + 2]));
    const out = [];
    for (const f of furniture || []) out.push({ ...f, id: -1, rank: 0, kind: "furniture", tag: "" });
    for (const m of marks || []) out.push({ ...m, rank: rankOf[m.cat] ?? 9, kind: "mark", tag: cats[m.cat]?.short || "" });
    for (const f of feedback || []) out.push({ ...f, rank: 1, kind: "feedback", tag: STATUS_TAG[f.status] || "" });
    return out;
  }

  function openMark(m, first) {
    if (m.kind === "furniture") {
      const node = el("span", { class: "mlk-furniture", title: m.why });
      node.dataset.why = `Page furniture (${m.label}): “${m.text}” — ${m.why}`;
      if (first) node.append(el("span", { class: "mlk-furniture-label" }, `page furniture: ${m.label}`), " ");
      return node;
    }
    if (m.kind === "feedback") {
      const node = el("mark", { class: `mlk-fb mlk-fb-${m.status}${first ? " mlk-stop" : ""}`, "data-fb": m.id, tabindex: -1 });
      node.dataset.why = `${m.label}: “${m.text}” — ${m.why}`;
      if (first) node.append(el("span", { class: "mlk-sr" }, `${m.label}: `));
      return node;
    }
    const cat = catByKey()[m.cat] || { label: m.cat };
    const stop = first && mode() !== "select"; // in select mode the words are the stops, not the marks
    const node = el("mark", { class: `mlk-m mlk-m-${m.cat}${stop ? " mlk-stop" : ""}`, "data-m": m.id, title: `${cat.label}: ${m.why}` });
    if (mode() !== "select") node.tabIndex = -1;
    node.dataset.why = `${cat.label}${m.detail ? " (" + m.detail + ")" : ""}: “${m.text}” — ${m.why}`;
    if (first) node.append(el("span", { class: "mlk-sr" }, `${cat.label}: `));
    return node;
  }

  function pane(text, tokens, marks, furniture, feedback, label) {
    const wrap = el("div", { class: "mlk-pane" });
    if (label) wrap.append(el("h4", { class: "mlk-pane-label" }, label));
    const out = renderText(text, tokens, layersFor(marks, furniture, feedback), { openMark, wordTargets: mode() === "select" });
    builders.push(out);
    wrap.append(out.root);
    return { ...out, wrap, text, tokens };
  }

  // One Tab stop per text, not one per mark (a long article had 46): the arrow keys go from mark to mark
  // inside it, each mark's reason shown as it gets the focus. Select mode has its own keys (word to word).
  function markStops(root) {
    if (mode() === "select") return;
    if (!root.querySelector('.mlk-stop[tabindex="0"]')) {
      const first = root.querySelector(".mlk-stop");
      if (first) first.tabIndex = 0;
    }
    if (root.dataset.stops) return;
    root.dataset.stops = "1";
    root.setAttribute("role", "group");
    root.setAttribute("aria-label", `${model.get("label") || "Article"}. Use the arrow keys to go from mark to mark.`);
    root.addEventListener("keydown", (ev) => {
      const here = ev.target.closest?.(".mlk-stop");
      if (!here || !root.contains(here) || mode() === "select") return;
      const shown = (n) => ![...n.classList].some((c) => c.startsWith("mlk-m-") && box.classList.contains(`mlk-hide-${c.slice(6)}`));
      const stops = [...root.querySelectorAll(".mlk-stop")].filter((n) => n === here || shown(n));
      const at = stops.indexOf(here);
      let to = null;
      if (ev.key === "ArrowRight" || ev.key === "ArrowDown") to = stops[at + 1];
      else if (ev.key === "ArrowLeft" || ev.key === "ArrowUp") to = stops[at - 1];
      else if (ev.key === "Home") to = stops[0];
      else if (ev.key === "End") to = stops[stops.length - 1];
      else return;
      ev.preventDefault();
      if (!to) return;
      here.tabIndex = -1;
      to.tabIndex = 0;
      to.focus();
    });
  }

  function visibleMarks() {
    const shownInSelect = new Set(model.get("context") || []);
    const all = model.get("marks") || [];
    return mode() === "select" || mode() === "check" ? all.filter((m) => shownInSelect.has(m.cat)) : all;
  }

  function applyHidden() {
    const shown = new Set(model.get("shown") || []);
    for (const c of categories()) box.classList.toggle(`mlk-hide-${c.key}`, !shown.has(c.key));
  }

  function drawToolbar() {
    toolbar.replaceChildren();
    const m = mode();
    if (m === "read" || m === "compare") {
      const group = el("fieldset", { class: "mlk-toggles" });
      group.append(el("legend", {}, "Show these marks"));
      const shown = new Set(model.get("shown") || []);
      const present = new Set((model.get("marks") || []).concat(model.get("compare_marks") || []).map((x) => x.cat));
      for (const c of categories()) {
        if (!present.has(c.key)) continue;
        const id = `mlk-${uid}-${c.key}`;
        const box_ = el("input", { type: "checkbox", id, value: c.key });
        box_.checked = shown.has(c.key);
        box_.addEventListener("change", () => {
          const now = new Set(model.get("shown") || []);
          if (box_.checked) now.add(c.key); else now.delete(c.key);
          model.set("shown", categories().map((x) => x.key).filter((k) => now.has(k)));
          model.save_changes();
        });
        const lab = el("label", { for: id, class: `mlk-key-${c.key}` }, c.label + " ");
        lab.append(el("span", { class: "mlk-tag", "aria-hidden": "true" }, c.short));
        group.append(el("span", { class: "mlk-toggle" }), box_, lab);
      }
      toolbar.append(group);
    } else if (m === "select" && targets().length) {
      const group = el("fieldset", { class: "mlk-kinds" });
      group.append(el("legend", {}, "What are you marking?"));
      targets().forEach((t, i) => {
        const id = `mlk-${uid}-kind-${t.key}`;
        const radio = el("input", { type: "radio", name: `mlk-kind-${uid}`, id, value: t.key });
        radio.checked = i === 0;
        group.append(radio, el("label", { for: id, class: `mlk-pick-${i}` }, t.label));
      });
      // the arrow keys move this choice through installChoiceKeys (dom.js), as they move a question's
      toolbar.append(group);
    }
  }

  function drawLegend() {
    legend.replaceChildren();
    const present = new Set(visibleMarks().concat(model.get("compare_marks") || []).map((x) => x.cat));
    for (const c of categories()) {
      if (!present.has(c.key)) continue;
      const item = el("li", { class: `mlk-key-${c.key}` });
      const sample = el("span", { class: `mlk-m mlk-m-${c.key}` }, c.label);
      sample.append(el("span", { class: "mlk-tag", "aria-hidden": "true" }, c.short));
      item.append(sample, ` — ${c.description} (${c.look}, tag ${c.short})`);
      legend.append(item);
    }
    if (mode() === "select") {
      targets().forEach((t, i) => {
        const item = el("li");
        item.append(el("span", { class: `mlk-w mlk-picked mlk-pick-${i}` }, "your mark"), ` — ${t.label}: ${t.description || ""}`);
        legend.append(item);
      });
    }
  }

  function drawTable() {
    tableBox.replaceChildren();
    const fb = model.get("feedback") || [];
    const rows = mode() === "check" ? fb.map((f) => [f.label, f.text, f.why]) : visibleMarks().map((m) => [catByKey()[m.cat]?.label || m.cat, m.text, (m.detail ? m.detail + ": " : "") + m.why]);
    tableBox.append(el("summary", {}, mode() === "check" ? "Table of the check (text view)" : "Table of every mark (text view)"));
    if (!rows.length) { tableBox.append(el("p", {}, "Nothing to show.")); return; }
    const table = el("table", { class: "mlk-table" });
    const head = el("tr");
    for (const h of mode() === "check" ? ["Result", "Words", "Why"] : ["Kind of mark", "Words", "Why it is marked"]) head.append(el("th", { scope: "col" }, h));
    const thead = el("thead"); thead.append(head); table.append(thead);
    const body = el("tbody");
    for (const r of rows) { const tr = el("tr"); for (const c of r) tr.append(el("td", {}, c)); body.append(tr); }
    table.append(body);
    tableBox.append(table);
  }

  function drawActions() {
    actions.replaceChildren();
    const m = mode();
    if (model.get("hint") && (m === "select" || m === "check")) {
      const b = el("button", { type: "button", class: "mlk-button" }, "Hint");
      b.addEventListener("click", () => { hintView.textContent = model.get("hint"); });
      actions.append(b);
    }
    if (m === "select" && model.get("checkable")) {
      const b = el("button", { type: "button", class: "mlk-button mlk-primary" }, "Check");
      b.addEventListener("click", () => runCommand("check"));
      actions.append(b);
    }
    if (m === "check") {
      const b = el("button", { type: "button", class: "mlk-button" }, "Change my marks");
      b.addEventListener("click", () => runCommand("edit"));
      actions.append(b);
    }
    bottomActions.replaceChildren();
    if (m === "select" && model.get("checkable")) {
      const b = el("button", { type: "button", class: "mlk-button mlk-primary" }, "Check my marks");
      b.addEventListener("click", () => runCommand("check"));
      bottomActions.append(b);
    }
    if (m === "check") { // a student who reached the end of the text finds the result and the way back here too
      const b = el("button", { type: "button", class: "mlk-button" }, "Change my marks");
      b.addEventListener("click", () => runCommand("edit"));
      const up = el("button", { type: "button", class: "mlk-button" }, "↑ Back to the result");
      up.addEventListener("click", () => bringToTop(summary));
      bottomActions.append(b, up);
    }
  }

  // After Check the result is above the text, often a screen away from the bottom button that was pressed;
  // the view scrolls back to it and moves the keyboard focus there, so nobody is left on another cell.
  function bringToTop(target) {
    top.scrollIntoView({ block: "start" });
    target?.focus({ preventScroll: true });
  }

  async function runCommand(name) {
    model.set("status", "Working…");
    try {
      await experimental.invoke(name, {}, { signal: AbortSignal.timeout(15000) });
    } catch (err) {
      saved.textContent = `The kernel did not answer. ${rerun()}, then try again (your marks are kept).`;
      return;
    }
    // the reply comes after the new state, so the view is already redrawn in its new mode
    requestAnimationFrame(() => {
      if (name === "check" && mode() === "check") bringToTop(summary);
      else if (name === "edit" && mode() === "select") bringToTop(actions.querySelector(".mlk-primary"));
    });
  }

  // ---- selecting words ----
  let furnitureWords = new Set(); // words inside page furniture: shown, never targets
  let painted = new Set(); // words drawn as picked, so a restore repaints only what changes
  const selectable = (k) => main && main.words[k] && !furnitureWords.has(k);

  const wordText = (k) => main.text.slice(main.tokens[2 * k], main.tokens[2 * k + 1]);

  function wordAt(pos) { // the first word that ends after pos (binary search over the word positions)
    let lo = 0, hi = main.tokens.length / 2;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (main.tokens[2 * mid + 1] <= pos) lo = mid + 1; else hi = mid; }
    return lo;
  }

  function wordsIn(s, e, fn) {
    const n = main.tokens.length / 2;
    for (let k = wordAt(s); k < n && main.tokens[2 * k] < e; k++) fn(k);
  }

  function paintWord(k) {
    const kind = picks.get(k);
    const index = targets().findIndex((t) => t.key === kind);
    for (const span of main.words[k] || []) {
      span.classList.toggle("mlk-picked", kind !== undefined);
      for (let i = 0; i < targets().length; i++) span.classList.toggle(`mlk-pick-${i}`, i === index);
    }
    if (kind !== undefined) painted.add(k); else painted.delete(k);
    const first = (main.words[k] || [])[0];
    if (first && first.getAttribute("role") === "checkbox") {
      first.setAttribute("aria-checked", kind !== undefined ? "true" : "false");
      // the word itself names the checkbox; a label is needed only to add the kind, or for a split word
      if (kind !== undefined) first.setAttribute("aria-label", `${wordText(k)} (marked: ${targets()[index]?.label || kind})`);
      else if (main.words[k].length > 1) first.setAttribute("aria-label", wordText(k));
      else first.removeAttribute("aria-label");
    }
  }

  function setWord(k, on, kind) {
    if (!selectable(k)) return;
    if (on) picks.set(k, kind); else picks.delete(k);
    paintWord(k);
  }

  function sendPicks() {
    const spans = [];
    const words = [...picks.keys()].sort((a, b) => a - b);
    for (const k of words) {
      const s = main.tokens[2 * k], e = main.tokens[2 * k + 1], kind = picks.get(k);
      const last = spans[spans.length - 1];
      if (last && last[2] === kind && last[3] === k - 1 && !main.text.slice(last[1], s).includes("\n")) { last[1] = e; last[3] = k; }
      else spans.push([s, e, kind, k]);
    }
    model.set("status", "Saving…"); // the kernel answers with "Saved …" (or why not)
    model.set("picks", spans.map(([s, e, kind]) => [s, e, kind]));
    model.save_changes();
  }

  function moveFocus(k) {
    const n = main.tokens.length / 2;
    if (!n) return;
    k = Math.max(0, Math.min(n - 1, k));
    const old = main.words[focusWord]?.[0];
    if (old) old.tabIndex = -1;
    focusWord = k;
    const span = main.words[k]?.[0];
    if (span) { span.tabIndex = 0; span.focus(); }
  }

  function nextSelectable(from, step) {
    const n = main.tokens.length / 2;
    for (let k = from + step; k >= 0 && k < n; k += step) if (selectable(k)) return k;
    return from;
  }

  function lineStep(from, dir) { // the nearest word on the next (or previous) line
    const start = main.words[from]?.[0]?.getBoundingClientRect();
    if (!start) return from;
    let best = from, bestDx = Infinity, lineTop = null;
    const n = main.tokens.length / 2;
    for (let k = from + dir; k >= 0 && k < n; k += dir) {
      if (!selectable(k)) continue;
      const r = main.words[k][0].getBoundingClientRect();
      const moved = dir > 0 ? r.top > start.bottom - 2 : r.bottom < start.top + 2;
      if (!moved) continue;
      if (lineTop === null) lineTop = r.top;
      if (Math.abs(r.top - lineTop) > 4) break;
      const dx = Math.abs(r.left - start.left);
      if (dx < bestDx) { best = k; bestDx = dx; }
    }
    return best;
  }

  function wordOf(node) {
    const span = node?.closest?.(".mlk-w");
    return span && main.root.contains(span) ? Number(span.dataset.w) : -1;
  }

  function enableSelect() {
    // every word was drawn as an unticked checkbox; page furniture is shown but is never a target,
    // and a word cut in two by a mark boundary is named by its first piece
    const n = main.tokens.length / 2;
    furnitureWords = new Set();
    for (const f of model.get("furniture") || []) wordsIn(f.s, f.e, (k) => furnitureWords.add(k));
    for (const k of furnitureWords) {
      for (const span of main.words[k] || []) { span.removeAttribute("role"); span.removeAttribute("aria-checked"); span.removeAttribute("tabindex"); }
    }
    for (let k = 0; k < n; k++) {
      const spans = main.words[k];
      if (!spans || spans.length < 2 || furnitureWords.has(k)) continue;
      spans[0].setAttribute("aria-label", wordText(k));
      for (const span of spans.slice(1)) { span.removeAttribute("role"); span.removeAttribute("aria-checked"); span.removeAttribute("tabindex"); span.setAttribute("aria-hidden", "true"); }
    }
    if (!selectable(focusWord)) {
      const first = nextSelectable(-1, 1);
      if (selectable(first)) { focusWord = first; main.words[first][0].tabIndex = 0; }
    }
  }

  function listenForSelection() {
    const n = main.tokens.length / 2;
    main.root.setAttribute("role", "group");
    main.root.setAttribute("aria-label", model.get("label") + ". Use the arrow keys to move from word to word and Space to mark or unmark a word.");
    focusWord = 0;
    if (main.words[0]) main.words[0][0].tabIndex = 0;
    main.root.addEventListener("keydown", (ev) => {
      const k = wordOf(ev.target);
      if (k < 0) return;
      let target = null;
      if (ev.key === "ArrowRight") target = nextSelectable(k, 1);
      else if (ev.key === "ArrowLeft") target = nextSelectable(k, -1);
      else if (ev.key === "ArrowDown") target = lineStep(k, 1);
      else if (ev.key === "ArrowUp") target = lineStep(k, -1);
      else if (ev.key === "Home") target = nextSelectable(-1, 1);
      else if (ev.key === "End") target = nextSelectable(n, -1);
      else if (ev.key === " " || ev.key === "Enter") {
        ev.preventDefault();
        const kind = currentKind();
        setWord(k, picks.get(k) !== kind, kind);
        sendPicks();
        return;
      }
      if (target === null) return;
      ev.preventDefault();
      if (ev.shiftKey) { setWord(target, true, currentKind()); sendPicks(); }
      moveFocus(target);
    });
    main.root.addEventListener("pointerdown", (ev) => {
      const k = wordOf(ev.target);
      if (k < 0 || !selectable(k)) return;
      ev.preventDefault();
      const kind = currentKind();
      drag = { from: k, to: k, on: picks.get(k) !== kind, kind, before: new Map(picks) };
      setWord(k, drag.on, kind);
      moveFocus(k);
    });
    main.root.addEventListener("pointermove", (ev) => {
      if (!drag) return;
      const k = wordOf(document.elementFromPoint(ev.clientX, ev.clientY));
      if (k < 0 || k === drag.to) return;
      // repaint only the words between the old and the new end of the drag, not the whole article
      const lo = Math.min(drag.from, drag.to, k), hi = Math.max(drag.from, drag.to, k);
      drag.to = k;
      const [a, b] = drag.from < k ? [drag.from, k] : [k, drag.from];
      for (let j = lo; j <= hi; j++) {
        if (!selectable(j)) continue;
        const was = drag.before.get(j);
        if (j >= a && j <= b) setWord(j, drag.on, drag.kind);
        else if (was !== undefined) setWord(j, true, was); else setWord(j, false);
      }
    });
    const finish = () => { if (drag) { drag = null; sendPicks(); } };
    main.root.addEventListener("pointerup", finish);
    main.root.addEventListener("pointerleave", finish);
  }

  function restorePicks() {
    picks = new Map();
    for (const [s, e, kind] of model.get("picks") || []) wordsIn(s, e, (k) => { if (main.words[k]) picks.set(k, kind); });
    const stale = [...painted].filter((k) => !picks.has(k));
    for (const k of stale) paintWord(k);
    for (const k of picks.keys()) paintWord(k);
  }

  function showWhy(ev) {
    const node = ev.target.closest?.("[data-why]");
    if (!node || !box.contains(node)) return;
    why.textContent = node.dataset.why;
    // the bubble goes just under the mark's first line, kept inside the view
    bubble.textContent = node.dataset.why;
    bubble.hidden = false;
    const line = node.getClientRects()[0] || node.getBoundingClientRect();
    const frame = box.getBoundingClientRect();
    const width = Math.min(420, frame.width - 16);
    bubble.style.width = `${width}px`;
    bubble.style.top = `${line.bottom - frame.top + 6}px`;
    bubble.style.left = `${Math.max(8, Math.min(line.left - frame.left, frame.width - width - 8))}px`;
  }
  const hideWhy = () => { bubble.hidden = true; };
  box.addEventListener("focusin", (ev) => { if (ev.target.closest?.("[data-why]")) showWhy(ev); else hideWhy(); });
  box.addEventListener("focusout", hideWhy);
  box.addEventListener("click", (ev) => { if (mode() !== "select") showWhy(ev); });
  box.addEventListener("mouseover", (ev) => { if (mode() !== "select") showWhy(ev); });
  box.addEventListener("mouseout", (ev) => { if (ev.target.closest?.("[data-why]") && document.activeElement !== ev.target.closest("[data-why]")) hideWhy(); });
  box.addEventListener("keydown", (ev) => { if (ev.key === "Escape") hideWhy(); });

  function draw() {
    const m = mode();
    box.dataset.mode = m;
    box.setAttribute("aria-label", model.get("label") || "Article");
    sheet.textContent = styleSheet(categories());
    help.textContent = model.get("help") || "";
    const tokens = m === "select" || m === "check" ? int32(model.get("tokens")) : new Int32Array(0);
    const text = model.get("text") || "";
    painted = new Set();
    builders = [];
    main = pane(text, tokens, visibleMarks(), model.get("furniture"), m === "check" ? model.get("feedback") : [], m === "compare" ? (model.get("labels") || [])[0] : null);
    const parts = [main.wrap];
    if (m === "compare") {
      const other = pane(model.get("compare_text") || "", new Int32Array(0), model.get("compare_marks") || [], [], [], (model.get("labels") || [])[1]);
      parts.push(other.wrap);
    }
    panes.replaceChildren(...parts);
    panes.classList.toggle("mlk-two", m === "compare");
    const generation = ++drawn;
    box.dataset.ready = "false";
    const finish = () => {
      for (const b of builders) markStops(b.root);
      if (m === "select") enableSelect();
      if (m === "select" || m === "check") restorePicks();
      box.dataset.ready = "true"; // the whole text is drawn (tests and the benchmark wait for this)
    };
    const pending = builders.filter((b) => !b.step(FIRST_PIECES));
    for (const b of builders) markStops(b.root);
    if (m === "select") listenForSelection();
    const more = () => {
      if (generation !== drawn) return; // drawn again meanwhile: this build is obsolete
      const left = pending.filter((b) => !b.step(LATER_PIECES));
      if (left.length) { pending.splice(0, pending.length, ...left); setTimeout(more, 0); } else finish();
    };
    if (pending.length) setTimeout(more, 0); else finish();
    drawToolbar();
    drawLegend();
    drawActions();
    drawTable();
    applyHidden();
    summary.textContent = m === "check" ? model.get("summary") || "" : "";
    saved.textContent = model.get("status") || "";
    why.textContent = "";
    hideWhy();
    if (!text.trim()) panes.replaceChildren(el("p", {}, "There is no text to show yet."));
  }

  draw();
  const redraw = () => draw();
  const handlers = [
    ...["text", "tokens", "marks", "furniture", "mode", "feedback", "compare_text", "compare_marks", "labels", "context", "targets", "hint"].map((name) => [name, redraw]),
    ["shown", applyHidden],
    ["status", () => { saved.textContent = model.get("status") || ""; }],
    ["summary", () => { summary.textContent = mode() === "check" ? model.get("summary") || "" : ""; }],
    ["picks", () => { if (main && (mode() === "select" || mode() === "check") && !drag) restorePicks(); }],
  ];
  for (const [name, fn] of handlers) model.on(`change:${name}`, fn);
  return () => { for (const [name, fn] of handlers) model.off(`change:${name}`, fn); };
}

export default { render };
