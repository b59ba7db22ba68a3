# The DuckDB anchor of `npm run bench` (SPEC §5): GROUP BY over read_csv of a long-ballot
# file, the counts written as CSV to stdout (the benchmark sends stdout to /dev/null).
#   python duckdb-count.py FILE CADRE_COLUMN GRADE_COLUMN
import sys

import duckdb

path, cadre, grade = sys.argv[1:4]


def ident(s):
    return '"' + s.replace('"', '""') + '"'


def literal(s):
    return "'" + s.replace("'", "''") + "'"


duckdb.sql(
    f"COPY (SELECT {ident(cadre)}, {ident(grade)}, count(*) AS count "
    f"FROM read_csv({literal(path)}, header = true, all_varchar = true) GROUP BY ALL) "
    "TO '/dev/stdout' (HEADER, DELIMITER ',')"
)
