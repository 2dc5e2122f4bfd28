"""The benchmark runs (at 1k documents only: the big sizes are for bench/RESULTS.md, never for CI), and its way of
running a process reports what a process did: its lines, its failure, its time-out, its whole tree's memory."""

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _bench():
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_the_benchmark_runs_at_1k_and_reports_every_command(tmp_path):
    bench = _bench()
    output = tmp_path / "RESULTS.md"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "run.py"),
            "--sizes",
            "1k",
            "--runs",
            "1",
            "--workdir",
            str(tmp_path / "work"),
            "--output",
            str(output),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    report = output.read_text()
    for measure in (
        "ratio magiccli / floor",
        "`magiccli corpus reindex`: time ≤ 150 s",
        "| 1,000 (yaml) |",
        "| 1,000 (tei) |",
        "in process: open + query",
    ):
        assert measure in report
    rows = [line for line in report.splitlines() if line.startswith("| `")]
    for command in bench.COMMANDS:
        name = f"| `{bench.shown(command.argv).replace('{svg}', 'FILE')}`"
        assert any(row.startswith(name) for row in rows), name
    assert not [row for row in rows if "timed out" in row or "**exit" in row]


def _python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def test_a_process_past_its_time_limit_is_killed_and_reported_with_what_it_wrote():
    sample = _bench().run_once(_python("import time; print('first', flush=True); time.sleep(60)"), dict(os.environ), 1)
    assert (sample.failure, sample.lines) == ("timed out after 1 s", 1)
    assert sample.first_line is not None


def test_a_failing_process_is_reported_with_the_last_line_it_said_and_not_run_again():
    bench = _bench()
    failing = (_python("import sys; print('usage', file=sys.stderr); sys.exit('magiccli: no such cable')"), {})
    result = bench.side_by_side({"it": failing}, 3, 60)["it"]
    assert result.failure == "exit 1: magiccli: no such cable"
    assert len(result.samples) == 1 and result.seconds is None


def test_the_memory_of_a_process_tree_is_the_sum_over_its_processes():
    """Parent and child each hold 100 MB of their own: the tree holds 200 MB, though neither process peaks there.
    Measured from a small process, as bench/run.py is: a process forked from a big one (a test worker of some
    hundreds of MB) starts with its spawner's pages resident, and ru_maxrss keeps that peak across the exec."""
    holds = "b = bytearray(100 * 2**20); b[::4096] = b'x' * len(b[::4096]); time.sleep(1)"
    tree = _python(f"import os, time\nif os.fork() == 0:\n  {holds}\nelse:\n  {holds}; os.wait()")
    run = ROOT / "bench" / "run.py"
    measured = (
        "import importlib.util, json, os, sys\n"
        f"spec = importlib.util.spec_from_file_location('bench_run', {str(run)!r})\n"
        "bench = sys.modules['bench_run'] = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(bench)\n"
        f"sample = bench.run_once({tree!r}, dict(os.environ), 60, sample_tree=True)\n"
        "print(json.dumps([sample.failure, sample.rss_mb, *sample.tree_mb]))\n"
    )
    failure, rss_mb, pss, rss = json.loads(
        subprocess.run(_python(measured), capture_output=True, text=True, cwd=ROOT, check=True).stdout
    )
    assert failure is None and rss_mb < 150
    assert 200 <= pss <= rss
