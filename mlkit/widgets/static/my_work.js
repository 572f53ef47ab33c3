// The "My work" bar at the end of every lesson: how many answers are saved, Download, Load.
// Download builds the file when it is clicked, from the answers file as it is at that moment (the
// kernel reads it fresh), so a download is never older than the last answer. If the kernel cannot answer
// (it was restarted or shut down), the last copy this page received is offered instead, and the student
// is told so. The file and the student's name are untrusted: shown with textContent only.

function fileName(student) {
  const slug = (student || "").normalize("NFKC").trim().replace(/[^\p{L}\p{N}_-]+/gu, "-").replace(/^-+|-+$/g, "").slice(0, 40);
  return slug ? `answers-${slug}.json` : "answers.json";
}

function saveBlob(content, name) {
  const url = URL.createObjectURL(new Blob([content], { type: "application/json" }));
  const a = el("a", { href: url, download: name });
  a.style.display = "none";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

function render({ model, el: host, experimental }) {
  installChoiceKeys();
  const uid = Math.random().toString(36).slice(2, 10);
  const bar = el("section", { class: "mlkit-mywork", "aria-label": "My work" });
  const title = el("h3", { class: "mlw-title" }, "My work");
  const count = el("p", { class: "mlw-count", role: "status", "aria-live": "polite" });
  const nameLabel = el("label", { for: `mlw-name-${uid}` }, "Your name (for the file name): ");
  const name = el("input", { id: `mlw-name-${uid}`, type: "text", maxlength: 60, autocomplete: "off", class: "mlw-name" });
  const download = el("button", { type: "button", class: "mlw-button mlw-primary" }, "⬇ Download my work");
  const fileInput = el("input", { type: "file", accept: ".json,application/json", class: "mlw-file", "aria-hidden": "true", tabindex: -1 });
  const loadButton = el("button", { type: "button", class: "mlw-button" }, "⬆ Load a saved file");
  const status = el("p", { class: "mlw-status", role: "status", "aria-live": "polite" });
  const notices = el("p", { class: "mlw-notice", role: "alert" });
  const details = el("details", { class: "mlw-details" });
  const row1 = el("div", { class: "mlw-row" });
  row1.append(download, loadButton, fileInput);
  const row2 = el("div", { class: "mlw-row" });
  row2.append(nameLabel, name);
  if (model.get("compact")) {
    // the line at the top of a lesson: count, Load (a new session starts here) and Download
    bar.classList.add("mlw-compact");
    row1.prepend(count);
    bar.append(row1, status, notices);
    if (document.body && document.body.dataset.voila) {
      // The app view (Voilà) drops the lesson's JupyterLab instructions (mlkit.appview); this is their
      // app version: a reload runs the lesson afresh, with every saved answer.
      bar.append(el("p", { class: "mlw-app-note" }, "New session? Press Load a saved file, pick the file you " +
        "downloaded last time, then reload this page. A button stops answering? Reload this page: nothing saved is lost."));
    }
  } else {
    // closing a lesson after Run All, JupyterLab asks whether to save the notebook: the answer does not matter
    const closing = el("p", { class: "mlw-closing" },
      "Your answers are kept in this answers file, not in the notebook: if JupyterLab asks whether to save the notebook when you close it, either answer is fine.");
    bar.append(title, count, row1, row2, status, notices, details);
    if (!(document.body && document.body.dataset.voila)) bar.append(closing); // the app view has no notebook to save
  }
  host.append(bar);

  // Keep the lesson on screen alive: jupyter-server shuts down a kernel after 15 minutes with no
  // activity, and reading or a class discussion is no activity. While this lesson is the one showing
  // (page visible, its panel not hidden), a small message every 4 minutes counts as activity; lessons
  // left open in background tabs are still culled, which is what frees Binder's memory.
  const beat = setInterval(() => {
    if (document.visibilityState === "visible" && host.isConnected && host.getClientRects().length) {
      model.send({ kind: "heartbeat" });
    }
  }, globalThis.mlkitHeartbeatMs || 4 * 60 * 1000); // (a test may shorten it)

  function drawCount() {
    const n = model.get("count");
    count.textContent = n === 0 ? "No answers saved yet." : `${n} answer${n === 1 ? "" : "s"} saved (every lesson so far), in ${model.get("where")}.`;
  }

  function drawTable() {
    details.replaceChildren(el("summary", {}, "Show my saved answers"));
    const rows = model.get("rows") || [];
    if (!rows.length) { details.append(el("p", {}, "No answers saved yet.")); return; }
    const table = el("table", { class: "mlw-table" });
    const head = el("tr");
    for (const h of ["Question", "Your answer", "Saved at (UTC)"]) head.append(el("th", { scope: "col" }, h));
    const thead = el("thead"); thead.append(head); table.append(thead);
    const body = el("tbody");
    for (const r of rows) { const tr = el("tr"); for (const c of r) tr.append(el("td", {}, c)); body.append(tr); }
    table.append(body);
    details.append(table);
  }

  function drawNotices() { notices.textContent = model.get("notices") || ""; }

  download.addEventListener("click", async () => {
    const file = fileName(name.value);
    status.textContent = "Preparing your file…";
    try {
      // the name in the box goes with the request, so the file holds the name it is called by
      const [reply] = await experimental.invoke("download", { student: name.value }, { signal: AbortSignal.timeout(4000) });
      saveBlob(reply.content, file);
      status.textContent = `Downloaded ${file} with ${reply.count} answer${reply.count === 1 ? "" : "s"}. Keep it safe; hand it in if your teacher asks.`;
    } catch (err) {
      const snapshot = model.get("snapshot");
      if (snapshot) {
        saveBlob(snapshot, file);
        status.textContent = `The lesson's kernel did not answer, so ${file} holds the answers this page last saw. ${rerun()}, then download again to be sure it has everything.`;
      } else {
        status.textContent = `The lesson's kernel did not answer. ${rerun()}, then press Download again.`;
      }
    }
  });

  loadButton.addEventListener("click", () => fileInput.click());
  fileInput.addEventListener("change", async () => {
    const file = fileInput.files && fileInput.files[0];
    if (!file) return;
    status.textContent = `Loading ${file.name}…`;
    try {
      const buffer = await file.arrayBuffer();
      const [reply] = await experimental.invoke("load", { name: file.name }, { buffers: [buffer], signal: AbortSignal.timeout(20000) });
      status.textContent = reply.loaded ? `${reply.message} ${rerun()} to see them in this lesson.` : reply.message;
    } catch (err) {
      status.textContent = `The lesson's kernel did not answer. ${rerun()}, then load the file again.`;
    }
    fileInput.value = "";
  });

  name.value = model.get("student") || "";
  name.addEventListener("change", () => { model.set("student", name.value); model.save_changes(); });

  drawCount(); drawTable(); drawNotices();
  const handlers = [["count", drawCount], ["where", drawCount], ["rows", drawTable], ["notices", drawNotices],
    ["student", () => { if (document.activeElement !== name) name.value = model.get("student") || ""; }]];
  for (const [n, fn] of handlers) model.on(`change:${n}`, fn);
  return () => {
    clearInterval(beat);
    for (const [n, fn] of handlers) model.off(`change:${n}`, fn);
  };
}

export default { render };
