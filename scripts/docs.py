"""The project's one command line. Run it through the Makefile (README), or directly:

    python scripts/docs.py build      check the content, then build the site into site/
    python scripts/docs.py serve      serve the site on 127.0.0.1:8000 with live reload
    python scripts/docs.py check      check the content and print ✅ or every problem

A failed build publishes nothing: the site is built into a new folder and only moved to
site/ when the whole build has succeeded.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from styrdok import content  # noqa: E402
from styrdok.problems import ContentError  # noqa: E402


def mkdocs_env() -> dict:
    env = dict(os.environ)
    # Material's end-of-life notice (May 2027) is known and planned for (README); keep logs clean.
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    return env


def mkdocs(*args: str, root: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=root, env=mkdocs_env(),
                          text=True, capture_output=True)


def check(root: Path = ROOT) -> int:
    """Check the content (translations, facts, register, terminology)."""
    try:
        content.load(root / "docs", root)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    print("✅ Innehållet är i ordning / The content is in order")
    return 0


def build(root: Path = ROOT, site_dir: Path | None = None) -> int:
    """Build the whole site with --strict into site_dir, replacing it only on success."""
    if check(root):
        return 1
    site_dir = (site_dir or root / "site").resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    result = mkdocs("build", "--strict", "--quiet", "--site-dir", str(staging), root=root)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(result.stdout + result.stderr, file=sys.stderr)
        print("❌ Bygget misslyckades, inget publicerades / The build failed, nothing was published",
              file=sys.stderr)
        return 1
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    print(f"✅ Webbplatsen är byggd / The site is built: {site_dir}")
    return 0


def serve(root: Path = ROOT) -> int:
    """Serve the site on 127.0.0.1 with live reload."""
    if check(root):
        return 1
    return subprocess.call([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", "127.0.0.1:8000",
                            "--livereload"], cwd=root, env=mkdocs_env())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, func in (("build", build), ("serve", serve), ("check", check)):
        sub.add_parser(name, help=func.__doc__.splitlines()[0])
    sub.choices["build"].add_argument("--site-dir", type=Path)
    args = parser.parse_args(argv)
    if args.command == "build":
        return build(site_dir=args.site_dir)
    return {"serve": serve, "check": check}[args.command]()


if __name__ == "__main__":
    sys.exit(main())
