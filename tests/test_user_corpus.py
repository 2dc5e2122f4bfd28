"""A user's folder with one broken file: lookups leave that file out, and say so on every run; validate lists its
problems and exits 2."""

from .conftest import run_magiccli


def test_a_broken_user_file_is_left_out_with_a_warning_on_every_run(corpus_copy, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    good = (corpus_copy / "cables" / "frus1945Berlinv02-d1230.yaml").read_text(encoding="utf-8")
    (folder / "good.yaml").write_text(good.replace("id: frus1945Berlinv02-d1230", "id: user-cable-1")
                                      .replace("telegram_no: '932'", "telegram_no: null"), encoding="utf-8")
    (folder / "broken.yaml").write_text("id: broken\nkind: cable\n", encoding="utf-8")
    warning = f"magiccli: {folder / 'broken.yaml'}: left out: 24 problem(s); 'magiccli corpus validate' lists them\n"
    for _ in range(2):  # the build's run and a run that finds the index fresh
        found = run_magiccli("--corpus", folder, "cable", "user-cable-1", "--list")
        assert (found.returncode, found.stderr) == (0, warning)
        assert "\tuser-cable-1\t" in found.stdout
    checked = run_magiccli("corpus", "validate", folder)
    assert checked.returncode == 2
    assert checked.stdout.count(f"{folder / 'broken.yaml'}:") == 24
