-- Juri schema v1: competitions with their setup, proposals with screening and history.
-- Released migrations are never edited: add a new numbered file instead.

PRAGMA application_id = 1247105609; -- 'JURI' as a 32-bit integer: tells a Juri database from any SQLite file

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE competition (
    id                     TEXT PRIMARY KEY,
    name                   TEXT NOT NULL,
    year                   INTEGER NOT NULL,
    organiser              TEXT NOT NULL DEFAULT '',
    place                  TEXT NOT NULL DEFAULT '',
    normalisation          TEXT NOT NULL CHECK (normalisation IN ('none', 'zscore')),
    disagreement_threshold REAL NOT NULL,
    tie_break              TEXT NOT NULL DEFAULT '[]', -- JSON array of "stage:CODE" / "criterion:STAGE/CODE"
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL,
    deleted_at             TEXT
) STRICT;

CREATE TABLE category (
    id             TEXT PRIMARY KEY,
    competition_id TEXT NOT NULL REFERENCES competition(id),
    position       INTEGER NOT NULL,
    code           TEXT NOT NULL,
    name           TEXT NOT NULL,
    quota          INTEGER NOT NULL DEFAULT 0,
    UNIQUE (competition_id, code)
) STRICT;

CREATE TABLE stage (
    id                     TEXT PRIMARY KEY,
    competition_id         TEXT NOT NULL REFERENCES competition(id),
    position               INTEGER NOT NULL,
    code                   TEXT NOT NULL,
    name                   TEXT NOT NULL,
    kind                   TEXT NOT NULL CHECK (kind IN ('desk', 'venue')),
    weight                 REAL NOT NULL,
    passing_grade          REAL,
    finalists_per_category INTEGER,
    UNIQUE (competition_id, code)
) STRICT;

CREATE TABLE criterion (
    id          TEXT PRIMARY KEY,
    stage_id    TEXT NOT NULL REFERENCES stage(id),
    position    INTEGER NOT NULL,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    weight      REAL NOT NULL,
    min         REAL NOT NULL,
    max         REAL NOT NULL,
    UNIQUE (stage_id, code)
) STRICT;

CREATE TABLE proposal (
    id             TEXT PRIMARY KEY,
    competition_id TEXT NOT NULL REFERENCES competition(id),
    code           TEXT NOT NULL,
    title          TEXT NOT NULL,
    category_id    TEXT NOT NULL REFERENCES category(id),
    unit           TEXT NOT NULL,
    unit_type      TEXT NOT NULL DEFAULT '',
    innovator      TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    email          TEXT NOT NULL DEFAULT '',
    summary        TEXT NOT NULL DEFAULT '',
    start_year     INTEGER,
    status         TEXT NOT NULL DEFAULT 'terdaftar'
                   CHECK (status IN ('terdaftar', 'lolos_administrasi', 'tidak_lolos_administrasi',
                                     'mengundurkan_diri', 'didiskualifikasi')),
    status_reason  TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT,
    deleted_reason TEXT NOT NULL DEFAULT ''
) STRICT;

-- A removed proposal keeps its row (deleted_at), so its code may be reused only by a live one.
CREATE UNIQUE INDEX proposal_code_live ON proposal (competition_id, code) WHERE deleted_at IS NULL;
CREATE INDEX proposal_category ON proposal (category_id);

-- Append-only: every change of a proposal (creation, edits, screening, removal) with who, when and why.
CREATE TABLE proposal_history (
    id          TEXT PRIMARY KEY,
    proposal_id TEXT NOT NULL REFERENCES proposal(id),
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('created', 'updated', 'status', 'removed', 'imported')),
    changes     TEXT NOT NULL DEFAULT '{}', -- JSON object: field -> [old, new]
    reason      TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX proposal_history_proposal ON proposal_history (proposal_id, at);

CREATE TRIGGER proposal_history_no_update BEFORE UPDATE ON proposal_history
BEGIN SELECT RAISE(ABORT, 'proposal_history is append-only'); END;
CREATE TRIGGER proposal_history_no_delete BEFORE DELETE ON proposal_history
BEGIN SELECT RAISE(ABORT, 'proposal_history is append-only'); END;
