"""The redline compares Markdown block by block (render/redline.py): a removed or added paragraph or
list beside a table is a block of its own, never rows of the table, and no mark crosses a block's
edge. Proved on the HTML that critic and the tables extension make of the redline, read with real
parsers (html.parser for the nesting as written, lexbor for the tree)."""

from __future__ import annotations

from html.parser import HTMLParser

import markdown
import pytest
from selectolax.lexbor import LexborHTMLParser

from styrdok.render import redline

pytestmark = pytest.mark.unit

EXTENSIONS = ["tables", "attr_list", "pymdownx.critic"]

# The shape of the editors' guide's change (docs/sv/medverka.md, 2026-12-03): a numbered list whose
# items wrap over lines was replaced by a table, with paragraphs on either side.
LIST = ("1. Öppna registret.\n"
        "2. Skriv status.\n"
        "3. Datum, diarienummer och namn måste finnas i ett underlag. Lägg därför texten i\n"
        "   det nya beslutet som en textfil. Skriv\n"
        "   `not_stated` för en uppgift som inget underlag anger.\n")
TABLE = ("| `status:` | Det betyder | Fälten |\n|---|---|---|\n"
         "| `adopted` | Ett beslut har antagit dokumentet. | `decided_by` och `reference`. |\n"
         "| `proposal` | Ett förslag. | `to_be_decided_by`. |\n")
PAIRS = {
    "a list replaced by a table": (f"Så här gör du:\n\n{LIST}\nSlut.\n", f"Så här gör du:\n\n{TABLE}\nSlut.\n"),
    "a paragraph removed after a table": (f"Före.\n\n{TABLE}\nEtt stycke som\ntas bort.\n\nSlut.\n",
                                          f"Före.\n\n{TABLE}\nSlut.\n"),
    "a paragraph removed before a table": (f"Före.\n\nEtt stycke som\ntas bort.\n\n{TABLE}\nSlut.\n",
                                           f"Före.\n\n{TABLE}\nSlut.\n"),
    "a paragraph added before a table": (f"Före.\n\n{TABLE}\nSlut.\n", f"Före.\n\nEtt nytt\nstycke.\n\n{TABLE}\nSlut.\n"),
    "a list removed, a row changed": (f"Före.\n\n{LIST}\n{TABLE}\nSlut.\n",
                                      f"Före.\n\n{TABLE.replace('Ett förslag.', 'Ett nytt förslag.')}\nSlut.\n"),
}


class Nesting(HTMLParser):
    """Every end tag closes the element opened last (what the Nu Html Checker calls 'stray end tag'
    or 'unclosed element' otherwise)."""

    VOID = {"br", "hr", "img", "input", "meta", "link", "col"}

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> inside {self.stack}")
            if tag in self.stack:
                del self.stack[len(self.stack) - 1 - self.stack[::-1].index(tag):]
        else:
            self.stack.pop()


def render(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


def tables(html: str) -> list[list[list[str]]]:
    """Each table's rows, each row's cells' words."""
    return [[[" ".join(cell.text().split()) for cell in row.css("th, td")] for row in table.css("tr")]
            for table in LexborHTMLParser(html).css("table")]


@pytest.mark.parametrize("name", PAIRS)
def test_a_block_removed_or_added_beside_a_table_stays_outside_it(name):
    old, new = PAIRS[name]
    marked, changed = redline.redline(old, new)
    html = render(marked)
    assert changed
    nesting = Nesting()
    nesting.feed(html)
    assert nesting.errors == [] and nesting.stack == [], marked
    tree = LexborHTMLParser(html)
    assert [node.tag for node in tree.css("ins, del") if node.parent.tag in {"table", "thead", "tbody", "tr"}] == []
    # Every mark stands inside one block (a cell, a paragraph, a list item, a heading).
    for node in tree.css("ins, del"):
        assert node.parent.tag in {"td", "th", "p", "li", "h1", "h2", "h3"}, (node.parent.tag, marked)
    # The table keeps its rows and cells: those of the newer text, no removed words in them.
    accepted = markdown.markdown(marked, extensions=EXTENSIONS,
                                 extension_configs={"pymdownx.critic": {"mode": "accept"}})
    assert tables(accepted) == tables(render(new))
    shown = [table for table in tables(html) if "Det betyder" in table[0]]
    assert len(shown) >= 1 and all(len(row) == 3 for table in shown for row in table)
    # Accepting every mark gives the newer text's words, rejecting every mark the older's.
    words = lambda html_text: LexborHTMLParser(html_text).text().split()  # noqa: E731
    assert words(accepted) == words(render(new))
    rejected = markdown.markdown(marked, extensions=EXTENSIONS,
                                 extension_configs={"pymdownx.critic": {"mode": "reject"}})
    assert sorted(words(rejected)) == sorted(words(render(old)))


def test_two_tables_are_compared_cell_by_cell():
    old = TABLE
    new = TABLE.replace("Ett förslag.", "Ett nytt förslag.")
    marked, changed = redline.redline(old, new)
    html = render(marked)
    assert changed
    assert [node.text() for node in LexborHTMLParser(html).css("td ins")] == ["nytt"]
    assert tables(html) == tables(render(new))


def test_a_removed_table_is_still_a_table_with_its_words_struck():
    marked, _ = redline.redline(f"Före.\n\n{TABLE}\nSlut.\n", "Före.\n\nSlut.\n")
    html = render(marked)
    assert tables(html) == tables(render(TABLE))
    assert all(cell.parent.tag in {"td", "th"} for cell in LexborHTMLParser(html).css("del"))
