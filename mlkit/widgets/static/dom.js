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
