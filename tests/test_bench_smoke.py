"""The benchmark runs (at 1k documents only: the big sizes are for bench/RESULTS.md, never for CI)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_benchmark_runs_at_1k_and_reports_every_measure(tmp_path):
    output = tmp_path / "RESULTS.md"
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--sizes", "1k", "--runs", "1",
                             "--workdir", str(tmp_path / "work"), "--output", str(output)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    report = output.read_text()
    for measure in ("ratio magiccli / floor", "`grep -ril` over `corpus/`", "| 1,000 |", "in process: open + query"):
        assert measure in report
