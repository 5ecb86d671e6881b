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
CREATE INDEX score_judge ON score (judge_id);
CREATE INDEX score_criterion ON score (criterion_id);

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
