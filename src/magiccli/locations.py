"""Where magiccli finds its corpus and keeps its index.

The bundled corpus ships inside the package (``magiccli/corpus``); in a source checkout with an editable
install it is the top-level ``corpus/`` folder. A user adds folders with ``--corpus`` or ``MAGICCLI_CORPUS``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from magiccli.errors import UsageProblem

CORPUS_ENV = "MAGICCLI_CORPUS"


def bundled_corpus() -> Path:
    # the wheel installs the package as plain files, so the corpus sits beside this module (importlib.resources
    # would find it too, for a cost of 4 ms a run)
    packaged = Path(__file__).parent / "corpus"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "corpus"  # editable install: the checkout's corpus/


def corpus_roots(extra: Sequence[str | Path] = ()) -> list[Path]:
    """The bundled corpus, then the folders in MAGICCLI_CORPUS, then those given with --corpus; each once. An
    empty name is refused, not taken for the current folder."""
    from_env = [p for p in os.environ.get(CORPUS_ENV, "").split(os.pathsep) if p]
    roots: dict[Path, None] = {bundled_corpus().resolve(): None}
    for name in [*from_env, *extra]:
        path = Path(name)
        if not str(name):
            raise UsageProblem("--corpus needs a folder or file name, not an empty one")
        if not path.exists():
            raise UsageProblem(f"no such corpus folder or file: {path}")
        roots[path.resolve()] = None
    return list(roots)


class NoCache(Exception):
    """There is no folder to keep the index in: why."""


def cache_dir() -> Path:
    """The folder of magiccli's index: in XDG_CACHE_HOME if it is absolute (the XDG spec: a relative one is
    invalid and ignored, as it would put a cache in every folder run from), else in the home folder's cache.
    NoCache where there is no home folder (a user without a passwd entry and no HOME, or a HOME that does not
    exist, which is not created) or the folder's name is not UTF-8 (SQLite takes none other)."""
    if os.path.isabs(os.environ.get("XDG_CACHE_HOME", "")):
        folder = Path(os.environ["XDG_CACHE_HOME"]) / "magiccli"
    else:
        folder = _home_cache() / "magiccli"
    try:
        str(folder).encode("utf-8")
    except UnicodeEncodeError:
        raise NoCache(f"the cache folder's name '{folder}' is not UTF-8 text") from None
    return folder


def _home_cache() -> Path:
    try:
        home = Path.home()
    except (RuntimeError, KeyError):
        home = None
    if home is None or not home.is_absolute() or not home.is_dir():
        raise NoCache("no home folder to keep the index in")
    if sys.platform == "darwin":
        return home / "Library" / "Caches"
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
    return home / ".cache"
