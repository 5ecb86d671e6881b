-- Juri schema v4: offline judging on many laptops. Judge kits carry a per-judge key; judges'
-- score packages are merged into the master idempotently, with conflicts kept for the organiser.

-- The event (from a judge's package) that set a score's current value; NULL when entered here.
ALTER TABLE score ADD COLUMN source_event TEXT;

CREATE TABLE judge_key (
    judge_id   TEXT PRIMARY KEY REFERENCES judge(id),
    key_hex    TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

-- Every package event ever seen by this database, so merging the same package twice changes nothing.
CREATE TABLE sync_event (
    id          TEXT PRIMARY KEY,            -- the event's UUID v7 from the judge's laptop
    judge_id    TEXT NOT NULL REFERENCES judge(id),
    outcome     TEXT NOT NULL CHECK (outcome IN ('applied', 'unchanged', 'superseded', 'conflict')),
    merged_at   TEXT NOT NULL
) STRICT;

-- Package values that differ from a value entered on this laptop (e.g. from a paper sheet).
CREATE TABLE merge_conflict (
    event_id     TEXT PRIMARY KEY REFERENCES sync_event(id),
    score_id     TEXT NOT NULL REFERENCES score(id),
    master_value REAL NOT NULL,
    package_value REAL NOT NULL,
    event_at     TEXT NOT NULL,
    resolved     TEXT CHECK (resolved IN ('package', 'master')),
    resolved_at  TEXT,
    resolved_by  TEXT
) STRICT;
