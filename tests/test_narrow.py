"""The quiz on a 320 px screen (WCAG 1.4.10 reflow): no drop-down cuts the text of any of its options, and the
drop-downs of order and match rows take the row's full width.

A closed drop-down shows its chosen option on one line unless the browser lets its text wrap; its
scrollWidth does not reveal the cut. So for each option, the test asks the browser how narrow a copy of the
drop-down, styled the same, can be while showing that option whole (its min-content width), and requires the
drop-down to be at least that wide.
"""

import pytest

from .conftest import READY

pytestmark = pytest.mark.browser

WIDTH = 320

MEASURE = """() => {
  const shown = [...document.querySelectorAll(".quiz select")].filter(select => select.getClientRects().length);
  return shown.map(select => {
    const box = select.getBoundingClientRect();
    const copy = select.cloneNode(true);
    copy.removeAttribute("id");
    copy.removeAttribute("name");
    // Out of the row's flow (an absolutely placed child is no flex item), with the same rules applying.
    copy.style.cssText = "position:absolute;visibility:hidden;flex:none;min-width:0;max-width:none;";
    select.parentNode.appendChild(copy);
    const options = [...copy.options].map((option, index) => {
      copy.selectedIndex = index;
      copy.style.width = "min-content";
      const needed = copy.getBoundingClientRect().width;
      copy.style.width = "max-content";
      const oneLine = copy.getBoundingClientRect().width;
      return {text: option.text, needed, oneLine};
    });
    copy.remove();
    const row = select.closest(".quiz-row");
    const rowStyle = row && getComputedStyle(row);
    const rowWidth = row && row.clientWidth - parseFloat(rowStyle.paddingLeft) - parseFloat(rowStyle.paddingRight);
    return {
      id: select.id,
      width: box.width,
      left: box.left,
      right: box.right,
      clientWidth: select.clientWidth,
      scrollWidth: select.scrollWidth,
      rowWidth,
      options,
    };
  });
}"""


@pytest.fixture(params=["without JavaScript", "quiz ready"])
def narrow_quiz(request, new_page, server):
    scripts = request.param == "quiz ready"
    page = new_page(viewport={"width": WIDTH, "height": 720}, java_script_enabled=scripts)
    page.goto(server + "/quiz.html")
    if scripts:
        page.wait_for_selector(READY, timeout=20000)
    return page


def test_no_drop_down_cuts_an_option_at_320px(narrow_quiz):
    page = narrow_quiz
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    selects = page.evaluate(MEASURE)
    assert any(select["rowWidth"] for select in selects), "the quiz page has no match or order drop-down"
    cut = []
    for select in selects:
        assert select["scrollWidth"] <= select["clientWidth"] + 1, select["id"]
        assert select["left"] >= 0 and select["right"] <= WIDTH, select["id"]
        for option in select["options"]:
            if option["needed"] > select["width"] + 1:
                cut.append(
                    "%s: %r needs %.0f px, has %.0f" % (select["id"], option["text"], option["needed"], select["width"])
                )
    assert cut == []
    # The case this guards: an option too long for one line of a 320 px drop-down, shown whole by wrapping.
    assert any(option["oneLine"] > select["width"] + 1 for select in selects for option in select["options"])


def test_row_drop_downs_take_the_full_width_at_320px(narrow_quiz):
    rows = [select for select in narrow_quiz.evaluate(MEASURE) if select["rowWidth"]]
    assert rows
    for select in rows:
        assert select["width"] >= select["rowWidth"] - 1, select["id"]
