-- Version 3: every fact row names the extraction rule that produced it (additive).
ALTER TABLE person_mentions ADD COLUMN rule VARCHAR;
ALTER TABLE positions ADD COLUMN rule VARCHAR;
ALTER TABLE unit_mentions ADD COLUMN rule VARCHAR;
ALTER TABLE awards ADD COLUMN rule VARCHAR;
ALTER TABLE date_mentions ADD COLUMN rule VARCHAR;
ALTER TABLE legal_refs ADD COLUMN rule VARCHAR;
ALTER TABLE movement_mentions ADD COLUMN rule VARCHAR;
