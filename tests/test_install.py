"""magiccli installed from its wheel, apart from the checkout, runs from any folder with its corpus."""

import os
import subprocess
import sys
import zipfile

import pytest

from .conftest import ROOT, run_magiccli


@pytest.mark.slow
def test_installed_wheel_works_from_any_directory(tmp_path):
    """Build the wheel, install it apart from the checkout, and run it from elsewhere."""
    wheel_dir, target, elsewhere = tmp_path / "wheel", tmp_path / "site", tmp_path / "elsewhere"
    elsewhere.mkdir()
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", wheel_dir, ROOT],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = wheel_dir.glob("magiccli-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "magiccli/corpus/schema.json" in names
    assert "magiccli/corpus/cables/frus1945Berlinv02-d1230.yaml" in names
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", target, wheel],
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stderr
    env = {"PYTHONPATH": str(target)}
    located = subprocess.run(
        [sys.executable, "-c", "import magiccli.load as l; print(l.bundled_corpus())"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env={**os.environ, **env},
    )
    assert located.stdout.strip().startswith(str(target)), located.stdout
    result = run_magiccli("cable", "1945-07-21", env=env, cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert "== No. 932 Togo → Sato" in result.stdout
