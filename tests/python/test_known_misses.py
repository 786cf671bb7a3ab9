"""Known misses are read from docs/calibration.md, so scripts/calibrate, the figures and the docs agree on
them: the rows the docs' table marks MISS (known) are exactly the ones found, escaped pipes and bold
verdicts included, and the table of the real docs is found."""
from attachsim.calibration import known_misses


def test_rows_marked_miss_known_are_found(tmp_path):
    page = tmp_path / "calibration.md"
    page.write_text(
        "# Calibration\n\nSome text | with a pipe.\n\n"
        "| target | simulated | 95% CI | published | tolerance | result | notes |\n"
        "|---|---|---|---|---|---|---|\n"
        "| a share | 0.1 | [0, 1] | 0.1 | ±0.04 | PASS | 3 of 4 |\n"
        "| a \\| strange target | 0.5 | [0, 1] | 0.2 | ±0.06 | MISS (known) | x \\| y |\n"
        "| another | 0.5 | [0, 1] | 0.2 | ±0.06 | **FAIL** | |\n"
        "| a d | 0.5 | [0, 1] | 0.2 | ±0.06 | **MISS (known)** | |\n\n"
        "| other table | result |\n|---|---|\n| x | MISS (known) |\n")
    assert known_misses.from_docs(str(page)) == ["a | strange target", "a d"]
    assert known_misses.from_docs(str(tmp_path / "missing.md")) == []


def test_the_real_docs_table_is_found():
    rows = known_misses.table_rows()
    assert len(rows) >= 10   # docs/calibration.md's table: one row per target
    assert {result for _, result in rows} <= {"PASS", "FAIL", "MISS (known)"}
