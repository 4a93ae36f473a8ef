-- Version 4: identities researchers can cite (issue 14). Judgement log and id history (append-only),
-- positions as offices and their occupancies (tenures), unit successor links, review candidates, and the
-- tenure and unit-change facts of each document (filled for documents stored before version 4 by
-- `vnarchive reprocess`). People gain their founding document and first/last dates.
ALTER TABLE people ADD COLUMN founding_document_id VARCHAR;
ALTER TABLE people ADD COLUMN first_seen_on DATE;
ALTER TABLE people ADD COLUMN last_seen_on DATE;
ALTER TABLE units ADD COLUMN province VARCHAR;
ALTER TABLE units ADD COLUMN generic BOOLEAN;
CREATE TABLE IF NOT EXISTS tenure_events (
  document_id VARCHAR,
  ordinal INTEGER,
  mention_id VARCHAR,
  position_id VARCHAR,
  event VARCHAR,
  cue VARCHAR,
  effective VARCHAR,
  date_basis VARCHAR,
  span_start INTEGER,
  span_end INTEGER,
  extractor_version VARCHAR,
  rule VARCHAR
);
CREATE TABLE IF NOT EXISTS unit_change_mentions (
  document_id VARCHAR,
  ordinal INTEGER,
  change VARCHAR,
  predecessors JSON,
  predecessor_keys JSON,
  successor VARCHAR,
  successor_key VARCHAR,
  effective VARCHAR,
  span_start INTEGER,
  span_end INTEGER,
  extractor_version VARCHAR,
  rule VARCHAR
);
CREATE TABLE IF NOT EXISTS offices (
  office_id VARCHAR,
  title VARCHAR,
  title_key VARCHAR,
  unit_id VARCHAR,
  single_holder BOOLEAN,
  holder_count INTEGER,
  PRIMARY KEY (office_id)
);
CREATE TABLE IF NOT EXISTS tenures (
  tenure_id VARCHAR,
  person_id VARCHAR,
  office_id VARCHAR,
  start_on DATE,
  start_basis VARCHAR,
  end_on DATE,
  end_basis VARCHAR,
  status VARCHAR,
  first_observed_on DATE,
  last_observed_on DATE,
  observation_count INTEGER,
  evidence JSON,
  PRIMARY KEY (tenure_id)
);
CREATE TABLE IF NOT EXISTS unit_successions (
  predecessor_unit_id VARCHAR,
  successor_unit_id VARCHAR,
  change VARCHAR,
  effective_on DATE,
  basis VARCHAR,
  document_id VARCHAR,
  span_start INTEGER,
  span_end INTEGER
);
CREATE TABLE IF NOT EXISTS person_candidates (
  left_person_id VARCHAR,
  right_person_id VARCHAR,
  name VARCHAR,
  score DOUBLE,
  evidence_for JSON,
  evidence_against JSON,
  status VARCHAR,
  PRIMARY KEY (left_person_id, right_person_id)
);
CREATE TABLE IF NOT EXISTS judgements (
  judgement_id VARCHAR,
  kind VARCHAR,
  left_id VARCHAR,
  right_id VARCHAR,
  judgement VARCHAR,
  who VARCHAR,
  decided_at TIMESTAMP,
  note VARCHAR,
  origin VARCHAR,
  left_members JSON,
  right_members JSON,
  PRIMARY KEY (judgement_id)
);
CREATE TABLE IF NOT EXISTS id_redirects (
  kind VARCHAR,
  old_id VARCHAR,
  new_id VARCHAR,
  change VARCHAR,
  reason VARCHAR,
  changed_at TIMESTAMP
);
