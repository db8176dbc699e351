"""When `make test` gets this far, `make check` has passed: the content is in order. A failing test
then points at the site's code, and the editor who opened the pull request is told so in Swedish,
with the names of the failing tests (also on the run's summary page and as an annotation in CI)."""

from __future__ import annotations

import os

# Set by the Makefile's test target once `docs.py check` has passed.
CONTENT_CHECKED = "STYRDOK_CONTENT_CHECKED"
MESSAGE_SV = "Innehållet är i ordning; felet ligger i webbplatsens kod – be en utvecklare titta."
MESSAGE_EN = "The content is in order; the fault is in the site's code – ask a developer to look."


# A test marked published_address guards the addresses readers and other sites link to: when only
# such tests fail, an editor's change moved a published page or heading, which is not the code's fault.
ADDRESS_MARK = "published_address"
ADDRESS_SV = ("En sida eller rubrik som redan är publicerad har fått en ny adress (en rubrik har bytt namn eller "
              "ankare, eller en sida har flyttats), så länkar till den slutar fungera. Behåll den gamla rubriken "
              "eller ankaret, eller be en utvecklare godkänna den nya adressen.")
ADDRESS_EN = ("A page or heading that is already published has a new address (a heading was renamed or its anchor "
              "changed, or a page moved), so links to it stop working. Keep the old heading or anchor, or ask a "
              "developer to approve the new address.")


def failed_tests(terminalreporter) -> list[str]:
    return [report.nodeid for report in _failed(terminalreporter)]


def _failed(terminalreporter) -> list:
    return [report for kind in ("failed", "error") for report in terminalreporter.stats.get(kind, [])
            if getattr(report, "nodeid", "")]


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    reports = _failed(terminalreporter)
    failed = [report.nodeid for report in reports]
    if not failed or os.environ.get(CONTENT_CHECKED) != "1":
        return
    if all(ADDRESS_MARK in getattr(report, "keywords", {}) for report in reports):
        message_sv, message_en, title = ADDRESS_SV, ADDRESS_EN, "Publicerad adress"
    else:
        message_sv, message_en, title = MESSAGE_SV, MESSAGE_EN, "Webbplatsens kod"
    lines = [message_sv, message_en, "Tester som misslyckades / Failed tests:", *(f"  - {name}" for name in failed)]
    terminalreporter.write_sep("=", "Innehållet är i ordning / The content is in order" if title == "Webbplatsens kod"
                               else "En publicerad adress / A published address")
    for line in lines:
        terminalreporter.write_line(line)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        text = f"{message_sv} {message_en} " + ", ".join(failed)
        terminalreporter.write_line(f"::error title={title}::" + text.replace("%", "%25").replace("\n", "%0A"))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as out:
            out.write(f"## {title}\n\n" + "\n".join(lines) + "\n")
