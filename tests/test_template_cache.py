"""Templates are compiled once per process, and again after an edit; a part the same on many pages
is rendered once per key (styrdok.render.template_cache)."""

from __future__ import annotations

import jinja2
import pytest

from styrdok.render.template_cache import MemoryBytecodeCache, RenderedOnce

pytestmark = pytest.mark.unit


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


def test_a_part_rendered_once_per_depth_is_rendered_again_for_another_depth_or_build():
    env = jinja2.Environment(loader=jinja2.DictLoader(
        {"page.html": '{% call once("box", base_url) %}<a href="{{ base_url }}/x">{{ counter() }}</a>{% endcall %}'}))
    calls = []

    def counter():
        calls.append(1)
        return len(calls)

    template = env.get_template("page.html")
    once = RenderedOnce()
    pages = [template.render(once=once, base_url=depth, counter=counter) for depth in ("..", "..", "../..", "..")]
    assert pages == ['<a href="../x">1</a>', '<a href="../x">1</a>', '<a href="../../x">2</a>', '<a href="../x">1</a>']
    # A new build (a new object) renders again: an edited template or text is never kept.
    assert template.render(once=RenderedOnce(), base_url="..", counter=counter) == '<a href="../x">3</a>'
