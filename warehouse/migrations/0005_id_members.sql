-- Version 5: the members of every id that stops naming an entity, so that a later split or withdrawn
-- merge redirects that id to where its members went (id_members).
CREATE TABLE IF NOT EXISTS id_members (
  kind VARCHAR,
  id VARCHAR,
  member VARCHAR,
  PRIMARY KEY (kind, id, member)
);
