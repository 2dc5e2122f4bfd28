"""who and --actor read whom a cable's texts name (the register's names found in its heading, text and footnotes),
not only its curated people list: a list that omits someone cannot hide the cable from `who`."""

from magiccli.locations import bundled_corpus

from .conftest import run_magiccli


def test_who_konoye_lists_a_cable_whose_list_omits_him(tmp_path):
    # No. 893 as a user's record (another id and number) whose people list omits Konoe, as 893's and 1458's did
    lines = (
        (bundled_corpus() / "cables" / "frus1945Berlinv01-d582.yaml")
        .read_text(encoding="utf-8")
        .splitlines(keepends=True)
    )
    at = next(i for i, line in enumerate(lines) if line.startswith("people: ["))
    lines[at] = lines[at].replace(", konoe-fumimaro", "")
    assert "konoe-fumimaro" not in lines[at]
    text = (
        "".join(lines)
        .replace("id: frus1945Berlinv01-d582", "id: user-893")
        .replace("telegram_no: '893'", "telegram_no: '99893'")
    )
    (tmp_path / "user-893.yaml").write_text(text, encoding="utf-8")
    rows = run_magiccli("--corpus", tmp_path, "who", "konoye", "--format", "tsv").stdout.splitlines()
    assert [row.split("\t")[3:5] for row in rows if "user-893" in row] == [["user-893", "named"]]
    timeline = run_magiccli("--corpus", tmp_path, "timeline", "--actor", "konoye", "--kind", "cable").stdout
    assert "user-893" in timeline


def test_who_konoye_lists_893_and_1458(cli):
    rows = [line.split("\t") for line in cli("who", "konoye", "--format", "tsv").output.splitlines()]
    assert [row[4] for row in rows if row[3] in ("frus1945Berlinv01-d582", "frus1945Berlinv02-d1256")] == [
        "named",
        "named",
    ]


def test_a_cable_names_the_people_its_text_names_once(cli):
    from magiccli.commands.common import open_index

    mentions = open_index().mentions(["frus1945Berlinv01-d580"])["frus1945Berlinv01-d580"]  # No. 890
    assert {"hirota-koki", "malik-yakov", "molotov-vyacheslav"} <= set(mentions)
    assert len(mentions) == len(set(mentions))
