"""Templates are compiled once per process, and again after an edit (styrdok.template_cache)."""

from __future__ import annotations

import jinja2

from styrdok.template_cache import MemoryBytecodeCache


def test_an_edited_template_is_compiled_again_in_the_same_process():
    # `mkdocs serve` keeps one process: a cached template must not outlive an edit.
    source = {"page.html": "old {{ x }}"}
    cache = MemoryBytecodeCache()

    def render():
        env = jinja2.Environment(loader=jinja2.FunctionLoader(lambda name: (source[name], None, None)),
                                 bytecode_cache=cache)
        return env.get_template("page.html").render(x=1)

    assert render() == "old 1"
    assert render() == "old 1"  # from the cache
    source["page.html"] = "new {{ x }}"
    assert render() == "new 1"
