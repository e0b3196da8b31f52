"""Order questions as a list the learner rearranges with buttons. Runs in the browser on MicroPython, through
PyScript; quiz/browser/app.py calls enhance() for each question whose list the renderer marked `data-reorder`, and
sync() after it sets the question's answer.

Without this module (no JavaScript, or while Python starts) each step has a select of places, and nothing
stops two steps sharing a place. Here each row shows its position and gets "Move up" and "Move down"
buttons. The selects stay the answer app.py reads, saves and restores, hidden: after every move each one is
set to its row's position, so the places are always 1 to n, each once.

When an order question counts as answered: the order shown at first is fixed at build time and never the
right one, so it is not an answer by itself. The question is answered once the learner moves a step, or
ticks "This order is my answer" to give the order shown; unticking it takes the answer back (the places are
emptied, the rows stay where they are). Places that are not 1 to n once each (a place given twice, or
missing, from the selects or from storage) are no order: the list goes back to its first order, unanswered.
"""

from pyscript import window

import dom

# The enhanced lists, by their fieldset's id.
_LISTS = {}


class _List:
    def __init__(self, fieldset, listing, say):
        self.fieldset = fieldset
        self.list = listing
        self.say = say
        rows = self.rows()
        # The order the page was built with: where invalid places fall back to.
        self.first = [str(row.getAttribute("data-item")) for row in rows]
        self.texts = {}
        for row in rows:
            self._enhance_row(row)
        # "This order is my answer": the build writes it under the list, disabled (quiz/render.py), so the page
        # keeps its layout when Python starts.
        self.keep = fieldset.querySelector(".quiz-reorder__keep input")
        # Spoken after each move through the quiz's one live region, which the build writes in the form, empty.
        form = fieldset.closest("form")
        self.live = form.querySelector(".quiz-announce") if form else None
        listing.classList.add("quiz-reorder")
        listing.addEventListener("click", dom.proxy(self.on_click))
        self.keep.addEventListener("change", dom.proxy(self.on_keep))
        # app.py disables the selects when it marks the question and enables them again to retry it: the
        # buttons and the box follow.
        observer = window.MutationObserver.new(dom.proxy(self.on_disabled))
        dom.keep(observer)
        for row in rows:
            observer.observe(self.select(row), dom.js_object({"attributes": True, "attributeFilter": ["disabled"]}))

    def _enhance_row(self, row):
        item = str(row.getAttribute("data-item"))
        text = dom.text(row.querySelector("label"))
        self.texts[item] = text
        row.prepend(dom.el("span", "quiz-row__place"))
        self.select(row).hidden = True
        moves = dom.el("span", "quiz-row__moves")
        for step, key, glyph in ((-1, "reorder.up", "\u2191"), (1, "reorder.down", "\u2193")):
            button = dom.el("button", "quiz-move")
            button.type = "button"
            button.setAttribute("data-move", str(step))
            button.setAttribute("aria-label", self.say(key, {"step": text}))
            sign = dom.el("span", None, glyph)
            sign.setAttribute("aria-hidden", "true")
            button.appendChild(sign)
            moves.appendChild(button)
        row.appendChild(moves)

    def rows(self):
        return dom.nodes(self.list, ":scope > li.quiz-row")

    def select(self, row):
        return row.querySelector("select[data-part]")

    def button(self, row, step):
        return row.querySelector('button[data-move="%d"]' % step)

    def index(self, rows, row):
        for position, node in enumerate(rows):
            if node.isSameNode(row):
                return position
        return -1

    def write(self, answered):
        """Each select set to its row's position (or emptied), the box ticked to match."""
        for position, row in enumerate(self.rows()):
            self.select(row).value = str(position + 1) if answered else ""
        self.keep.checked = answered

    def refresh(self):
        rows = self.rows()
        off = len([1 for row in rows if self.select(row).disabled]) > 0
        for position, row in enumerate(rows):
            row.querySelector(".quiz-row__place").textContent = str(position + 1)
            self.button(row, -1).disabled = off or position == 0
            self.button(row, 1).disabled = off or position == len(rows) - 1
        self.keep.disabled = off

    def sync(self):
        """Rows in the order of the selects' places; the first order, unanswered, unless they are 1 to n."""
        rows = self.rows()
        by_place = {}
        for row in rows:
            by_place[str(self.select(row).value)] = row
        places = [str(position + 1) for position in range(len(rows))]
        answered = len([1 for place in places if place in by_place]) == len(rows)
        if answered:
            wanted = [by_place[place] for place in places]
        else:
            by_item = {}
            for row in rows:
                by_item[str(row.getAttribute("data-item"))] = row
            wanted = [by_item[item] for item in self.first if item in by_item]
        if [self.index(rows, row) for row in wanted] != list(range(len(rows))):
            for row in wanted:
                self.list.appendChild(row)
        self.write(answered)
        self.refresh()

    def changed(self):
        """Tell app.py, which saves and counts answers on the form's input events."""
        init = dom.js_object({"bubbles": True})
        self.select(self.rows()[0]).dispatchEvent(window.Event.new("input", init))

    # Events.
    def on_click(self, event):
        button = event.target.closest("button[data-move]")
        if not button or button.disabled:
            return
        row = button.closest("li")
        step = int(str(button.getAttribute("data-move")))
        rows = self.rows()
        index = self.index(rows, row)
        target = index + step
        if index < 0 or target < 0 or target >= len(rows):
            return
        # The neighbour moves, not the row pressed: the focused button never leaves the page, so neither focus
        # nor a screen reader's place in it is lost.
        if step < 0:
            row.after(rows[target])
        else:
            row.before(rows[target])
        if target == 0 or target == len(rows) - 1:
            # The button pressed is about to be disabled: focus goes to the other one first.
            self.button(row, -step).focus()
        self.write(True)
        self.refresh()
        item = str(row.getAttribute("data-item"))
        if self.live is not None:
            self.live.textContent = self.say(
                "reorder.moved", {"step": self.texts.get(item, ""), "position": target + 1, "total": len(rows)}
            )
        self.changed()

    def on_keep(self, event):
        self.write(bool(self.keep.checked))
        self.changed()

    def on_disabled(self, records, observer=None):
        self.refresh()


def enhance(fieldset, say):
    """Make the fieldset's `data-reorder` list movable with buttons. `say(key, values)` gives catalogue text.
    Places already in the selects (given while Python started) are kept when they are an order."""
    key = str(fieldset.id)
    if key not in _LISTS:
        listing = fieldset.querySelector("[data-reorder]")
        if not listing:
            return
        _LISTS[key] = _List(fieldset, listing, say)
    _LISTS[key].sync()


def sync(fieldset):
    """Put the rows in the order of the selects' places, after app.py set them; nothing if not enhanced."""
    found = _LISTS.get(str(fieldset.id))
    if found is not None:
        found.sync()
