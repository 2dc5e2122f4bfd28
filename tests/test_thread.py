"""thread: reply chains through the CLI, checked against the corpus's in_reply_to links."""

import json

from .conftest import run_in_terminal

COLUMNS = ["depth", "date", "telegram_no", "parties", "id", "via", "note", "title"]


def rows(output):
    return [dict(zip(COLUMNS, line.split("\t"))) for line in output.splitlines()]


def test_thread_lists_what_a_cable_answers_and_what_answers_it(cli, corpus):
    result = cli("thread", "932")
    assert result.exit_code == 0
    lines = rows(result.output)
    cable = corpus.by_id["frus1945Berlinv02-d1230"]
    (root,) = [r for r in lines if r["depth"] == "0"]
    assert root["id"] == cable.id and root["telegram_no"] == "932" and root["parties"] == "Togo → Sato"
    assert [r["id"] for r in lines if r["depth"] == "-1"] == cable.in_reply_to
    replies = [c.id for c in corpus.cables if cable.id in c.in_reply_to]
    assert sorted(r["id"] for r in lines if r["depth"] == "1") == sorted(replies) and replies
    for line in lines:  # every line hangs from a neighbour it is linked to
        if line["depth"] not in ("0",) and line["id"]:
            earlier, later = (line["id"], line["via"]) if line["depth"].startswith("-") else (line["via"], line["id"])
            assert earlier in corpus.by_id[later].in_reply_to


def test_telegrams_outside_the_corpus_are_leaves(cli):
    lines = rows(cli("thread", "1385", "--up").output)
    assert lines[0] == {
        "depth": "-1",
        "date": "",
        "telegram_no": "1383",
        "parties": "",
        "id": "",
        "via": "frus1945Berlinv01-d586",
        "note": "not in the corpus",
        "title": "",
    }


def test_a_cable_reached_twice_is_shown_once_in_full(cli):
    lines = rows(cli("thread", "931", "--up").output)
    no_1417 = [r for r in lines if r["telegram_no"] == "1417"]
    assert [r["note"] for r in no_1417] == ["", "shown above"]
    assert len([r for r in lines if r["telegram_no"] == "1385"]) == 1


def test_up_and_down_go_one_way(cli):
    both = rows(cli("thread", "932").output)
    up = rows(cli("thread", "932", "--up").output)
    down = rows(cli("thread", "932", "--down").output)
    assert all(int(r["depth"]) <= 0 for r in up) and all(int(r["depth"]) >= 0 for r in down)
    assert [r for r in both if int(r["depth"]) < 0] == up[:-1]
    assert [r for r in both if int(r["depth"]) > 0] == down[1:]


def test_a_cable_outside_any_thread_is_nothing_found(cli):
    result = cli("thread", "894")
    assert (result.exit_code, result.output) == (
        1,
        "magiccli: No. 894 Togo → Sato answers no telegram, and no cable in the corpus answers it\n",
    )
    assert cli("thread", "910", "--up").output == "magiccli: No. 910 Togo → Sato answers no telegram\n"


def test_a_reference_to_several_cables_or_none(cli):
    several = cli("thread", "1945-07-21")
    assert (several.exit_code, several.output) == (
        2,
        "magiccli: '1945-07-21' names 3 cables (931, 932, 1433); give one telegram number or id\n",
    )
    assert cli("thread", "999").exit_code == 1


def test_thread_json_and_tree_on_a_terminal(cli):
    data = json.loads(cli("thread", "890", "--down", "--format", "json").output)
    assert data[0]["depth"] == 0 and data[0]["telegram_no"] == "890"
    tree = run_in_terminal("thread", "890", "--down", columns=200).stdout
    assert "└── " in tree and "answered by" in tree and "(shown above)" in tree
    assert "\x1b[" in tree


def test_thread_marks_the_telegrams_that_crossed(cli):
    # Sato's No. 1476: "Your above telegram [No. 944] ... and my telegrams numbered 1449, 1450, and 1458 crossed";
    # 1476 and 952 are not shown crossed: no text attests when either arrived (crossings come from evidence)
    why = "before No. 944 arrived on 1945-07-28, as No. 1476 says"
    lines = [line.split("\t") for line in cli("thread", "1476").output.splitlines()]
    assert [(line[2], line[6]) for line in lines if line[2] in ("944", "1476")] == [
        (
            "944",
            f"crossed with No. 1450 (No. 1450 left at 20:23 UTC on 1945-07-25, {why}), No. 1449 (No. 1449 left at "
            f"20:53 UTC on 1945-07-25, {why}), No. 1458 (No. 1458 left at 13:30 UTC on 1945-07-27, {why})",
        ),
        ("1476", ""),
    ]
    one = [line.split("\t") for line in cli("thread", "1449", "--down").output.splitlines()]
    assert [(line[2], line[6]) for line in one] == [
        ("1449", f"crossed with No. 944 (No. 1449 left at 20:53 UTC on 1945-07-25, {why})"),
        ("1450", f"crossed with No. 944 (No. 1450 left at 20:23 UTC on 1945-07-25, {why})"),
        ("1458", f"crossed with No. 944 (No. 1458 left at 13:30 UTC on 1945-07-27, {why})"),
    ]
