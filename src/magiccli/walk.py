"""The one walk of the corpus folders, which both loading (load.py) and the index's freshness stamps (index.py)
take, so that both see the same files.

Only regular files are corpus files. A FIFO would block the reader for ever and a device such as /dev/zero never
ends, so any other kind of entry named ``*.yaml`` is skipped with a warning; so is a symbolic link that leads to
nothing or out of the corpus folders (a corpus is read from its folders, never from wherever a link points).
A folder that cannot be read is a problem of the corpus, never silently missing; a file or folder deleted while
the walk runs is simply gone. The walk keeps its own stack of folders (os.walk recurses, and 1,000 nested folders
would end it), and leaves out the index's own cache folder when it sits inside a corpus folder.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from magiccli.boundary import warn
from magiccli.errors import CorpusError, Problem
from magiccli.locations import NoCache, cache_dir

SUFFIXES = (".yaml", ".yml", ".xml")  # corpus records, and FRUS volumes in TEI (magiccli.tei)
_KINDS = {
    stat.S_IFIFO: "a FIFO",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}


@dataclass
class CorpusWalk:
    files: list[Path] = field(default_factory=list)  # the corpus files, folder by folder, by name
    # (path, size, mtime_ns): each folder (size None) and named file, then each file found in the folders
    folder_stamps: list[tuple] = field(default_factory=list)
    file_stamps: list[tuple] = field(default_factory=list)


def walk_corpus(roots: list[Path]) -> CorpusWalk:
    """The corpus files in ``roots`` (folders, or files named on their own) and their stamps; CorpusError for a
    root or folder that cannot be read."""
    walk, problems = CorpusWalk(), []
    inside = [os.path.realpath(root) for root in roots]
    try:
        cache = _identity(cache_dir())
    except NoCache:
        cache = None
    for root in roots:
        try:
            info = os.stat(root)
        except OSError as err:
            problems.append(Problem(root, None, f"cannot read: {err.strerror}"))
            continue
        if _identity_of(info) == cache:
            problems.append(Problem(root, None, "is the index's cache folder; move the cache (XDG_CACHE_HOME)"))
        elif stat.S_ISDIR(info.st_mode):
            problems += _walk_folder(walk, root, info, inside, cache)
        elif stat.S_ISREG(info.st_mode):
            walk.files.append(root)
            walk.folder_stamps.append((str(root), info.st_size, info.st_mtime_ns))
        else:
            problems.append(Problem(root, None, f"is {_kind(info)}, not a corpus file or folder"))
    if problems:
        raise CorpusError(problems)
    return walk


def _walk_folder(walk: CorpusWalk, root: Path, info: os.stat_result, inside: list[str], cache) -> list[Problem]:
    problems = []
    folders = [(str(root), info)]
    while folders:
        folder, info = folders.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except FileNotFoundError:  # deleted since its parent was read
            continue
        except OSError as err:
            problems.append(Problem(Path(folder), None, f"cannot read this folder: {err.strerror}"))
            continue
        walk.folder_stamps.append((folder, None, info.st_mtime_ns))
        subfolders = []
        for entry in entries:
            try:  # an entry's type is known without a stat on most file systems; a stat only for what is kept
                if entry.is_dir(follow_symlinks=False):
                    own = entry.stat(follow_symlinks=False)
                    if _identity_of(own) != cache:
                        subfolders.append((entry.path, own))
                elif entry.name.endswith(SUFFIXES):
                    _add_file(walk, entry.path, entry.stat(follow_symlinks=False), inside)
                elif entry.is_symlink() and entry.is_dir():
                    warn(f"{entry.path}: skipped: a symbolic link to a folder is not followed")
            except FileNotFoundError:  # deleted since the folder was read
                continue
            except OSError as err:
                problems.append(Problem(Path(entry.path), None, f"cannot read: {err.strerror}"))
        folders += reversed(subfolders)  # depth first, each folder's subfolders by name
    return problems


def _add_file(walk: CorpusWalk, path: str, own: os.stat_result, inside: list[str]) -> None:
    info = own
    if stat.S_ISLNK(own.st_mode):
        target = os.path.realpath(path)
        if not any(os.path.commonpath([target, root]) == root for root in inside):
            warn(f"{path}: skipped: a symbolic link leading out of the corpus folders")
            return
        try:
            info = os.stat(path)
        except FileNotFoundError:
            warn(f"{path}: skipped: a symbolic link to nothing")
            return
        except OSError as err:  # a loop of links, a folder on the way that cannot be read
            warn(f"{path}: skipped: a symbolic link that cannot be followed ({err.strerror})")
            return
    if not stat.S_ISREG(info.st_mode):
        warn(f"{path}: skipped: {_kind(info)}, not a regular file")
        return
    walk.files.append(Path(path))
    walk.file_stamps.append((path, info.st_size, info.st_mtime_ns))


def _kind(info: os.stat_result) -> str:
    return _KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        return _identity_of(os.stat(path))
    except OSError:
        return None


def _identity_of(info: os.stat_result) -> tuple[int, int]:
    return info.st_dev, info.st_ino
