"""A synthetic corpus (bench/generate.py) validates: each generated cable's people list names everyone its heading
and text name, as corpus validate asks of every cable (it found some 11,600 problems in 2,000 cables before)."""

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_a_generated_corpus_validates(cli, tmp_path):
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = generate
    spec.loader.exec_module(generate)
    generate.generate(tmp_path / "synthetic", 300)
    result = cli("--corpus", tmp_path / "synthetic", "corpus", "validate")
    assert (result.exit_code, result.output) == (0, "ok\n")
