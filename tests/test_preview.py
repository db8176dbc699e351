"""make serve: an editor who breaks the build while previewing sees why in the browser."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from conftest import append, edit, free_port, line_of

pytestmark = pytest.mark.build


def _get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except OSError:
        return None, ""


def _wait(url: str, wanted, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status, body = _get(url)
        if wanted(status, body):
            return status, body
        time.sleep(0.3)
    raise AssertionError(f"{url} never answered as expected; last: {status} {body[:300]}")


def test_a_broken_rebuild_shows_its_problems_and_a_fix_brings_the_page_back(project):
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=f"http://127.0.0.1:{port}/")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
                               "--livereload"], cwd=project, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/ordlista/"
    try:
        _, body = _wait(url, lambda status, _: status == 200)
        # The preview has the published site's policy: its live reload is a file, not an inline script.
        assert "script-src 'self' 'wasm-unsafe-eval';" in body and "'unsafe-inline'" not in body
        page = project / "docs" / "sv" / "ordlista.md"
        append(page, "[x](https://example.org){: onclick=\"alert(1)\" }")
        status, body = _wait(url, lambda status, _: status == 500)
        assert "Bygget misslyckades" in body, body
        assert f"docs/sv/ordlista.md:{line_of(page, 'onclick')}" in body, body
        assert "the attribute onclick= on &lt;a&gt;" in body
        assert "/livereload/" in body  # it reloads by itself once fixed
        edit(page, "\n\n[x](https://example.org){: onclick=\"alert(1)\" }", "")
        status, body = _wait(url, lambda status, _: status == 200)
        assert "Bygget misslyckades" not in body
    finally:
        server.terminate()
        server.wait(timeout=10)
