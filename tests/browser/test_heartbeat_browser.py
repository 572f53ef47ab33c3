"""The My work bar keeps the lesson on screen alive (a culled kernel would stop every button) and lets
lessons in background tabs be culled: it sends its heartbeat only while it is showing. Tested on a bare
page with the bar's own ES module and a stand-in model, the beat shortened to 50 ms."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from mlkit.widgets.my_work import MyWork

pytestmark = pytest.mark.browser

HARNESS = """async (source) => {
  globalThis.mlkitHeartbeatMs = 50;
  const mod = await import(URL.createObjectURL(new Blob([source], {type: 'text/javascript'})));
  const sent = [];
  const state = {count: 0, where: 'student_work/answers.json', rows: [], notices: '', student: '',
                 snapshot: '', compact: false};
  const model = {get: k => state[k], set: () => {}, on: () => {}, off: () => {}, save_changes: () => {},
                 send: m => sent.push(m)};
  const host = document.createElement('div');
  document.body.append(host);
  const stop = mod.default.render({model, el: host, experimental: {invoke: async () => [{}]}});
  const wait = ms => new Promise(r => setTimeout(r, ms));
  await wait(300);
  const shown = sent.length;
  host.style.display = 'none';  // JupyterLab hides the panels of background tabs like this
  await wait(50);
  const before = sent.length;
  await wait(300);
  const hidden = sent.length - before;
  host.style.display = '';
  stop();
  const after = sent.length;
  await wait(300);
  return {shown, hidden, stopped: sent.length - after, kinds: [...new Set(sent.map(m => m.kind))]};
}"""


def test_heartbeat_only_while_the_lesson_is_showing(page: Page) -> None:
    page.set_content("<!doctype html><html lang='en'><body></body></html>")
    got = page.evaluate(HARNESS, MyWork._esm)
    assert got["shown"] >= 3 and got["kinds"] == ["heartbeat"]
    assert got["hidden"] == 0  # a lesson in a background tab sends nothing, so its kernel can be culled
    assert got["stopped"] == 0  # a closed view stops beating
