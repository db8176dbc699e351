"""When `make test` gets this far, `make check` has passed: the content is in order. A failing test
then points at the site's code, and the editor who opened the pull request is told so in Swedish,
with the names of the failing tests (also on the run's summary page and as an annotation in CI)."""

from __future__ import annotations

import os

# Set by the Makefile's test target once `docs.py check` has passed.
CONTENT_CHECKED = "STYRDOK_CONTENT_CHECKED"
MESSAGE_SV = "Innehållet är i ordning; felet ligger i webbplatsens kod – be en utvecklare titta."
MESSAGE_EN = "The content is in order; the fault is in the site's code – ask a developer to look."


def failed_tests(terminalreporter) -> list[str]:
    return [report.nodeid for kind in ("failed", "error") for report in terminalreporter.stats.get(kind, [])
            if getattr(report, "nodeid", "")]


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    failed = failed_tests(terminalreporter)
    if not failed or os.environ.get(CONTENT_CHECKED) != "1":
        return
    lines = [MESSAGE_SV, MESSAGE_EN, "Tester som misslyckades / Failed tests:", *(f"  - {name}" for name in failed)]
    terminalreporter.write_sep("=", "Innehållet är i ordning / The content is in order")
    for line in lines:
        terminalreporter.write_line(line)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        text = f"{MESSAGE_SV} {MESSAGE_EN} " + ", ".join(failed)
        terminalreporter.write_line("::error title=Webbplatsens kod::" + text.replace("%", "%25").replace("\n", "%0A"))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as out:
            out.write("## Webbplatsens kod / The site's code\n\n" + "\n".join(lines) + "\n")
