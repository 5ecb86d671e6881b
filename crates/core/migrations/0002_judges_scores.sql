-- Juri schema v2: judges with conflicts of interest, scores and their append-only history.

CREATE TABLE judge (
    id             TEXT PRIMARY KEY,
    competition_id TEXT NOT NULL REFERENCES competition(id),
    code           TEXT NOT NULL,
    name           TEXT NOT NULL,
    institution    TEXT NOT NULL DEFAULT '',
    unsur          TEXT NOT NULL DEFAULT '',
    nip            TEXT NOT NULL DEFAULT '',
    -- JSON array of unit names and/or proposal codes this judge must not score.
    conflicts      TEXT NOT NULL DEFAULT '[]',
    -- JSON array of category codes this judge scores; empty = every category (the default panel).
    categories     TEXT NOT NULL DEFAULT '[]',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT
) STRICT;
CREATE UNIQUE INDEX judge_code_live ON judge (competition_id, code) WHERE deleted_at IS NULL;

-- The current value of each judge x proposal x criterion; every change also lands in score_history.
CREATE TABLE score (
    id           TEXT PRIMARY KEY,
    proposal_id  TEXT NOT NULL REFERENCES proposal(id),
    judge_id     TEXT NOT NULL REFERENCES judge(id),
    criterion_id TEXT NOT NULL REFERENCES criterion(id),
    value        REAL NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (proposal_id, judge_id, criterion_id)
) STRICT;
-- No other index on score: every read goes by proposal (the UNIQUE index above serves it), and each
-- secondary index costs every score write. Foreign-key checks when a criterion is deleted (setup
-- edits) scan that UNIQUE index instead: about 60 ms per deleted criterion at 324,000 scores.

CREATE TABLE score_history (
    id           TEXT PRIMARY KEY,
    score_id     TEXT NOT NULL REFERENCES score(id),
    old_value    REAL,
    new_value    REAL,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    device       TEXT NOT NULL DEFAULT '',
    origin       TEXT NOT NULL CHECK (origin IN ('form', 'import', 'package', 'paper')),
    reason       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX score_history_score ON score_history (score_id, at);

CREATE TRIGGER score_history_no_update BEFORE UPDATE ON score_history
BEGIN SELECT RAISE(ABORT, 'score_history is append-only'); END;
CREATE TRIGGER score_history_no_delete BEFORE DELETE ON score_history
BEGIN SELECT RAISE(ABORT, 'score_history is append-only'); END;

-- A judge marks their sheet of a stage final; the organiser locks a stage. Lock changes are kept.
CREATE TABLE judge_stage_final (
    judge_id  TEXT NOT NULL REFERENCES judge(id),
    stage_id  TEXT NOT NULL REFERENCES stage(id),
    at        TEXT NOT NULL,
    PRIMARY KEY (judge_id, stage_id)
) STRICT;

CREATE TABLE stage_lock_event (
    id        TEXT PRIMARY KEY,
    stage_id  TEXT NOT NULL REFERENCES stage(id),
    locked    INTEGER NOT NULL CHECK (locked IN (0, 1)),
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    reason    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX stage_lock_event_stage ON stage_lock_event (stage_id, at);
CREATE TRIGGER stage_lock_event_no_update BEFORE UPDATE ON stage_lock_event
BEGIN SELECT RAISE(ABORT, 'stage_lock_event is append-only'); END;
CREATE TRIGGER stage_lock_event_no_delete BEFORE DELETE ON stage_lock_event
BEGIN SELECT RAISE(ABORT, 'stage_lock_event is append-only'); END;

-- Venue presentation order per stage and category, set by hand or drawn at random (recorded).
CREATE TABLE presentation_order (
    stage_id    TEXT NOT NULL REFERENCES stage(id),
    proposal_id TEXT NOT NULL REFERENCES proposal(id),
    position    INTEGER NOT NULL,
    method      TEXT NOT NULL CHECK (method IN ('manual', 'draw')),
    seed        TEXT NOT NULL DEFAULT '',
    at          TEXT NOT NULL,
    PRIMARY KEY (stage_id, proposal_id)
) STRICT;
