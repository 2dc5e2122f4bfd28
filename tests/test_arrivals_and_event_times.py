"""Time beyond the cables' sending: arrivals a text attests, and events with a local time and zone."""

import dataclasses

import pytest

from magiccli.load import bundled_corpus


def test_an_event_with_a_sourced_local_time_has_its_zone_and_instant(corpus):
    declaration = corpus.by_id["1945-08-08-soviet-declaration-of-war"]
    assert (declaration.time, declaration.zone, declaration.instant) == ("17:00", "MSK", "1945-08-08T14:00Z")
    assert declaration.time_grade == "secondary-web"
    broadcast = corpus.by_id["1945-08-15-emperor-surrender-broadcast"]
    assert (broadcast.time, broadcast.zone, broadcast.instant) == ("12:00", "JST", "1945-08-15T03:00Z")
    assert corpus.by_id["1945-07-26-potsdam-declaration"].instant is None


def test_1441_attests_when_931_and_932_arrived(corpus):
    no931, no932, no1433 = (corpus.by_id[f"frus1945Berlinv02-d{n}"] for n in (1229, 1230, 1231))
    assert (no931.arrived.date, no931.arrived.attested_by, no931.arrived_instant) == (
        "1945-07-24",
        "frus1945Berlinv02-d1232",
        None,
    )
    # known by its Moscow date only: between midnight and midnight MSK
    assert (no931.arrived.earliest, no931.arrived.latest) == ("1945-07-23T21:00Z", "1945-07-24T21:00Z")
    assert no932.arrived.date == "1945-07-22"
    # 931 and 1433 crossed: each left before the other could have arrived (1433 left after 931, so after 931 left)
    assert no931.instant < no1433.instant < no931.arrived.earliest


@pytest.fixture
def user_copy(tmp_path):
    def copy(name, *changes):
        text = (bundled_corpus() / name).read_text(encoding="utf-8")
        for old, new in changes:
            assert old in text
            text = text.replace(old, new, 1)
        path = tmp_path / name.replace("/", "-")
        path.write_text(text, encoding="utf-8")
        return path, text

    return copy


def _line(text, old):
    return text[: text.index(old)].count("\n") + 1


def test_a_reply_dated_before_what_it_answers_is_a_problem(cli, user_copy):
    path, text = user_copy(
        "cables/frus1945Berlinv02-d1232.yaml",
        ("id: frus1945Berlinv02-d1232", "id: user-1441"),
        ("date: 1945-07-24", "date: 1945-07-20"),
        ("telegram_no: '1441'", "telegram_no: '91441'"),
    )
    result = cli("corpus", "validate", path)
    assert result.output == (
        f"{path}:{_line(text, 'in_reply_to')}: this reply is dated 1945-07-20, before "
        "'frus1945Berlinv02-d1230' (1945-07-21) which it answers: check both dates\n"
        "magiccli: 1 problem(s) found\n"
    )


def test_an_arrival_before_the_sending_is_a_problem(cli, user_copy):
    path, text = user_copy(
        "cables/frus1945Berlinv02-d1229.yaml",
        ("id: frus1945Berlinv02-d1229", "id: user-931"),
        ("telegram_no: '931'", "telegram_no: '9931'"),
        ("  date: '1945-07-24'", "  date: '1945-07-20'"),
    )
    result = cli("corpus", "validate", path)
    assert result.output == (
        f"{path}:{_line(text, '  date: ')}: it arrived on 1945-07-20, before it was sent (1945-07-21): "
        "check both dates\nmagiccli: 1 problem(s) found\n"
    )


def test_an_event_time_needs_its_place_and_source(cli, user_copy):
    path, text = user_copy(
        "events/1945-08-15-emperor-surrender-broadcast.yaml",
        ("id: 1945-08-15-emperor-surrender-broadcast", "id: user-broadcast"),
        ("time_place: Tokyo\n", ""),
    )
    result = cli("corpus", "validate", path)
    assert result.exit_code == 2
    assert f"{path}:{_line(text, 'time:')}: missing field 'time_place' (needed with 'time')\n" in result.output


def test_min_grade_keeps_an_events_time_only_where_its_source_reaches_it(corpus):
    from magiccli.model import Source, graded

    declaration = corpus.by_id["1945-08-08-soviet-declaration-of-war"]  # its time rests on a secondary-web page
    assert graded(declaration, "secondary-web").instant == "1945-08-08T14:00Z"
    broadcast = corpus.by_id["1945-08-15-emperor-surrender-broadcast"]  # its time on an archival one
    kept = graded(broadcast, "published")
    assert (kept.time, kept.instant) == ("12:00", "1945-08-15T03:00Z")
    unpublished = dataclasses.replace(declaration, sources=[s for s in declaration.sources if s.grade != "published"])
    assert graded(unpublished, "published") is None  # none of its sources is published
    printed = dataclasses.replace(
        unpublished, sources=[Source("An official printing", "https://example.org", "published")]
    )
    kept = graded(printed, "published")  # the event stays, its time from a secondary-web page does not
    assert (kept.time, kept.instant, kept.zone, kept.time_from) == (None, None, None, [])
    # the bundled record has a published source (the Japanese Cabinet's written answer of 2015): the same holds
    kept = graded(declaration, "published")
    assert [s.grade for s in kept.sources] == ["published"] and kept.time is None
