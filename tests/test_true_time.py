"""True time: cables in the order they were sent (the instant, UTC), local times shown with their zone, and the
telegrams that crossed on the wire marked in a thread."""

from .conftest import run_magiccli


def test_cables_of_a_day_stand_in_the_order_they_were_sent(cli):
    # No. 931/932 left Tokyo at 21:30 JST (12:30 UTC), No. 1433 left Moscow at 17:00 MSK (14:00 UTC)
    listed = cli("cable", "1945-07-21", "--list")
    assert [line.split("\t")[:3] for line in listed.output.splitlines()] == [
        ["1945-07-21", "21:30 JST", "931"], ["1945-07-21", "21:30 JST", "932"], ["1945-07-21", "17:00 MSK", "1433"]]
    timeline = cli("timeline", "--kind", "cable", "--from", "1945-07-21", "--to", "1945-07-21")
    assert timeline.output == (
        "1945-07-21\t\tcable\tfrus1945Berlinv02-d1229\tNo. 931 Togo → Sato: The Konoye mission's purpose defined\t21:30 JST\tyes\tJST\t1945-07-21T12:30Z\n"
        "1945-07-21\t\tcable\tfrus1945Berlinv02-d1230\tNo. 932 Togo → Sato: No unconditional surrender; Konoye to bring"
        " concrete intentions\t21:30 JST\tno\tJST\t1945-07-21T12:30Z\n"
        "1945-07-21\t\tcable\tfrus1945Berlinv02-d1231\tNo. 1433 Sato → Togo: The Soviet reply may reflect the Big Three"
        " conference\t17:00 MSK\tyes\tMSK\t1945-07-21T14:00Z\n")


def test_a_cable_shows_its_local_time_and_zone(cli):
    assert cli("cable", "1433").output.splitlines()[0] == "== No. 1433 Sato → Togo · Moscow, 1945-07-21 17:00 MSK, 14:00 UTC =="


def test_a_time_after_midnight_in_tokyo_stays_on_its_local_day(cli):
    # No. 894, 02:20 JST on 12 July, was 17:20 UTC on 11 July: it is listed on the day its dateline gives
    listed = [line.split("\t") for line in cli("cable", "1945-07-12", "--list").output.splitlines()]
    assert [line[:3] for line in listed if line[7] == "sent 1945-07-12"] == [
        ["1945-07-12", "02:20 JST", "894"], ["1945-07-12", "20:50 JST", "893"], ["1945-07-12", "23:25 MSK", "1382"]]


def test_a_place_of_unknown_zone_keeps_date_order_and_a_bare_time(tmp_path, corpus_copy):
    cable = (corpus_copy / "cables" / "frus1945Berlinv02-d1231.yaml").read_text(encoding="utf-8")
    berlin = cable.replace("id: frus1945Berlinv02-d1231", "id: user-berlin-cable").replace(
        "place: Moscow", "place: Berlin").replace("telegram_no: '1433'", "telegram_no: '7001'").replace(
        "time: '17:00'", "time: '09:00'").replace("document: 1231", "document: 9001")
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "berlin.yaml").write_text(berlin, encoding="utf-8")
    listed = run_magiccli("--corpus", tmp_path / "mine", "cable", "1945-07-21", "--list")
    # no zone, no instant: it stands before the day's cables of known instant, its time unzoned
    assert [line.split("\t")[1:3] for line in listed.stdout.splitlines()] == [
        ["09:00", "7001"], ["21:30 JST", "931"], ["21:30 JST", "932"], ["17:00 MSK", "1433"]]


def test_thread_marks_the_telegrams_that_crossed(cli):
    # Sato's No. 1476: "Your above telegram [No. 944] ... and my telegrams numbered 1449, 1450, and 1458 crossed";
    # 1476 and 952 are not shown crossed: no text attests when either arrived (crossings come from evidence)
    why = "before No. 944 arrived on 1945-07-28, as No. 1476 says"
    lines = [line.split("\t") for line in cli("thread", "1476").output.splitlines()]
    assert [(line[2], line[6]) for line in lines if line[2] in ("944", "1476")] == [
        ("944", f"crossed with No. 1450 (No. 1450 left at 20:23 UTC on 1945-07-25, {why}), No. 1449 (No. 1449 left at "
                f"20:53 UTC on 1945-07-25, {why}), No. 1458 (No. 1458 left at 13:30 UTC on 1945-07-27, {why})"),
        ("1476", "")]
    one = [line.split("\t") for line in cli("thread", "1449", "--down").output.splitlines()]
    assert [(line[2], line[6]) for line in one] == [
        ("1449", f"crossed with No. 944 (No. 1449 left at 20:53 UTC on 1945-07-25, {why})"),
        ("1450", f"crossed with No. 944 (No. 1450 left at 20:23 UTC on 1945-07-25, {why})"),
        ("1458", f"crossed with No. 944 (No. 1458 left at 13:30 UTC on 1945-07-27, {why})")]
