-- Juri schema v7: paper fallback. Two staff type the same paper score sheet (stage x judge x
-- proposal) independently; differences stay visible until reconciled, and only a reconciled
-- sheet's values enter the scores (history origin 'paper').

CREATE TABLE paper_sheet (
    id            TEXT PRIMARY KEY,
    stage_id      TEXT NOT NULL REFERENCES stage(id),
    judge_id      TEXT NOT NULL REFERENCES judge(id),
    proposal_id   TEXT NOT NULL REFERENCES proposal(id),
    created_at    TEXT NOT NULL,
    -- Set once the agreed values were written as the judge's scores; the sheet is frozen then.
    reconciled_at TEXT,
    reconciled_by TEXT,
    UNIQUE (stage_id, judge_id, proposal_id)
) STRICT;

-- One typing of a sheet (entry 1 or 2) by one staff member; re-typed until the sheet is reconciled.
CREATE TABLE paper_entry (
    sheet_id   TEXT NOT NULL REFERENCES paper_sheet(id),
    slot       INTEGER NOT NULL CHECK (slot IN (1, 2)),
    staff      TEXT NOT NULL,
    device     TEXT NOT NULL DEFAULT '',
    at         TEXT NOT NULL,
    PRIMARY KEY (sheet_id, slot)
) STRICT;

-- The values of an entry; a criterion left blank on the paper has no row.
CREATE TABLE paper_entry_value (
    sheet_id     TEXT NOT NULL,
    slot         INTEGER NOT NULL,
    criterion_id TEXT NOT NULL REFERENCES criterion(id),
    value        REAL NOT NULL,
    PRIMARY KEY (sheet_id, slot, criterion_id),
    FOREIGN KEY (sheet_id, slot) REFERENCES paper_entry(sheet_id, slot)
) STRICT;

-- A difference between the two entries settled by staff reading the paper: who, when, why.
CREATE TABLE paper_resolution (
    sheet_id     TEXT NOT NULL REFERENCES paper_sheet(id),
    criterion_id TEXT NOT NULL REFERENCES criterion(id),
    value        REAL NOT NULL,
    staff        TEXT NOT NULL,
    reason       TEXT NOT NULL DEFAULT '',
    at           TEXT NOT NULL,
    PRIMARY KEY (sheet_id, criterion_id)
) STRICT;

-- An agreed paper value that differs from a score already entered digitally for the same judge,
-- proposal and criterion: kept for an explicit decision, never overwritten silently.
CREATE TABLE paper_conflict (
    sheet_id      TEXT NOT NULL REFERENCES paper_sheet(id),
    criterion_id  TEXT NOT NULL REFERENCES criterion(id),
    score_id      TEXT NOT NULL REFERENCES score(id),
    digital_value REAL NOT NULL,
    paper_value   REAL NOT NULL,
    found_at      TEXT NOT NULL,
    resolved      TEXT CHECK (resolved IN ('paper', 'digital')),
    resolved_at   TEXT,
    resolved_by   TEXT,
    reason        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (sheet_id, criterion_id)
) STRICT;
