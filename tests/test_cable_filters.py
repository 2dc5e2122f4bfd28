"""cable takes the timeline's --direction, --actor and --kind, narrowing the cables REF names."""


def _numbers(output):
    return [line.split("\t")[2] for line in output.splitlines()]


def test_direction_and_actor_narrow_the_cables_of_a_reference(cli):
    day = cli("cable", "1945-07-21", "--list", "--direction", "moscow-tokyo")
    assert day.output == ("1945-07-21\t17:00 MSK\t1433\tSato → Togo\tMoscow\tfrus1945Berlinv02-d1231\tyes"
                          "\tsent 1945-07-21\tThe Soviet reply may reflect the Big Three conference\n")
    lozovsky = cli("cable", "1945-07-24..1945-07-31", "--list", "--actor", "Lozovsky", "--direction", "moscow-tokyo")
    assert _numbers(lozovsky.output) == ["1441", "1450", "1449", "1458", "1480", "1484"]  # 1458 and 1480 name him too
    timeline = cli("timeline", "--from", "1945-07-24", "--to", "1945-07-31", "--actor", "Lozovsky", "--direction",
                   "moscow-tokyo").output
    assert [line.split("\t")[3] for line in timeline.splitlines()] == [
        line.split("\t")[5] for line in lozovsky.output.splitlines()]
    full = cli("cable", "1945-07-21", "--actor", "Sato", "--direction", "tokyo-moscow").output
    assert [line for line in full.splitlines() if line.startswith("== ")] == [
        "== No. 931 Togo → Sato · Tokyo, 1945-07-21 21:30 JST, 12:30 UTC ==", "== No. 932 Togo → Sato · Tokyo, 1945-07-21 21:30 JST, 12:30 UTC =="]


def test_kind_and_filters_that_leave_nothing(cli):
    assert _numbers(cli("cable", "1945-07-21", "--list", "--kind", "cable").output) == ["931", "932", "1433"]
    none = cli("cable", "1945-07-21", "--kind", "treaty")
    assert (none.exit_code, none.output) == (1, "magiccli: nothing matches those filters\n")
    unknown = cli("cable", "932", "--actor", "nobody")
    assert (unknown.exit_code, unknown.output) == (2, "magiccli: no person or country called 'nobody' in the corpus\n")
