"""timeline --svg and --html as files: written whole or not at all, never through a link or over each other, with
the corpus's control and bidi characters shown escaped."""

import dataclasses
import os

import pytest

from magiccli import picture

SPOOF = "No unconditional \u202eecnerrus\u202c surrender\x9b31m"


def test_svg_and_html_cannot_be_the_same_file(cli, tmp_path):
    target = tmp_path / "story"
    result = cli("timeline", "--svg", target, "--html", target)
    assert (result.exit_code, result.output) == (
        2,
        f"magiccli: --svg and --html name the same file ({target}): give each its own\n",
    )
    assert not target.exists()
    target.write_text("old")
    os.link(target, tmp_path / "hard")
    for other in (tmp_path / "." / "story", tmp_path / "hard"):  # the same file by another name
        result = cli("timeline", "--svg", target, "--html", other)
        assert result.exit_code == 2 and "name the same file" in result.output and target.read_text() == "old"


@pytest.mark.parametrize("option", ["--svg", "--html"])
def test_a_picture_is_not_written_through_a_symbolic_link(cli, tmp_path, option):
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("keep me")
    link = tmp_path / "story"
    link.symlink_to(elsewhere)
    result = cli("timeline", option, link)
    assert (result.exit_code, result.output) == (
        2,
        f"magiccli: {option} {link} is a symbolic link: name the file itself\n",
    )
    assert elsewhere.read_text() == "keep me" and link.is_symlink()


def test_a_failed_write_leaves_the_old_picture_whole(cli, tmp_path, monkeypatch):
    target = tmp_path / "story.svg"
    target.write_text("the old picture")

    def fail(source, destination):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(picture.os, "replace", fail)
    result = cli("timeline", "--svg", target)
    assert result.exit_code == 1
    assert target.read_text() == "the old picture" and os.listdir(tmp_path) == ["story.svg"]  # no temporary left
    monkeypatch.undo()
    assert cli("timeline", "--svg", target).exit_code == 0
    assert target.read_text().startswith("<?xml") and os.listdir(tmp_path) == ["story.svg"]


def test_written_pictures_keep_the_umask_s_permissions(cli, tmp_path):
    target = tmp_path / "story.html"
    assert cli("timeline", "--html", target).exit_code == 0
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


def test_control_and_bidi_characters_are_shown_escaped_in_files_and_on_stdout(corpus, tmp_path, capsysbinary):
    spoofed = dataclasses.replace(corpus.cables[0], title=SPOOF, text=SPOOF)
    records = [spoofed, *corpus.records[1:]]
    svg_file, html_file = tmp_path / "t.svg", tmp_path / "t.html"
    picture.save(corpus, records, svg_file, html_file)
    picture.save(corpus, records, picture.STDOUT, None)
    for text in (
        svg_file.read_text(encoding="utf-8"),
        html_file.read_text(encoding="utf-8"),
        capsysbinary.readouterr().out.decode("utf-8"),
    ):
        assert "\u202e" not in text and "\u202c" not in text and "\x9b" not in text
        assert "No unconditional \\u202eecnerrus\\u202c surrender\\u009b31m" in text
