// Shared by the kit's ES modules (mlkit.widgets.article_view.esm puts it in front of each one): build
// a DOM node with attributes and plain text. Text always goes in as textContent, never as HTML.

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  if (text !== undefined) node.textContent = text;
  return node;
}

// What brings a lesson back when its kernel does not answer. In JupyterLab: run every cell again. In the
// app view (Voilà, whose page carries data-voila), there are no cells: reloading the page runs the lesson
// afresh. Either way the saved answers come back from the answers file.
function rerun() {
  return document.body && document.body.dataset.voila ? "Reload this page" : "Press Run ▸ Run All Cells";
}

// The kit's choices (a question's ipywidgets radio buttons, the article view's "What are you marking?"):
// in JupyterLab the arrow keys on them move to another cell instead (JupyterLab cancels the browser's own
// move), so a student using the keyboard could not change a choice. One listener per page moves the
// choice, as in any radio group; JupyterLab leaves alone a key already handled. Installed by every kit
// widget, once.
function installChoiceKeys() {
  if (globalThis.mlkitChoiceKeys) return;
  globalThis.mlkitChoiceKeys = true;
  document.addEventListener("keydown", (ev) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[ev.key];
    const radio = ev.target;
    if (!step || !(radio instanceof HTMLInputElement) || radio.type !== "radio") return;
    const group = radio.closest(".widget-radio-box, .mlk-kinds");
    if (!group) return;
    ev.preventDefault();
    const radios = [...group.querySelectorAll("input[type=radio]")].filter((r) => !r.disabled);
    const next = radios[(radios.indexOf(radio) + step + radios.length) % radios.length];
    if (next && next !== radio) { next.click(); next.focus(); }
  }, true);
}
