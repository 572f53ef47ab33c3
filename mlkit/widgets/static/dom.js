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
