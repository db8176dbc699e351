"""The local preview's live reload (make serve) without an inline script, and its error page.

MkDocs writes its live-reload script INLINE into every HTML page it serves
(``LiveReloadServer._inject_js_into_html``). The site's Content-Security-Policy allows no inline
script, and loosening it for the preview would let a reviewer who previews a hostile pull request
run that pull request's inline script. So the preview keeps the site's policy, and this adapter
injects ``<script src="/livereload/styrdok-live-reload.js" data-epoch=… data-request-id=…>``
instead: a file of the preview's own origin ('self' allows it) that does what MkDocs' script does
(long-poll ``/livereload/<epoch>/<request id>``, reload when the site is newer), answered by
MkDocs' own long-poll handler.

This module is the ONLY place that touches MkDocs' live-reload internals: the one method it
overrides (``_inject_js_into_html``, in a subclass of the server's class), the epoch it reads for
the error page (``_visible_epoch``) and the long-poll protocol its script speaks. ``check_mkdocs``
verifies each of them in the installed MkDocs whenever the preview starts (and in the tests), and
stops the preview with a clear message if a new MkDocs changed them: never a silent inline script.
Everything else goes through the server's public interface: its WSGI application (``get_app`` /
``set_app``) and the ``builder`` it calls for each rebuild.
"""

from __future__ import annotations

import inspect
import itertools
import logging
import sys
import threading
import time

from mkdocs import livereload

from styrdok.render import preview

SCRIPT_PATH = "/livereload/styrdok-live-reload.js"
STYLESHEET_PATH = "/livereload/styrdok-preview.css"

# MkDocs' own live-reload script (mkdocs/livereload/__init__.py, _SCRIPT_TEMPLATE_STR), as a file:
# it reads the page's epoch and its request id from its own <script> element.
SCRIPT = """// The local preview's live reload (make serve): MkDocs' own script, served as a file so that
// pages need no 'unsafe-inline' (scripts/mkdocs_styrdok/live_reload.py).
(function () {
  "use strict";
  var script = document.currentScript;
  var epoch = Number(script.getAttribute("data-epoch"));
  var requestId = script.getAttribute("data-request-id");
  var req, timeout;

  function poll() {
    req = new XMLHttpRequest();
    req.onloadend = function () {
      if (parseFloat(this.responseText) > epoch) {
        location.reload();
      } else {
        timeout = setTimeout(poll, this.status === 200 ? 0 : 3000);
      }
    };
    req.open("GET", "/livereload/" + epoch + "/" + requestId);
    req.send();
  }

  function stop() {
    if (req) req.abort();
    if (timeout) clearTimeout(timeout);
    req = timeout = undefined;
  }

  window.addEventListener("load", function () {
    if (document.visibilityState === "visible") poll();
  });
  window.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") poll(); else stop();
  });
  window.addEventListener("beforeunload", stop);
})();
"""

# What this adapter relies on in MkDocs' live-reload module; check_mkdocs() holds the installed
# MkDocs to it.
_PROTOCOL = ('req.open("GET", "/livereload/" + epoch + "/" + requestId);', "location.reload();",
             "livereload(${epoch}, ${request_id});")
_POLL_ROUTE = 're.fullmatch(r"/livereload/([0-9]+)/[0-9]+", path)'
_INJECTION_CALL = "self._inject_js_into_html(content, epoch)"


def check_mkdocs(server_class: type = livereload.LiveReloadServer, module=livereload) -> None:
    """Raise RuntimeError, saying what changed, unless MkDocs' live reload is what this adapter
    replaces: the injection method and its call, the long-poll route and its script's protocol."""
    missing = []
    inject = getattr(server_class, "_inject_js_into_html", None)
    if inject is None or list(inspect.signature(inject).parameters) != ["self", "content", "epoch"]:
        missing.append("LiveReloadServer._inject_js_into_html(self, content, epoch)")
    try:
        serve_source = inspect.getsource(server_class._serve_request)
    except (AttributeError, OSError, TypeError):
        serve_source = ""
    for needle in (_INJECTION_CALL, _POLL_ROUTE, "self._visible_epoch"):
        if needle not in serve_source:
            missing.append(f"LiveReloadServer._serve_request: {needle}")
    template = getattr(module, "_SCRIPT_TEMPLATE_STR", "")
    missing += [f"the live-reload script: {needle}" for needle in _PROTOCOL if needle not in template]
    if not (callable(getattr(server_class, "get_app", None)) and callable(getattr(server_class, "set_app", None))):
        missing.append("LiveReloadServer.get_app / set_app (wsgiref)")
    if missing:
        raise RuntimeError(
            "MkDocs' live reload is not what scripts/mkdocs_styrdok/live_reload.py replaces (MkDocs was "
            "updated?). The preview will not run with an inline script; update the adapter. Missing: "
            + "; ".join(missing))


_request_ids = itertools.count(round(time.monotonic() * 1000))


def script_tag(epoch: int) -> bytes:
    """The tag that loads the live-reload file for a page of ``epoch`` (no inline script)."""
    return (f'<script src="{SCRIPT_PATH}" data-epoch="{int(epoch)}" '
            f'data-request-id="{next(_request_ids)}"></script>').encode()


def with_script(content: bytes, epoch: int) -> bytes:
    """``content`` with script_tag before its last </body>, where MkDocs puts its inline script."""
    end = content.rfind(b"</body>")
    end = len(content) if end < 0 else end
    return content[:end] + script_tag(epoch) + content[end:]


class _Preview:
    """The state of one `mkdocs serve`: the problems of the last rebuild, if it failed."""

    def __init__(self, server):
        self.server = server
        self.error: str | None = None
        self.lock = threading.Lock()

    def guard(self, build):
        """``build``, reporting a failure to the browser instead of stalling it.

        MkDocs logs what went wrong and raises only "Aborted": keep what it logs. Returning normally
        lets MkDocs tell the open pages to reload, which then show the error page."""
        def guarded_build(*args, **kwargs):
            records: list[str] = []
            handler = logging.Handler(logging.WARNING)
            handler.emit = lambda record: records.append(record.getMessage())
            logging.getLogger("mkdocs").addHandler(handler)
            try:
                build(*args, **kwargs)
                error = None
            except Exception as failure:  # every failure of a rebuild goes to the browser
                error = "\n".join([*records, str(failure)])
                print(failure, file=sys.stderr)
            finally:
                logging.getLogger("mkdocs").removeHandler(handler)
            with self.lock:
                self.error = error
        return guarded_build

    def app(self, serve):
        """The server's WSGI application around MkDocs' own: our script and stylesheet, and the
        error page while the last rebuild has failed (MkDocs' long-poll requests go through)."""
        def application(environ, start_response):
            path = environ.get("PATH_INFO", "")
            if path in (SCRIPT_PATH, STYLESHEET_PATH):
                body = (SCRIPT if path == SCRIPT_PATH else preview.STYLESHEET).encode()
                kind = "application/javascript" if path == SCRIPT_PATH else "text/css"
                start_response("200 OK", [("Content-Type", f"{kind}; charset=utf-8"),
                                          ("Content-Length", str(len(body))), ("Cache-Control", "no-store")])
                return [body]
            with self.lock:
                error = self.error
            if error and not path.startswith("/livereload/"):
                page = with_script(preview.error_page(error, STYLESHEET_PATH), self.server._visible_epoch)
                start_response("500 Build failed", [("Content-Type", "text/html; charset=utf-8"),
                                                    ("Content-Length", str(len(page)))])
                return [page]
            return serve(environ, start_response)
        return application


def install(server):
    """make serve: MkDocs' server with the live-reload script as a file and the error page."""
    check_mkdocs(type(server))
    if not hasattr(server, "_visible_epoch"):
        raise RuntimeError("MkDocs' LiveReloadServer has no _visible_epoch: update "
                           "scripts/mkdocs_styrdok/live_reload.py for this MkDocs.")

    # The one overridden method: MkDocs offers no setting for what it injects.
    def _inject_js_into_html(self, content, epoch):
        return with_script(content, epoch)

    server.__class__ = type("StrictLiveReloadServer", (type(server),),
                            {"_inject_js_into_html": _inject_js_into_html})
    state = _Preview(server)
    server.builder = state.guard(server.builder)
    server.set_app(state.app(server.get_app()))
    return server
