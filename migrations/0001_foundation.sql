-- Regions, accounts, sessions and the audit trail. Instants are stored as RFC 3339 UTC text,
-- which sorts in time order on both backends; flags are integers 0/1.

CREATE TABLE regions (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  level INTEGER NOT NULL,
  parent_code TEXT REFERENCES regions (code)
);
CREATE INDEX regions_parent ON regions (parent_code, code);

CREATE TABLE users (
  id {{id}},
  username TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  region_code TEXT REFERENCES regions (code),
  enterprise_id BIGINT,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX users_region ON users (region_code, id);

-- A session is found by the SHA-256 of its token, so a stolen database holds no usable token.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  client_address TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Append-only; each entry holds the hash of the previous one. The ids come from audit_head,
-- whose single row every writer updates first, so that concurrent writers queue on its lock
-- and the chain never forks.
CREATE TABLE audit_log (
  id BIGINT PRIMARY KEY,
  at TEXT NOT NULL,
  actor_id BIGINT,
  actor_username TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_entity ON audit_log (entity, id);
CREATE INDEX audit_actor ON audit_log (actor_username, id);

CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY,
  last_id BIGINT NOT NULL,
  last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, last_id, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
