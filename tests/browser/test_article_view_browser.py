"""The article view as a student uses it, in a real Chromium: click words, Check, read the result in place;
mark words with the keyboard alone; toggle marks with no trip to the kernel; restart the kernel and find
every mark again; and no serious or critical accessibility violation (axe-core) in any mode.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
from axe_playwright_python.sync_playwright import Axe
from jlab import open_notebook, run_all_cells, save, shoot, wait_for_run, widget_problems
from playwright.sync_api import Page

import mlkit

pytestmark = pytest.mark.browser

CELLS = [
    "import mlkit.widgets as w",
    'w.spot_the_hedges(question_id="bt_spot")',
    "w.highlighter()",
    'w.compare("Rebels reportedly took the town.", "Rebels took it, officials said.", ("Before", "After"))',
    'w.who_is_the_source(question_id="bt_src")',
]


def write_cells(folder: Path, name: str, cells: list[str]) -> str:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    nbformat.write(nb, folder / name)
    return name


def serious(page: Page, n: int) -> list[str]:
    """axe-core's serious and critical violations inside the n-th article view, as readable lines."""
    page.evaluate("n => document.querySelectorAll('.mlkit-article')[n].setAttribute('data-axe', n)", n)
    results = Axe().run(page, context=f'[data-axe="{n}"]')
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def view(page: Page, n: int):
    return page.locator(".mlkit-article").nth(n)


def word(v, text: str, nth: int = 0):
    return v.locator(".mlk-w[role=checkbox]").filter(has_text=re.compile(f"^{re.escape(text)}$")).nth(nth)


def wait_saved(page: Page, v) -> None:
    page.wait_for_function(
        "el => /^Saved/.test(el.textContent)", arg=v.locator(".mlk-saved").element_handle()
    )


def picked_words(v) -> list[str]:
    return v.locator(".mlk-w[role=checkbox][aria-checked=true]").evaluate_all(
        "ws => ws.map(w => w.textContent)"
    )


def test_article_view_select_check_keyboard_toggle_restart(
    page: Page, lab_url: str, lab_root: Path, artifacts: Path
) -> None:
    shots = artifacts / "article-view"
    path = write_cells(lab_root, "article_view_check.ipynb", CELLS)
    open_notebook(page, lab_url, path)
    run_all_cells(page)
    wait_for_run(page)
    assert widget_problems(page, save(page, path)) == []
    spot, high, comp, src = (view(page, i) for i in range(4))
    page.wait_for_function(
        "() => [...document.querySelectorAll('.mlkit-article')].every(v => v.dataset.ready === 'true')"
    )
    assert [v.get_attribute("data-mode") for v in (spot, high, comp, src)] == [
        "select",
        "read",
        "compare",
        "select",
    ]
    for i, v in enumerate((spot, high, comp, src)):
        assert serious(page, i) == [], f"view {i} ({v.get_attribute('data-mode')})"
    # the checker itself can fail: an unlabelled checkbox inside a view is a critical violation
    page.evaluate("() => document.querySelectorAll('.mlkit-article')[3].append(Object.assign("
                  "document.createElement('input'), {type: 'checkbox', id: 'unlabelled'}))")  # fmt: skip
    assert any(v.startswith("label ") for v in serious(page, 3))
    page.evaluate("() => document.getElementById('unlabelled').remove()")

    # click three words, Check: found, missed and extra, each in place with its reason
    spot.scroll_into_view_if_needed()
    for w in (word(spot, "reportedly"), word(spot, "Imad"), word(spot, "apparently")):
        w.click()
    wait_saved(page, spot)
    assert picked_words(spot) == ["Imad", "reportedly", "apparently"]
    spot.get_by_role("button", name="Check", exact=True).click()
    spot.locator(".mlk-fb").first.wait_for()
    shoot(page, shots, "1-checked")
    hedges = len(mlkit.analyze(mlkit.seed_article()).hedges)
    assert spot.locator(".mlk-fb-found").count() == 2
    assert spot.locator(".mlk-fb-extra").count() == 1
    assert spot.locator(".mlk-fb-missed").count() == hedges - 2
    summary = spot.locator(".mlk-summary").inner_text()
    assert summary == f"You found 2 of {hedges} hedges. 1 of your marks is not a hedge."
    extra = spot.locator(".mlk-fb-extra").first
    extra.focus()
    bubble = spot.locator(".mlk-bubble")
    assert "Not a hedge" in bubble.inner_text() and bubble.is_visible()  # its reason, on focus
    box, mark = bubble.bounding_box(), extra.bounding_box()
    assert 0 <= box["y"] - (mark["y"] + mark["height"]) < 40  # just under the mark, not a screen away
    assert "Not a hedge" in spot.locator(".mlk-why").inner_text()  # and said to a screen reader
    assert serious(page, 0) == [], "check mode"

    # keyboard only: Tab into the article from the kind chooser, arrows to move, Space to mark
    spot.get_by_role("button", name="Change my marks").click()
    page.wait_for_function("el => el.dataset.mode === 'select'", arg=spot.element_handle())
    spot.get_by_role("radio", name=re.compile("^Hedge")).focus()
    active = "() => [document.activeElement.getAttribute('role'), document.activeElement.textContent]"
    visited = []
    for _ in range(4):  # the kind chooser, then Hint and Check, then the article's first word
        page.keyboard.press("Tab")
        visited.append(page.evaluate(active))
        if visited[-1][0] == "checkbox":
            break
    assert visited == [[None, "Hint"], [None, "Check"], ["checkbox", "Report"]]
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")
    page.wait_for_timeout(300)
    assert "Syrian" in picked_words(spot)
    page.keyboard.press("ArrowDown")  # the nearest word on the next line
    below = page.evaluate("() => [document.activeElement.textContent, document.activeElement.ariaChecked]")
    page.keyboard.press("Space")
    wait_saved(page, spot)
    flipped = page.evaluate("() => [document.activeElement.textContent, document.activeElement.ariaChecked]")
    assert flipped[0] == below[0] != "Syrian" and flipped[1] != below[1]
    before_restart = picked_words(spot)
    shoot(page, shots, "2-keyboard")

    # a toggle changes the view synchronously, in the click itself: no kernel round trip is possible
    changed = high.evaluate(
        """v => { const box = [...v.querySelectorAll('input[type=checkbox]')].find(b => b.value === 'hedge');
                  const was = v.classList.contains('mlk-hide-hedge'); box.click();
                  return [was, v.classList.contains('mlk-hide-hedge')]; }"""
    )
    assert changed == [False, True]

    # restart the kernel and run everything again: every mark comes back from the answers file
    page.get_by_role("menuitem", name="Kernel", exact=True).click()
    page.locator(
        ".lm-Menu-item",
        has=page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Restart Kernel and Run All Cells")),
    ).click()
    page.locator(".jp-Dialog .jp-mod-accept").click()
    page.wait_for_timeout(2000)
    wait_for_run(page)
    spot = view(page, 0)
    page.wait_for_function("() => document.querySelector('.mlkit-article')?.dataset.ready === 'true'")
    assert spot.get_attribute("data-mode") == "select"
    assert picked_words(spot) == before_restart
    assert "saved marks are back" in spot.locator(".mlk-saved").inner_text()
    shoot(page, shots, "3-restored")
    saved = json.loads(page.request.get(f"{lab_url}/api/contents/{path}").text())  # still a clean notebook?
    assert saved["type"] == "notebook"
