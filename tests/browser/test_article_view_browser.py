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


def mark_three_and_check(page: Page, spot) -> int:
    """Click a hedge, a name and another hedge in the seed, then Check; returns how many hedges it has."""
    spot.scroll_into_view_if_needed()
    for w in (word(spot, "reportedly"), word(spot, "Imad"), word(spot, "apparently")):
        w.click()
    wait_saved(page, spot)
    assert picked_words(spot) == ["Imad", "reportedly", "apparently"]
    spot.get_by_role("button", name="Check", exact=True).click()
    spot.locator(".mlk-fb").first.wait_for()
    return len(mlkit.analyze(mlkit.seed_article()).hedges)


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
    hedges = mark_three_and_check(page, spot)
    shoot(page, shots, "1-checked")
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
    spot.get_by_role("button", name="Change my marks").first.click()
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


FOCUS_JS = "() => [document.activeElement.className, document.activeElement.textContent.slice(0, 60)]"


def in_viewport(page: Page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and 0 <= box["y"] and box["y"] + box["height"] <= page.viewport_size["height"]


def test_keyboard_choice_focus_after_check_and_one_tab_stop(
    page: Page, lab_url: str, lab_root: Path, artifacts: Path
) -> None:
    """The defects a student met (QA walk-through, 29 Nov): arrows on "What are you marking?" moved
    JupyterLab to another cell; "Check my marks" under the text left the student on the next cell; a
    highlighted article was 46 Tab stops long."""
    shots = artifacts / "article-view"
    cells = ["import mlkit.widgets as w", 'w.who_is_the_source(question_id="bt_keys")', "w.highlighter()"]
    path = write_cells(lab_root, "article_view_keys.ipynb", cells)
    open_notebook(page, lab_url, path)
    run_all_cells(page)
    wait_for_run(page)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.mlkit-article')].every(v => v.dataset.ready === 'true')"
        " && document.querySelectorAll('.mlkit-article').length === 2"
    )
    src, high = view(page, 0), view(page, 1)

    # the kind chooser answers the arrow keys itself; the notebook's cell selection does not move
    named = src.get_by_role("radio", name=re.compile("^Named"))
    named.focus()
    page.keyboard.press("ArrowRight")
    assert src.get_by_role("radio", name=re.compile("^Not named")).is_checked()
    assert page.evaluate("() => document.activeElement.type") == "radio"
    assert page.evaluate("el => el.contains(document.activeElement)", src.element_handle())

    # mark a word, go to the end of the text, press the Check under it: the result is in view and focused
    word(src, "activists").click()
    wait_saved(page, src)
    bottom = src.get_by_role("button", name="Check my marks")
    bottom.scroll_into_view_if_needed()
    bottom.click()
    page.wait_for_function("el => el.dataset.mode === 'check'", arg=src.element_handle())
    summary = src.locator(".mlk-summary")
    page.wait_for_function("el => document.activeElement === el", arg=summary.element_handle())
    page.wait_for_timeout(300)
    shoot(page, shots, "4-after-bottom-check")
    assert in_viewport(page, summary), summary.bounding_box()
    assert summary.inner_text().startswith("You")
    # and the way back is under the text too
    assert src.locator(".mlk-bottom").get_by_role("button", name="Change my marks").count() == 1

    # one Tab stop per text; the arrow keys go from result to result, each with its reason
    for v in (src, high):
        assert v.locator(".mlk-text [tabindex='0']").count() == 1
    assert high.locator(".mlk-text .mlk-stop").count() > 10
    first = src.locator(".mlk-text [tabindex='0']")
    first.focus()
    before = page.evaluate(FOCUS_JS)
    page.keyboard.press("ArrowRight")
    after = page.evaluate(FOCUS_JS)
    assert after != before and "mlk-stop" in after[0]
    assert src.locator(".mlk-bubble").is_visible()
    assert src.locator(".mlk-text [tabindex='0']").count() == 1  # the stop moved with the focus

    # Change my marks: back to select mode with the focus on Check, one Tab from the text
    src.get_by_role("button", name="Change my marks").first.click()
    page.wait_for_function("el => el.dataset.mode === 'select'", arg=src.element_handle())
    page.wait_for_function("() => document.activeElement.textContent === 'Check'")
