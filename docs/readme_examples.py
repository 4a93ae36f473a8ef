"""Rewrite the README's example-query section with the queries' real output on the sample archive.

    .venv/bin/vnarchive ingest samples/ --db data/archive.duckdb
    .venv/bin/python docs/readme_examples.py data/archive.duckdb

The queries live here; tests/test_readme_queries.py runs every ```sql block of the README."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- examples:start -->", "<!-- examples:end -->"

EXAMPLES = [
    ("Every office held by people seen in more than one document, by date",
     """SELECT person_name, title, unit_name, former, observed_on
FROM person_timeline
WHERE person_id IN (SELECT person_id FROM person_timeline
                    GROUP BY person_id HAVING count(DISTINCT document_id) > 1)
GROUP BY ALL
ORDER BY person_name, observed_on, title;"""),
    ("Cờ thi đua and Huân chương Lao động by year, the recipient resolved to a canonical unit",
     """SELECT year, award, award_class, grantor, recipient_name
FROM awards_by_year
WHERE award IN ('Cờ thi đua', 'Huân chương Lao động') AND year IS NOT NULL
ORDER BY year, award, award_class, recipient_name;"""),
    ("Which documents cite which: the most cited legal documents",
     """SELECT cited_type, cited_number, count(DISTINCT citing_document_id) AS citing_documents,
       min(citing_published_on) AS first_cited
FROM citations
GROUP BY ALL
ORDER BY citing_documents DESC, cited_number
LIMIT 6;"""),
    ("Units, their parents, and the forms the texts use for them",
     """SELECT t.parent_name, t.name, t.document_count,
       string_agg(DISTINCT a.alias, '; ' ORDER BY a.alias) AS printed_as
FROM unit_tree t JOIN unit_aliases a USING (unit_id)
WHERE t.parent_name IS NOT NULL
GROUP BY ALL
ORDER BY t.document_count DESC, t.parent_name, t.name
LIMIT 8;"""),
    ("Who held this office, when: the holders of an office over time, with how start and end were found",
     """SELECT holder_order, person_name, start_on, start_basis, end_on, end_basis, status
FROM office_holders
WHERE title = 'Cục trưởng' AND unit_name = 'Cục Quản lý đê điều và Phòng, chống thiên tai'
ORDER BY holder_order;"""),
    ("Emulation movements and when they were reported",
     """SELECT name, first_seen_on, last_seen_on, document_count
FROM movements
ORDER BY first_seen_on, name
LIMIT 8;"""),
    ("Provenance: the sentence behind a fact (here, every conferment of a Huân chương)",
     """SELECT a.award, a.award_class, a.recipient, d.source_name,
       substr(d.text, a.span_start + 1, a.span_end - a.span_start) AS as_printed
FROM awards a JOIN documents_latest d USING (document_id)
WHERE a.award LIKE 'Huân chương%'
ORDER BY d.published_on, a.span_start;"""),
]


def run(db: str, sql: str) -> str:
    res = subprocess.run([sys.executable, "-m", "flows.cli", "sql", "--db", db, sql],
                         capture_output=True, text=True, check=True, env={"COLUMNS": "130", "PATH": ""})
    return res.stdout.rstrip()


def main(db: str) -> None:
    parts = [START]
    for title, sql in EXAMPLES:
        parts += [f"**{title}**", "", "```sql", sql, "```", "", "```text", run(db, sql), "```", ""]
    parts.append(END)
    text = README.read_text(encoding="utf-8")
    block = "\n".join(parts)
    if START in text:
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    else:
        text = text.replace("__QUERIES__", block)
    README.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "data/archive.duckdb")
