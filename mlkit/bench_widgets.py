"""Benchmark: the article view in a real Chromium (targets: first render and click-to-change < 100 ms).

Run ``python -m mlkit.bench_widgets`` (needs the test tools: Playwright for Python and Debian's
chromium). It prints figures rather than asserting, so a busy machine cannot make a test flaky. The
view's own ES module is loaded into a bare page with a stand-in for the widget model, so what is timed
is the view's work (building the page, laying it out) and not JupyterLab's start-up. For each text:
- payload: what Python sends the browser (JSON state plus the binary word positions);
- first render: from calling the module's render() to the page laid out (median of several), in read
  mode and in select mode (where every word is a target);
- click to change: a pointer-down on a word until its mark is visible (select mode), and a tick of a
  kind of mark until the marks change (read mode), both inside one task, so no kernel is involved.
"""

from __future__ import annotations

import base64
import json
import shutil
import statistics
import sys
from typing import Any

import mlkit
from mlkit.widgets.article_view import STATIC, ArticleView, esm

TARGET_MS = 100.0
RUNS = 7

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
<style>%(css)s</style></head><body><div id="host"></div></body></html>"""

HARNESS = """async ([source, state, tokens, runs]) => {
  const mod = await import(URL.createObjectURL(new Blob([source], {type: 'text/javascript'})));
  const bytes = Uint8Array.from(atob(tokens), c => c.charCodeAt(0));
  function model(mode) {
    const targets = mode === 'select' ? [{key: 'hedge', label: 'Hedge', description: ''}] : [];
    const s = {...state, mode, targets, tokens: new DataView(bytes.buffer)};
    const on = {};
    return {get: k => s[k], set: (k, v) => { s[k] = v; (on['change:' + k] || []).forEach(f => f()); },
            on: (e, f) => (on[e] = on[e] || []).push(f), off: () => {}, save_changes: () => {},
            send: () => {}};
  }
  const host = document.getElementById('host');
  const render = [];
  for (let i = 0; i < runs; i++) {
    host.replaceChildren();
    const t0 = performance.now();
    mod.default.render({model: model('read'), el: host, experimental: {invoke: async () => [{}]}});
    host.offsetHeight;  // force layout, so it is counted
    render.push(performance.now() - t0);
  }
  const toggle = [];
  for (let i = 0; i < runs; i++) {
    const box = host.querySelector('input[type=checkbox][value=hedge]');
    const view = host.querySelector('.mlkit-article');
    const t0 = performance.now();
    box.click();
    view.classList.contains('mlk-hide-hedge'); host.offsetHeight;
    toggle.push(performance.now() - t0);
  }
  const select = [];
  for (let i = 0; i < runs; i++) {
    host.replaceChildren();
    const t0 = performance.now();
    mod.default.render({model: model('select'), el: host, experimental: {invoke: async () => [{}]}});
    host.offsetHeight;
    select.push(performance.now() - t0);
  }
  const t0 = performance.now();
  const view = host.querySelector('.mlkit-article');
  while (view.dataset.ready !== 'true') await new Promise(r => setTimeout(r, 1));
  const whole = performance.now() - t0;  // the rest of the text, drawn in slices after the first screens
  const words = [...host.querySelectorAll('.mlk-w[role=checkbox]')];
  const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const click = [];
  for (let i = 0; i < runs; i++) {
    const w = words[Math.floor((i + 1) * words.length / (runs + 2))];
    w.scrollIntoView();
    await frame();
    const t0 = performance.now();
    w.dispatchEvent(new PointerEvent('pointerdown', {bubbles: true}));
    w.dispatchEvent(new PointerEvent('pointerup', {bubbles: true}));
    if (!w.classList.contains('mlk-picked')) throw new Error('the click did not mark the word');
    await frame();  // until the browser has drawn the next frame with the change
    click.push(performance.now() - t0);
  }
  return {render, select, toggle, click, whole, nodes: host.querySelectorAll('*').length};
}"""


def payload(view: ArticleView) -> tuple[int, int]:
    """Bytes of JSON state and of binary buffers that displaying ``view`` sends to the browser."""
    state = view.get_state()
    binary = sum(len(v) for v in state.values() if isinstance(v, (bytes, memoryview)))
    plain = {k: v for k, v in state.items() if not isinstance(v, (bytes, memoryview))}
    return len(json.dumps(plain).encode("utf-8")), binary


def long_article(words: int = 10_000) -> str:
    """A real news text of about ``words`` words: the seed article's body, repeated."""
    body = mlkit.seed_article().split("\n\n", 3)[-1]
    n = max(1, words // len(body.split()) + 1)
    return "\n\n".join([body] * n)


def measure(page: Any, text: str) -> dict[str, Any]:
    view = ArticleView(mlkit.analyze(text))
    state = {k: v for k, v in view.get_state().items() if not isinstance(v, (bytes, memoryview))}
    tokens = base64.b64encode(bytes(view.tokens)).decode("ascii")
    figures = page.evaluate(HARNESS, [esm("article_view.js"), state, tokens, RUNS])
    json_bytes, binary_bytes = payload(view)
    return {
        "words": len(text.split()),
        "marks": len(view.marks),
        "json": json_bytes,
        "binary": binary_bytes,
        **figures,
    }


def report(name: str, f: dict[str, Any]) -> None:
    def ms(key: str) -> str:
        return f"median {statistics.median(f[key]):.1f} ms, worst {max(f[key]):.1f} ms"

    worst = max(
        statistics.median(f["render"]), statistics.median(f["select"]), max(f["click"]), max(f["toggle"])
    )
    print(f"{name}: {f['words']} words, {f['marks']} marks, {f['nodes']} elements in the page")
    sizes = f"{f['json'] / 1024:.1f} KiB of JSON state + {f['binary'] / 1024:.1f} KiB of word positions"
    print(f"  payload: {sizes}")
    print(f"  first render, read mode: {ms('render')}")
    print(f"  first render, select mode (every word a target): {ms('select')}")
    print(f"  the rest of the text, drawn after the first screens: {f['whole']:.0f} ms")
    print(f"  click on a word until the next frame shows its mark (select mode): {ms('click')}")
    print(f"  tick of a kind of mark to the change (read mode): {ms('toggle')}")
    print(f"  target < {TARGET_MS:.0f} ms: {'met' if worst < TARGET_MS else 'NOT met'}")


def main() -> int:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("bench_widgets needs Playwright for Python (pip install -r requirements-dev.txt)")
        return 2
    executable = shutil.which("chromium")
    if executable is None:
        print("bench_widgets needs Chromium (Debian: apt-get install chromium)")
        return 2
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync"]  # fmt: skip
    css = (STATIC / "article_view.css").read_text(encoding="utf-8")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=args)
        page = browser.new_page(viewport={"width": 1300, "height": 1000})
        page.set_content(PAGE % {"css": css})
        report("the seed article", measure(page, mlkit.seed_article()))
        report("a 10,000-word article", measure(page, long_article()))
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
