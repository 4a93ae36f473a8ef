-- Version 2: award taxonomy type, quarantine resolution, fetch counts, full-text search tables,
-- units resolved per document.
ALTER TABLE awards ADD COLUMN award_type VARCHAR;
ALTER TABLE quarantine ADD COLUMN resolved_at TIMESTAMP;
ALTER TABLE web_state ADD COLUMN fetch_count INTEGER DEFAULT 1;
CREATE TABLE IF NOT EXISTS search_docs (
  document_id VARCHAR,
  title_folded VARCHAR,
  body_folded VARCHAR,
  PRIMARY KEY (document_id)
);
CREATE TABLE IF NOT EXISTS archive_meta (
  key VARCHAR,
  value VARCHAR,
  PRIMARY KEY (key)
);
CREATE TABLE IF NOT EXISTS unit_resolution (
  document_id VARCHAR,
  name_key VARCHAR,
  unit_id VARCHAR,
  rule VARCHAR,
  PRIMARY KEY (document_id, name_key)
);
