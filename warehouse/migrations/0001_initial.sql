-- vnarchive archive schema, version 1 (first release). Frozen snapshot: never edit.
-- Later versions upgrade an archive created with it in place (warehouse/migrate.py).

CREATE TABLE schema_version (
  version INTEGER,
  applied_at TIMESTAMP,
  description VARCHAR
);

CREATE TABLE sources (
  name VARCHAR,
  state JSON,
  updated_at TIMESTAMP,
  PRIMARY KEY (name)
);

CREATE TABLE raw_objects (
  sha256 VARCHAR,
  size BIGINT,
  compression VARCHAR,
  stored_size BIGINT,
  data BLOB,
  PRIMARY KEY (sha256)
);

CREATE TABLE documents (
  document_id VARCHAR,
  doc_key VARCHAR,
  source_name VARCHAR,
  first_seen_at TIMESTAMP,
  latest_version VARCHAR,
  version_count INTEGER,
  PRIMARY KEY (document_id)
);

CREATE TABLE document_urls (
  url VARCHAR,
  document_id VARCHAR,
  via VARCHAR,
  first_seen_at TIMESTAMP,
  PRIMARY KEY (url)
);

CREATE TABLE document_versions (
  document_id VARCHAR,
  version VARCHAR,
  seq INTEGER,
  uri VARCHAR,
  canonical_url VARCHAR,
  source_name VARCHAR,
  content_type VARCHAR,
  http_status INTEGER,
  headers JSON,
  fetched_at VARCHAR,
  stored_at TIMESTAMP,
  run_id VARCHAR,
  format VARCHAR,
  title VARCHAR,
  kind VARCHAR,
  published VARCHAR,
  published_on DATE,
  doc_number VARCHAR,
  doc_number_key VARCHAR,
  doc_type VARCHAR,
  issuer VARCHAR,
  place VARCHAR,
  signer_name VARCHAR,
  signer_title VARCHAR,
  signer_authority VARCHAR,
  authors JSON,
  recipients JSON,
  abstract VARCHAR,
  text VARCHAR,
  text_length INTEGER,
  extractor_version VARCHAR
);

CREATE TABLE person_mentions (
  mention_id VARCHAR,
  document_id VARCHAR,
  ordinal INTEGER,
  name VARCHAR,
  name_key VARCHAR,
  span_start INTEGER,
  span_end INTEGER,
  spans JSON,
  extractor_version VARCHAR
);

CREATE TABLE positions (
  position_id VARCHAR,
  document_id VARCHAR,
  mention_id VARCHAR,
  title VARCHAR,
  title_key VARCHAR,
  unit_name VARCHAR,
  unit_key VARCHAR,
  former BOOLEAN,
  observed_on DATE,
  span_start INTEGER,
  span_end INTEGER,
  extractor_version VARCHAR
);

CREATE TABLE unit_mentions (
  mention_id VARCHAR,
  document_id VARCHAR,
  ordinal INTEGER,
  name VARCHAR,
  name_key VARCHAR,
  aliases JSON,
  parent_name VARCHAR,
  parent_key VARCHAR,
  kind VARCHAR,
  level VARCHAR,
  span_start INTEGER,
  span_end INTEGER,
  spans JSON,
  extractor_version VARCHAR
);

CREATE TABLE awards (
  award_id VARCHAR,
  document_id VARCHAR,
  ordinal INTEGER,
  award VARCHAR,
  award_class INTEGER,
  category VARCHAR,
  grantor VARCHAR,
  recipient VARCHAR,
  recipient_key VARCHAR,
  recipient_kind VARCHAR,
  year INTEGER,
  span_start INTEGER,
  span_end INTEGER,
  extractor_version VARCHAR
);

CREATE TABLE date_mentions (
  document_id VARCHAR,
  ordinal INTEGER,
  text VARCHAR,
  value VARCHAR,
  kind VARCHAR,
  implausible BOOLEAN,
  span_start INTEGER,
  span_end INTEGER,
  extractor_version VARCHAR
);

CREATE TABLE legal_refs (
  document_id VARCHAR,
  ordinal INTEGER,
  number VARCHAR,
  number_key VARCHAR,
  doc_type VARCHAR,
  issuer_code VARCHAR,
  ref_date VARCHAR,
  text VARCHAR,
  span_start INTEGER,
  span_end INTEGER,
  extractor_version VARCHAR
);

CREATE TABLE movement_mentions (
  document_id VARCHAR,
  ordinal INTEGER,
  name VARCHAR,
  name_key VARCHAR,
  span_start INTEGER,
  span_end INTEGER,
  extractor_version VARCHAR
);

CREATE TABLE units (
  unit_id VARCHAR,
  name VARCHAR,
  name_key VARCHAR,
  parent_unit_id VARCHAR,
  kind VARCHAR,
  level VARCHAR,
  mention_count INTEGER,
  document_count INTEGER,
  PRIMARY KEY (unit_id)
);

CREATE TABLE unit_aliases (
  alias_key VARCHAR,
  alias VARCHAR,
  unit_id VARCHAR,
  rule VARCHAR,
  confidence DOUBLE,
  PRIMARY KEY (alias_key)
);

CREATE TABLE people (
  person_id VARCHAR,
  name VARCHAR,
  name_key VARCHAR,
  mention_count INTEGER,
  document_count INTEGER,
  PRIMARY KEY (person_id)
);

CREATE TABLE person_links (
  mention_id VARCHAR,
  person_id VARCHAR,
  rule VARCHAR,
  confidence DOUBLE,
  PRIMARY KEY (mention_id)
);

CREATE TABLE merges (
  kind VARCHAR,
  rule VARCHAR,
  confidence DOUBLE,
  left_mention VARCHAR,
  right_mention VARCHAR,
  canonical_id VARCHAR,
  source VARCHAR
);

CREATE TABLE runs (
  run_id VARCHAR,
  kind VARCHAR,
  params JSON,
  flow_run_id VARCHAR,
  started_at TIMESTAMP,
  finished_at TIMESTAMP,
  status VARCHAR,
  counts JSON,
  errors JSON,
  PRIMARY KEY (run_id)
);

CREATE TABLE quarantine (
  quarantine_id VARCHAR,
  doc_key VARCHAR,
  uri VARCHAR,
  source_name VARCHAR,
  sha256 VARCHAR,
  stage VARCHAR,
  reason VARCHAR,
  message VARCHAR,
  content_type VARCHAR,
  http_status INTEGER,
  headers JSON,
  fetched_at VARCHAR,
  run_id VARCHAR,
  quarantined_at TIMESTAMP,
  PRIMARY KEY (quarantine_id)
);

CREATE TABLE web_state (
  url VARCHAR,
  final_url VARCHAR,
  status INTEGER,
  etag VARCHAR,
  last_modified VARCHAR,
  sha256 VARCHAR,
  fetched_at VARCHAR,
  source_name VARCHAR,
  not_modified BOOLEAN,
  error VARCHAR,
  PRIMARY KEY (url)
);

CREATE TABLE fetch_log (
  url VARCHAR,
  final_url VARCHAR,
  status INTEGER,
  etag VARCHAR,
  last_modified VARCHAR,
  sha256 VARCHAR,
  fetched_at VARCHAR,
  source_name VARCHAR,
  not_modified BOOLEAN,
  error VARCHAR
);

INSERT INTO schema_version VALUES (1, TIMESTAMP '2026-11-01 00:00:00', 'initial');
