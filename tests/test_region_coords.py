"""The map's points: the committed file covers the gazetteer, and the database table follows it."""

from __future__ import annotations

from pipelines.db import connect
from pipelines.phrases import read_tsv
from pipelines.places_gazetteer import GAZETTEER_DIR
from pipelines.region_coords import COORDS_FILE, ensure_region_coords, read_coords


def test_points_cover_the_regions_and_lie_in_their_country():
    points = {r["code"]: r for r in read_coords()}
    regions = read_tsv(GAZETTEER_DIR / "regions.tsv")
    home = [r["code"] for r in regions if r["country"] in ("KZ", "RU")]
    assert all(code in points for code in home)  # every region of the home countries
    # the regions of the South Caucasus, Ukraine, Moldova and the Baltic states (held for the
    # text's region, scripts/build_gazetteer.py REGION_ONLY) are drawn where GeoNames' larger
    # cities hold their centre: their cities, Crimea's and Sevastopol's, some districts' towns
    region_only = ("AZ", "AM", "GE", "UA", "MD", "LV", "LT", "EE")
    covered = [r for r in regions if r["country"] not in region_only]
    assert sum(r["code"] in points for r in covered) >= 0.9 * len(covered)
    assert {r["code"] for r in read_tsv(GAZETTEER_DIR / "countries.tsv")} <= set(points)
    for code, row in points.items():
        assert -90 <= row["lat"] <= 90 and -180 <= row["lon"] <= 180, code
    kz = [p for c, p in points.items() if c.startswith("KZ-")]
    assert all(40 < p["lat"] < 56 and 46 < p["lon"] < 88 for p in kz)  # inside Kazakhstan
    assert (round(points["RU-STA"]["lon"]), round(points["RU-NVS"]["lon"])) == (42, 83)
    assert (round(points["UA-43"]["lat"]), round(points["UA-43"]["lon"])) == (45, 34)
    # a centre under 15,000 people is found among GeoNames' smaller places: every Estonian
    # county seat (Kuressaare, Jõhvi, ...), and Magas, Ingushetia's capital, over Nazran
    estonia = [r["code"] for r in regions if r["country"] == "EE"]
    assert len(estonia) == 15 and all(code in points for code in estonia)
    assert points["RU-IN"]["label"] == "Магас"
    assert sum(r["code"] in points for r in regions if r["country"] in region_only) >= 150


def test_table_is_filled_and_refilled_when_it_differs(tmp_path):
    db = connect(tmp_path / "news.db")
    assert db["region_coords"].count == len(read_coords())
    db.execute("update region_coords set lat = 0 where code = 'KZ-35'")
    db.execute("delete from region_coords where code = 'RU-MOW'")
    db.conn.commit()
    db.close()
    db = connect(tmp_path / "news.db")  # a writing open puts the file's points back
    rows = db.execute("select code, lat from region_coords where code in ('KZ-35', 'RU-MOW')")
    assert dict(rows.fetchall()) == {"KZ-35": 49.8019, "RU-MOW": 55.752}
    assert ensure_region_coords(db) is False  # up to date: nothing written
    db.close()


def test_a_missing_file_leaves_the_database_alone(tmp_path):
    db = connect(tmp_path / "news.db")
    assert ensure_region_coords(db, tmp_path / "absent.tsv") is False
    assert COORDS_FILE.exists()
    db.close()


def test_a_table_of_other_columns_is_rebuilt(tmp_path):
    """A region_coords table written by an earlier version (other columns) is replaced whole."""
    from pipelines.db import connect
    from pipelines.region_coords import COLUMNS, ensure_region_coords

    db = connect(tmp_path / "old.db")
    db.execute("drop table region_coords")
    db.execute("create table region_coords (code text primary key, lat float, lon float)")
    assert ensure_region_coords(db) is True
    assert list(db["region_coords"].columns_dict) == list(COLUMNS)
    assert db["region_coords"].count > 200
    db.close()
