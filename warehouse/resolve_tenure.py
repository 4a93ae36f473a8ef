"""Positions as offices (a title in a canonical unit) and occupancies (tenures: a person in an office
from a start to an end), built by two set-based statements over the `position_offices` view and the
tenure_events of every document. Run after people and units are written.

Start: the date a text gives for the appointment, election or taking up of the office (tenure_events),
when no other document observes the office held before it; else the first observation.
End: a date a text gives for stepping down or retiring (a retirement with no office in its document
ends every office held before it); else the earlier of the next holder's start (for an office one
person holds at a time) and the person's stated start in another office of the same unit or of its
parent or child (Phó Giám đốc -> Giám đốc; Trưởng phòng -> Phó Giám đốc of the Sở); else the first document calling the office former ("nguyên"). A document reporting
the change does not count as a later sighting of the office, and an end that a later sighting
contradicts is not taken."""
from __future__ import annotations

import duckdb

from warehouse.unionfind import setting

_EVENT = """
SELECT po.person_id, po.office_id, te.event, te.cue, te.document_id, te.span_start, te.span_end,
       coalesce(CASE length(te.effective) WHEN 10 THEN try_cast(te.effective AS DATE)
                                          WHEN 7 THEN try_cast(te.effective || '-01' AS DATE)
                                          WHEN 4 THEN try_cast(te.effective || '-01-01' AS DATE) END,
                te.doc_date) AS on_date
FROM te JOIN po ON {join}"""

_TENURES = f"""
INSERT INTO tenures BY NAME
WITH po AS (SELECT * FROM position_offices WHERE person_id IS NOT NULL),
te AS (SELECT te.*, pl.person_id, v.published_on AS doc_date FROM tenure_events te
       JOIN person_links pl ON pl.mention_id = te.mention_id
       LEFT JOIN documents d ON d.document_id = te.document_id
       LEFT JOIN document_versions v ON v.document_id = d.document_id AND v.version = d.latest_version),
ev AS (
  -- the office printed after the cue
  {_EVENT.format(join="po.position_id = te.position_id")}
  UNION ALL
  -- a person-level cue (nghỉ hưu): the offices the document gives the person
  {_EVENT.format(join="te.position_id IS NULL AND po.mention_id = te.mention_id AND NOT po.former")}
  UNION ALL
  -- ... or, when it gives none held now, every office observed held before it
  {_EVENT.format(join="te.position_id IS NULL AND po.person_id = te.person_id AND NOT po.former "
                      "AND po.observed_on <= te.doc_date")}
  WHERE NOT EXISTS (SELECT 1 FROM po p2 WHERE p2.mention_id = te.mention_id AND NOT p2.former)),
-- documents that report a change of this office (it ends, or the person takes another): their
-- mention of the office is the state before the change, neither a start nor a later sighting
changing AS (SELECT DISTINCT person_id, office_id, document_id FROM ev WHERE event = 'end'
             UNION
             SELECT DISTINCT po.person_id, po.office_id, ev.document_id FROM ev JOIN po
               ON po.person_id = ev.person_id AND po.document_id = ev.document_id AND po.office_id <> ev.office_id
             WHERE ev.event = 'start'),
starting AS (SELECT DISTINCT person_id, office_id, document_id FROM ev WHERE event = 'start'),
held AS (
  SELECT po.person_id, po.office_id,
         min(po.observed_on) FILTER (WHERE NOT po.former AND c.document_id IS NULL) AS first_held,
         min(po.observed_on) FILTER (WHERE NOT po.former AND st.document_id IS NULL
                                     AND c.document_id IS NULL) AS first_held_elsewhere,
         max(po.observed_on) FILTER (WHERE NOT po.former AND c.document_id IS NULL) AS last_held,
         min(po.observed_on) FILTER (WHERE po.former) AS first_former,
         count(DISTINCT po.document_id) AS observation_count
  FROM po LEFT JOIN changing c ON c.person_id = po.person_id AND c.office_id = po.office_id
                               AND c.document_id = po.document_id
           LEFT JOIN starting st ON st.person_id = po.person_id AND st.office_id = po.office_id
                                AND st.document_id = po.document_id
  GROUP BY ALL),
stated AS (SELECT person_id, office_id, min(on_date) FILTER (WHERE event = 'start') AS start_text,
                  min(on_date) FILTER (WHERE event = 'end') AS end_text FROM ev GROUP BY ALL),
base AS (
  SELECT h.*, s.end_text,
         coalesce(s.start_text IS NOT NULL AND (h.first_held_elsewhere IS NULL
                                                OR s.start_text <= h.first_held_elsewhere), false) AS text_start,
         CASE WHEN text_start THEN s.start_text ELSE h.first_held END AS start_on
  FROM held h LEFT JOIN stated s USING (person_id, office_id)),
-- the next holder's start (offices one person holds at a time)
succ AS (
  SELECT a.person_id, a.office_id, min(b.start_on) AS next_start
  FROM base a JOIN offices o ON o.office_id = a.office_id AND o.single_holder
  JOIN base b ON b.office_id = a.office_id AND b.person_id <> a.person_id
             AND b.start_on > coalesce(a.last_held, a.start_on, DATE '0001-01-01')
  GROUP BY ALL),
-- the same person's stated start in another office of the same unit, or of its parent or child
-- (Phó Giám đốc -> Giám đốc of a Sở; Trưởng phòng of a Phòng -> Phó Giám đốc of its Sở)
moved AS (
  SELECT a.person_id, a.office_id, min(b.start_on) AS next_start
  FROM base a JOIN offices oa ON oa.office_id = a.office_id
  JOIN base b ON b.person_id = a.person_id AND b.office_id <> a.office_id AND b.text_start
             AND b.start_on > coalesce(a.last_held, a.start_on, DATE '0001-01-01')
  JOIN offices ob ON ob.office_id = b.office_id
  LEFT JOIN units ua ON ua.unit_id = oa.unit_id
  LEFT JOIN units ub ON ub.unit_id = ob.unit_id
  WHERE ob.unit_id = oa.unit_id OR ua.parent_unit_id = ob.unit_id OR ub.parent_unit_id = oa.unit_id
  GROUP BY ALL),
ended AS (
  SELECT b.*,
         CASE WHEN b.end_text >= coalesce(b.last_held, b.end_text) THEN 'text'
              WHEN s.next_start <= coalesce(m.next_start, s.next_start) THEN 'successor'
              WHEN m.next_start IS NOT NULL THEN 'moved'
              WHEN b.first_former >= coalesce(b.last_held, b.first_former) THEN 'former_mention' END AS end_basis,
         CASE end_basis WHEN 'text' THEN b.end_text WHEN 'successor' THEN s.next_start
                        WHEN 'moved' THEN m.next_start WHEN 'former_mention' THEN b.first_former END AS end_on
  FROM base b LEFT JOIN succ s USING (person_id, office_id) LEFT JOIN moved m USING (person_id, office_id)),
evidence AS (
  SELECT person_id, office_id,
         to_json(list({{'document_id': document_id, 'observed_on': observed_on, 'kind': kind,
                        'span_start': span_start, 'span_end': span_end}}
                      ORDER BY observed_on NULLS LAST, document_id, kind, span_start)) AS evidence
  FROM (SELECT person_id, office_id, document_id, observed_on,
               CASE WHEN former THEN 'former' ELSE 'held' END AS kind, span_start, span_end FROM po
        UNION
        SELECT person_id, office_id, document_id, on_date, event || ':' || cue, span_start, span_end FROM ev)
  GROUP BY ALL)
SELECT 'T-' || substr(sha256(concat_ws(chr(31), 'tenure', e.person_id, e.office_id)), 1, 12) AS tenure_id,
       e.person_id, e.office_id, e.start_on,
       CASE WHEN e.text_start THEN 'text' WHEN e.start_on IS NOT NULL THEN 'observed' END AS start_basis,
       e.end_on, e.end_basis,
       CASE WHEN e.end_on IS NOT NULL THEN 'former'
            WHEN coalesce(e.last_held, e.start_on) >= (SELECT max(published_on) FROM document_versions)
                 - INTERVAL (?) YEAR THEN 'current'
            ELSE 'unknown' END AS status,
       e.first_held AS first_observed_on, coalesce(e.last_held, e.first_held) AS last_observed_on,
       e.observation_count, v.evidence
FROM ended e JOIN evidence v USING (person_id, office_id)
"""


def _multi_holder_sql() -> tuple[str, list[str]]:
    """SQL condition on title_key (with its parameters) for titles several people hold at once."""
    prefixes, titles = list(setting("multi_holder_prefixes")), list(setting("multi_holder_titles"))
    cond = " OR ".join(["title_key = ? OR starts_with(title_key, ? || ' ')"] * len(prefixes)
                       + ["title_key = ?"] * len(titles)) or "false"
    return f"({cond})", [p for x in prefixes for p in (x, x)] + titles


def build_offices_and_tenures(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    multi, params = _multi_holder_sql()
    con.execute(f"""
        INSERT INTO offices BY NAME
        WITH po AS (SELECT * FROM position_offices WHERE person_id IS NOT NULL),
        forms AS (SELECT office_id, title, count(*) AS n FROM po GROUP BY ALL)
        SELECT po.office_id, first(f.title ORDER BY f.n DESC, f.title) AS title, any_value(po.title_key) AS title_key,
               any_value(po.unit_id) AS unit_id, NOT {multi.replace('title_key', 'any_value(po.title_key)')} AS single_holder,
               count(DISTINCT po.person_id) AS holder_count
        FROM po JOIN forms f USING (office_id) GROUP BY po.office_id""", params)
    con.execute(_TENURES, [int(setting("current_within_years"))])
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("offices", "tenures")}
