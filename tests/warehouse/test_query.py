import json

import pytest
from warehouse_builders import not_an_event

from schema import ThiduaError
from warehouse import connect, load_records, query, render, stats


@pytest.fixture
def loaded(db, three_sources):
    load_records(db, three_sources + [not_an_event()], load_id="load-1")
    return db


def test_query_returns_columns_and_rows(loaded):
    columns, rows = query(loaded, "SELECT province, count(*) AS n FROM events GROUP BY 1")
    assert (columns, rows) == (["province", "n"], [("Kiên Giang", 1)])


@pytest.mark.parametrize("sql, kind", [
    ("DELETE FROM events", "DELETE"),
    ("INSERT INTO units (code, name) VALUES ('x', 'y')", "INSERT"),
    ("COPY events TO 'events.csv'", "COPY"),
    ("CREATE TABLE t (x INTEGER)", "CREATE"),
    ("ATTACH 'other.duckdb'", "ATTACH"),
])
def test_writes_are_refused_in_one_line(loaded, sql, kind):
    with pytest.raises(ThiduaError) as e:
        query(loaded, sql)
    assert str(e.value) == f"only read-only queries run here (SELECT, EXPLAIN), not {kind}"
    assert query(loaded, "SELECT count(*) FROM events")[1] == [(1,)]


def test_even_a_read_write_connection_is_not_written_through_query(loaded):
    con = connect(loaded)
    with pytest.raises(ThiduaError):
        query(con, "DROP VIEW cluster_conferences")
    assert query(con, "SELECT count(*) FROM cluster_conferences")[1] == [(1,)]
    con.close()


def test_sql_errors_are_one_line(loaded):
    with pytest.raises(ThiduaError) as e:
        query(loaded, "SELECT nope FROM events")
    assert str(e.value).startswith("Binder Error: Referenced column \"nope\" not found") and "\n" not in str(e.value)
    with pytest.raises(ThiduaError, match="give one SQL statement, not 2"):
        query(loaded, "SELECT 1; SELECT 2")


def test_render_table_csv_and_json(loaded):
    columns, rows = query(loaded, "SELECT event_date, members, sources FROM cluster_conferences")
    table = render(columns, rows, "table").splitlines()
    assert table[0].split() == ["event_date", "members", "sources"]
    assert table[2] == "2021-03-24  huyện Kiên Hải; huyện Kiên Lương; thành phố Hà Tiên; huyện …  3"
    assert table[-1] == "(1 row)"
    assert render(columns, rows, "csv").splitlines()[1] == \
        "2021-03-24,huyện Kiên Hải; huyện Kiên Lương; thành phố Hà Tiên; huyện Giang Thành,3"
    assert json.loads(render(columns, rows, "json")) == {
        "event_date": "2021-03-24", "sources": 3,
        "members": ["huyện Kiên Hải", "huyện Kiên Lương", "thành phố Hà Tiên", "huyện Giang Thành"]}
    with pytest.raises(ThiduaError, match=r"no format 'xml' \(choose: table, csv, json\)"):
        render(columns, rows, "xml")


def test_stats_counts_tables_and_lists_loads(loaded):
    load_records(loaded, [not_an_event()], load_id="load-2")
    got = stats(loaded)
    assert got["database"] == str(loaded) and got["bytes"] > 0 and got["schema_version"] == 3
    assert got["tables"]["articles"] == 4 and got["tables"]["events"] == 1 and got["tables"]["pages"] == 0
    assert [load["load_id"] for load in got["loads"]] == ["load-2", "load-1"]
    assert got["loads"][1]["events_new"] == 1 and got["loads"][0]["unchanged"] == 1


def test_stats_of_a_missing_database_is_a_one_line_error(tmp_path):
    with pytest.raises(ThiduaError, match="no database at"):
        stats(tmp_path / "none.duckdb")
