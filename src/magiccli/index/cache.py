"""The index files in the user's cache: where each lives, whether one is whole and fresh, a new one built beside the
old and renamed over it, and what a killed build or a damaged file leaves behind.

Freshness: the index keeps the modification time of every corpus folder and named file, which changes when
a file is added, removed, renamed or saved by replacement (as git and most editors save); and the size and
modification time of every corpus file, which it compares too while the corpus has at most
PER_FILE_CHECK_LIMIT files, since stat-ing each file of a corpus of hundreds of thousands would cost more
than the query. Above that, ``magiccli corpus reindex`` picks up a file edited in place. A stale index is
updated (build.update: the files whose stamps differ, whatever their number, read again) in a copy renamed over
it, or built again where it cannot be.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import tempfile
import time
import zlib
from pathlib import Path

from magiccli.index.build import NotIncremental, build, roots_text, update
from magiccli.index.tables import version as format_version

KEPT_INDEXES = 4  # index files of other sets of corpus folders kept in the cache, the ones built last
_SQLITE_MAGIC = b"SQLite format 3\x00"
_BUILDING = ".building"  # the suffix of an index being built


def roots_key(roots: list[Path]) -> str:
    """A name for this set of corpus folders (crc32: hashlib's import alone would cost a lookup 5 ms; two sets
    whose names clash only rebuild each other's index, since the index records its roots)."""
    return f"{zlib.crc32(roots_text(roots).encode()):08x}"


def distrusted(path: Path, *, folder: bool) -> str | None:
    """Why the cache folder (``folder``) or index file at ``path`` must not be used, or None: the index's rows go
    to stdout as stored, so one another user could write would let them put escape sequences on the terminal or
    spoof records. It must be the user's own and writable by nobody else; an index a regular file (a FIFO under
    its name would hang the run), not a symbolic link; a folder may be reached through one."""
    where = f"the index is not kept in {path}: the folder" if folder else f"the index {path} is not used: it"
    try:
        info = os.stat(path) if folder else os.lstat(path)
    except OSError:  # missing, or where no folder can be (a file on the way): the build says why it cannot write
        return None
    if not (stat.S_ISDIR if folder else stat.S_ISREG)(info.st_mode):
        return f"{where} is not a {'folder' if folder else 'regular file'}"
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return f"{where} belongs to another user (uid {info.st_uid})"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"{where} can be written by other users (mode {stat.S_IMODE(info.st_mode):04o})"
    return None


def make_private_folder(folder: Path) -> None:
    """``folder`` and its missing parents created for the user alone (0700, whatever the umask: the index in it
    is trusted because nobody else can write there)."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=0o700)
        except FileExistsError:  # made meanwhile by another run
            continue


def open_if_fresh(path: Path, roots: list[Path], *, check_stamps: bool = True) -> sqlite3.Connection | None:
    """The index of ``roots`` at ``path`` opened read-only, or None if it is missing, damaged, from another
    version, of other roots or stale."""
    connection = _open_whole(path, roots)
    try:
        if connection is not None and check_stamps and not _stamps_match(connection):
            connection.close()
            return None
    except sqlite3.DatabaseError:
        return None
    if connection is not None:
        _opened.append(path)
    return connection


def _open_whole(path: Path, roots: list[Path]) -> sqlite3.Connection | None:
    """The index at ``path`` opened read-only if it is whole, of this version and of ``roots``, fresh or not."""
    if not _looks_whole(path):
        return None
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
        connection.execute("PRAGMA temp_store = MEMORY")  # for the ids a lookup asks for
        version, indexed_roots = connection.execute(
            "SELECT (SELECT value FROM meta WHERE key = 'version'), (SELECT value FROM meta WHERE key = 'roots')"
        ).fetchone()
    except sqlite3.DatabaseError:
        return None
    if (version, indexed_roots) != (format_version(), roots_text(roots)):
        connection.close()
        return None
    return connection


def _looks_whole(path: Path) -> bool:
    """An SQLite file exactly as long as its header says: a truncated or overwritten index is rebuilt."""
    try:  # without blocking, and only a regular file: a FIFO put in its place since it was checked is not waited on
        with open(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as file:
            info = os.fstat(file.fileno())
            if not stat.S_ISREG(info.st_mode):
                return False
            header = file.read(100)
            size = info.st_size
    except OSError:
        return False
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        return False
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    return size == page_size * int.from_bytes(header[28:32], "big")


def _stamps_match(connection: sqlite3.Connection) -> bool:
    for path, size, mtime_ns in connection.execute("SELECT path, size, mtime_ns FROM stamps"):
        try:
            stat = os.stat(path)
        except OSError:
            return False
        if stat.st_mtime_ns != mtime_ns or (size is not None and stat.st_size != size):
            return False
    return True


def build_into_file(roots: list[Path], path: Path, progress, *, incremental: bool = False) -> None:
    """Build beside ``path`` and rename over it, so that no reader ever sees half an index; ``incremental``: where
    the index at ``path`` is of these roots and this version, update a copy of it instead (build.update), and build
    where it cannot be updated. The temporary file's name holds this process's id, by which a later build knows one
    left by a killed build.

    An index is never written in place: a reader opens it immutable (no locks, no checks of its own for a change),
    so it would read pages of two states. The update works on a copy (_copy: a clone where the file system makes
    one, else the kernel's copy)."""
    make_private_folder(path.parent)
    handle, temporary = tempfile.mkstemp(prefix=f"{path.stem}-{os.getpid()}-", suffix=_BUILDING, dir=path.parent)
    os.close(handle)
    staging = temporary.removesuffix(_BUILDING) + "-staging" + _BUILDING  # remove_stale_builds knows it as well
    try:
        if not (incremental and _updated(roots, path, temporary, staging, progress)):
            build(roots, temporary, staging, progress).close()
        os.replace(temporary, path)
    finally:
        for leftover in (temporary, staging):
            if os.path.exists(leftover):
                os.unlink(leftover)


def _updated(roots: list[Path], path: Path, temporary: str, staging: str, progress) -> bool:
    """Whether the index at ``path`` could be copied to ``temporary`` and updated there; if not, both temporary
    files are left empty for a build."""
    connection = _open_whole(path, roots)
    if connection is None:
        return False
    connection.close()
    try:
        _copy(path, temporary)
        update(roots, temporary, staging, progress).close()
        return True
    except (NotIncremental, sqlite3.DatabaseError):  # a damaged index among them: the build makes a new one
        for leftover in (temporary, staging):
            with open(leftover, "wb"):
                pass
        return False


_FICLONE = 0x40049409  # Linux's ioctl that makes a file share another's blocks until either is written


def _copy(source: Path, target: str) -> None:
    """``target`` a copy of ``source``: a clone sharing its blocks where the file system makes one (btrfs, XFS:
    no bytes copied, whatever the size), else copied in the kernel (shutil.copyfile: sendfile). Measured on ext4
    (no clones) with an index of 153 MB: 0.11 s, against 0.41 s for SQLite's backup API, which copies page by
    page through SQLite's cache; at 2.9 GB (315,000 documents) the copy is some 2 s of an update."""
    try:
        import fcntl

        with open(source, "rb") as read, open(target, "wb") as written:
            fcntl.ioctl(written.fileno(), _FICLONE, read.fileno())
    except (ImportError, OSError):  # no fcntl (Windows), or no clones on this file system
        shutil.copyfile(source, target)


def remove_stale_builds(folder: Path) -> None:
    """Delete the temporary files of builds whose process is gone (killed; a build of a few GB must not stay
    behind), or that have not been written for a day (their process id may have been given to another)."""
    try:
        names = os.listdir(folder)
    except OSError:  # no cache yet
        return
    for temporary in (folder / name for name in names if name.endswith(_BUILDING)):
        try:
            owner = int(temporary.name.split("-")[2])
            if _alive(owner) and time.time() - temporary.stat().st_mtime < 86400:
                continue
            temporary.unlink()
        except (ValueError, IndexError, OSError):  # not named by a build of this version, or gone already
            continue


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # there, but another user's
        return True
    return True


_opened: list[Path] = []  # the index files this run has opened, for discard_damaged_index


def discard_damaged_index(error: sqlite3.DatabaseError) -> str:
    """Delete the index files this run opened, after SQLite found one damaged in a query (a page the check on
    opening could not see), so that the next run builds a new one; what to tell the user."""
    removed = []
    for path in _opened:
        try:
            path.unlink()
            removed.append(path)
        except OSError:
            continue
    if not removed:
        return f"the index could not be read ({error})"
    return f"the index {removed[0]} was damaged ({error}); it is deleted, and the next run builds it again"


def prune(kept: Path) -> None:
    """Remove the index files of all but the KEPT_INDEXES sets of corpus folders built last, besides ``kept``: each
    set of folders has one, and a big one takes gigabytes. A file another run still reads stays readable until
    that run closes it."""
    others = []
    for path in kept.parent.glob("index-*.sqlite3"):
        try:
            others.append((path.stat().st_mtime, path))
        except OSError:
            continue
    for _, path in sorted(others, reverse=True)[KEPT_INDEXES + 1 :]:
        if path != kept:
            path.unlink(missing_ok=True)
