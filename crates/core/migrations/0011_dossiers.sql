-- Proposal dossiers (FORMATS.md §9): the sections the innovator wrote, video links and evidence
-- files. The setup's dossier part (sections, limits, file types) is JSON on the competition, and a
-- criterion may name the section shown beside it on the score sheet.
ALTER TABLE competition ADD COLUMN dossier TEXT; -- NULL: the competition has no dossier setup
ALTER TABLE criterion ADD COLUMN section TEXT;

-- A file's bytes, once however many proposals carry it: known by their SHA-256, written and read
-- in pieces (incremental blob I/O), so a large file is never held whole in memory.
CREATE TABLE dossier_blob (
    n      INTEGER PRIMARY KEY,
    sha256 BLOB NOT NULL UNIQUE CHECK (length(sha256) = 32),
    bytes  INTEGER NOT NULL CHECK (bytes >= 0),
    data   BLOB NOT NULL
) STRICT;

CREATE TABLE dossier_text (
    proposal_id TEXT NOT NULL REFERENCES proposal(id),
    section     TEXT NOT NULL,
    text        TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (proposal_id, section)
) STRICT;

CREATE TABLE dossier_video (
    proposal_id TEXT NOT NULL REFERENCES proposal(id),
    position    INTEGER NOT NULL,
    url         TEXT NOT NULL,
    PRIMARY KEY (proposal_id, position)
) STRICT;

-- section '' : evidence of the whole proposal, not of one section.
CREATE TABLE dossier_file (
    id          TEXT PRIMARY KEY,
    proposal_id TEXT NOT NULL REFERENCES proposal(id),
    section     TEXT NOT NULL DEFAULT '',
    name        TEXT NOT NULL,
    blob_n      INTEGER NOT NULL REFERENCES dossier_blob(n),
    mime        TEXT NOT NULL,
    added_at    TEXT NOT NULL,
    UNIQUE (proposal_id, section, name)
) STRICT;
CREATE INDEX dossier_file_blob ON dossier_file(blob_n);

-- Dossier changes go into the proposal's history under an action of their own. SQLite cannot
-- widen a CHECK in place: the table is rebuilt and every line copied as it is (rowid included,
-- the history's order), with its index and its append-only guards.
DROP TRIGGER proposal_history_no_update;
DROP TRIGGER proposal_history_no_delete;
CREATE TABLE proposal_history_new (
    id          TEXT PRIMARY KEY,
    proposal_id TEXT NOT NULL REFERENCES proposal(id),
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('created', 'updated', 'status', 'removed', 'imported', 'dossier')),
    changes     TEXT NOT NULL DEFAULT '{}', -- JSON object: field -> [old, new]
    reason      TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO proposal_history_new (rowid, id, proposal_id, at, actor, action, changes, reason)
    SELECT rowid, id, proposal_id, at, actor, action, changes, reason FROM proposal_history;
DROP TABLE proposal_history;
ALTER TABLE proposal_history_new RENAME TO proposal_history;
CREATE INDEX proposal_history_proposal ON proposal_history (proposal_id, at);
CREATE TRIGGER proposal_history_no_update BEFORE UPDATE ON proposal_history
BEGIN SELECT RAISE(ABORT, 'proposal_history is append-only'); END;
CREATE TRIGGER proposal_history_no_delete BEFORE DELETE ON proposal_history
BEGIN SELECT RAISE(ABORT, 'proposal_history is append-only'); END;

-- A judge's private notes while reading, one per criterion of a proposal: kept on the laptop where
-- they were written, never in a score package (a judge who wants the organiser to read one turns
-- it into the sheet comment).
CREATE TABLE judge_note (
    judge_id     TEXT NOT NULL REFERENCES judge(id),
    proposal_id  TEXT NOT NULL REFERENCES proposal(id),
    criterion_id TEXT NOT NULL REFERENCES criterion(id),
    text         TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (judge_id, proposal_id, criterion_id)
) STRICT;
