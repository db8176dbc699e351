"""Compiles each template once per process, not once per language and live reload
(scripts/styrdok/template_cache.py)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import _styrdok  # noqa: E402,F401
from styrdok.template_cache import MemoryBytecodeCache  # noqa: E402

_cache = MemoryBytecodeCache()


def on_env(env, config, files):
    env.bytecode_cache = _cache
    return env
