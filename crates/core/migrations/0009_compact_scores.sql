-- Juri schema v9: compact score storage. A score, its history lines and the package events seen
-- were each keyed by 36-character UUID text in two or three B-trees (about 650 bytes per score);
-- a full jury (324,000 scores) wrote some 300 MB per merge. Scores and history lines are now
-- keyed by small local numbers, UUIDs are 16-byte blobs, and what a whole batch shares (who,
-- when, from which device, why) is written once per batch instead of once per line.

-- Small numbers for proposals, judges and criteria, local to this file: files and the UI carry
-- UUIDs and codes, never these. A new row gets the next number from a trigger, so every insert
-- elsewhere stays as it was; a number is never reused (VACUUM keeps stored columns).
ALTER TABLE proposal ADD COLUMN n INTEGER;
UPDATE proposal SET n = rowid;
CREATE UNIQUE INDEX proposal_n ON proposal (n);
CREATE TRIGGER proposal_number AFTER INSERT ON proposal WHEN NEW.n IS NULL
BEGIN UPDATE proposal SET n = (SELECT IFNULL(MAX(n), 0) + 1 FROM proposal) WHERE rowid = NEW.rowid; END;

ALTER TABLE judge ADD COLUMN n INTEGER;
UPDATE judge SET n = rowid;
CREATE UNIQUE INDEX judge_n ON judge (n);
CREATE TRIGGER judge_number AFTER INSERT ON judge WHEN NEW.n IS NULL
BEGIN UPDATE judge SET n = (SELECT IFNULL(MAX(n), 0) + 1 FROM judge) WHERE rowid = NEW.rowid; END;

ALTER TABLE criterion ADD COLUMN n INTEGER;
UPDATE criterion SET n = rowid;
CREATE UNIQUE INDEX criterion_n ON criterion (n);
CREATE TRIGGER criterion_number AFTER INSERT ON criterion WHEN NEW.n IS NULL
BEGIN UPDATE criterion SET n = (SELECT IFNULL(MAX(n), 0) + 1 FROM criterion) WHERE rowid = NEW.rowid; END;

-- One row per batch of score changes (a save, an import, a package of a merge, a paper sheet, a
-- decision): who, when, from which device, why. Its history lines are numbered (id << 32) + i, so
-- line numbers grow with time and a line names its batch.
CREATE TABLE score_change (
    id     INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,
    actor  TEXT NOT NULL,
    device TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL CHECK (origin IN ('form', 'import', 'package', 'paper')),
    reason TEXT NOT NULL DEFAULT ''
) STRICT;

-- The current value of each judge x proposal x criterion, keyed by it (one B-tree). The three
-- numbers carry no declared foreign key: checking one costs three index look-ups per score written
-- (a full jury writes 324,000), and scores are written only with numbers looked up in the same
-- transaction. What the foreign key would still guard, removing or renumbering a scored proposal,
-- judge or criterion, the triggers at the end refuse.
CREATE TABLE score_v9 (
    proposal_n   INTEGER NOT NULL,
    judge_n      INTEGER NOT NULL,
    criterion_n  INTEGER NOT NULL,
    value        REAL NOT NULL,
    updated_at   TEXT NOT NULL,
    -- The package event (UUID, 16 bytes) that set the value; NULL when entered here.
    source_event BLOB,
    PRIMARY KEY (proposal_n, judge_n, criterion_n)
) STRICT, WITHOUT ROWID;

-- Every change of a score, the first entry included, keyed by the score and the line number
-- (one B-tree; the batch is line >> 32). `event` is the change's UUID v7 (a judge's laptop sends it in its packages; on
-- the master a package's lines keep the judge's event id). `at`, `actor` and `device` are NULL
-- when they are the batch's. Written only together with the score, in the same transaction.
CREATE TABLE score_history_v9 (
    proposal_n  INTEGER NOT NULL,
    judge_n     INTEGER NOT NULL,
    criterion_n INTEGER NOT NULL,
    line        INTEGER NOT NULL,
    event       BLOB NOT NULL,
    old_value   REAL,
    new_value   REAL,
    at          TEXT,
    actor       TEXT,
    device      TEXT,
    PRIMARY KEY (proposal_n, judge_n, criterion_n, line)
) STRICT, WITHOUT ROWID;

-- Package events seen by this database (16-byte UUID) that left no history line, so merging twice
-- changes nothing: 1 unchanged (the master already held the value), 2 conflict (kept in
-- merge_conflict). An applied event is known by the history line carrying its id; 0 (applied)
-- marks only events moved here from before this version.
CREATE TABLE sync_event_v9 (
    id       BLOB PRIMARY KEY,
    judge_n  INTEGER NOT NULL REFERENCES judge(n),
    outcome  INTEGER NOT NULL CHECK (outcome IN (0, 1, 2)),
    change   INTEGER NOT NULL REFERENCES score_change(id)
) STRICT, WITHOUT ROWID;

CREATE TABLE merge_conflict_v9 (
    event_id      BLOB PRIMARY KEY REFERENCES sync_event_v9(id),
    proposal_n    INTEGER NOT NULL,
    judge_n       INTEGER NOT NULL,
    criterion_n   INTEGER NOT NULL,
    master_value  REAL NOT NULL,
    package_value REAL NOT NULL,
    event_at      TEXT NOT NULL,
    resolved      TEXT CHECK (resolved IN ('package', 'master')),
    resolved_at   TEXT,
    resolved_by   TEXT,
    FOREIGN KEY (proposal_n, judge_n, criterion_n) REFERENCES score_v9 (proposal_n, judge_n, criterion_n)
) STRICT;

-- The sheet and criterion name the score; the copy of its id is gone with the id.
CREATE TABLE paper_conflict_v9 (
    sheet_id      TEXT NOT NULL REFERENCES paper_sheet(id),
    criterion_id  TEXT NOT NULL REFERENCES criterion(id),
    digital_value REAL NOT NULL,
    paper_value   REAL NOT NULL,
    found_at      TEXT NOT NULL,
    resolved      TEXT CHECK (resolved IN ('paper', 'digital')),
    resolved_at   TEXT,
    resolved_by   TEXT,
    reason        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (sheet_id, criterion_id)
) STRICT;

-- The data, moved. Each old history line becomes a batch of its own, in the order written.
INSERT INTO score_v9 (proposal_n, judge_n, criterion_n, value, updated_at, source_event)
SELECT p.n, j.n, c.n, s.value, s.updated_at, unhex(replace(s.source_event, '-', ''))
FROM score s JOIN proposal p ON p.id = s.proposal_id JOIN judge j ON j.id = s.judge_id
JOIN criterion c ON c.id = s.criterion_id;

INSERT INTO score_change (id, at, actor, device, origin, reason)
SELECT rowid, at, actor, device, origin, reason FROM score_history;

INSERT INTO score_history_v9 (proposal_n, judge_n, criterion_n, line, event, old_value, new_value)
SELECT p.n, j.n, c.n, h.rowid << 32, unhex(replace(h.id, '-', '')), h.old_value, h.new_value
FROM score_history h JOIN score s ON s.id = h.score_id JOIN proposal p ON p.id = s.proposal_id
JOIN judge j ON j.id = s.judge_id JOIN criterion c ON c.id = s.criterion_id;

-- Events seen by earlier merges: one batch per merge time.
INSERT INTO score_change (at, actor, device, origin, reason)
SELECT DISTINCT merged_at, '', '', 'package', 'merge' FROM sync_event;

INSERT INTO sync_event_v9 (id, judge_n, outcome, change)
SELECT unhex(replace(e.id, '-', '')), j.n,
       CASE e.outcome WHEN 'conflict' THEN 2 WHEN 'applied' THEN 0 ELSE 1 END,
       (SELECT max(ch.id) FROM score_change ch WHERE ch.at = e.merged_at AND ch.reason = 'merge')
FROM sync_event e JOIN judge j ON j.id = e.judge_id;

INSERT INTO merge_conflict_v9 (event_id, proposal_n, judge_n, criterion_n, master_value, package_value,
                               event_at, resolved, resolved_at, resolved_by)
SELECT unhex(replace(m.event_id, '-', '')), p.n, j.n, c.n, m.master_value, m.package_value, m.event_at,
       m.resolved, m.resolved_at, m.resolved_by
FROM merge_conflict m JOIN score s ON s.id = m.score_id JOIN proposal p ON p.id = s.proposal_id
JOIN judge j ON j.id = s.judge_id JOIN criterion c ON c.id = s.criterion_id;

INSERT INTO paper_conflict_v9 (sheet_id, criterion_id, digital_value, paper_value, found_at, resolved,
                               resolved_at, resolved_by, reason)
SELECT sheet_id, criterion_id, digital_value, paper_value, found_at, resolved, resolved_at, resolved_by, reason
FROM paper_conflict;

-- Children first (foreign keys are on during migrations); DROP does not fire the append-only triggers.
DROP TABLE paper_conflict;
DROP TABLE merge_conflict;
DROP TABLE sync_event;
DROP TABLE score_history;
DROP TABLE score;

ALTER TABLE score_v9 RENAME TO score;
ALTER TABLE score_history_v9 RENAME TO score_history;
ALTER TABLE sync_event_v9 RENAME TO sync_event;
ALTER TABLE merge_conflict_v9 RENAME TO merge_conflict;
ALTER TABLE paper_conflict_v9 RENAME TO paper_conflict;

CREATE TRIGGER score_history_no_update BEFORE UPDATE ON score_history
BEGIN SELECT RAISE(ABORT, 'score_history is append-only'); END;
CREATE TRIGGER score_history_no_delete BEFORE DELETE ON score_history
BEGIN SELECT RAISE(ABORT, 'score_history is append-only'); END;
CREATE TRIGGER score_change_no_update BEFORE UPDATE ON score_change
BEGIN SELECT RAISE(ABORT, 'score_change is append-only'); END;
CREATE TRIGGER score_change_no_delete BEFORE DELETE ON score_change
BEGIN SELECT RAISE(ABORT, 'score_change is append-only'); END;

CREATE TRIGGER proposal_scored BEFORE DELETE ON proposal
WHEN EXISTS (SELECT 1 FROM score WHERE proposal_n = OLD.n)
BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: the proposal has scores'); END;
CREATE TRIGGER judge_scored BEFORE DELETE ON judge
WHEN EXISTS (SELECT 1 FROM score WHERE judge_n = OLD.n)
BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: the judge has scores'); END;
CREATE TRIGGER criterion_scored BEFORE DELETE ON criterion
WHEN EXISTS (SELECT 1 FROM score WHERE criterion_n = OLD.n)
BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: the criterion has scores'); END;
CREATE TRIGGER proposal_n_kept BEFORE UPDATE OF n ON proposal WHEN OLD.n IS NOT NULL AND NEW.n IS NOT OLD.n
BEGIN SELECT RAISE(ABORT, 'proposal numbers do not change'); END;
CREATE TRIGGER judge_n_kept BEFORE UPDATE OF n ON judge WHEN OLD.n IS NOT NULL AND NEW.n IS NOT OLD.n
BEGIN SELECT RAISE(ABORT, 'judge numbers do not change'); END;
CREATE TRIGGER criterion_n_kept BEFORE UPDATE OF n ON criterion WHEN OLD.n IS NOT NULL AND NEW.n IS NOT OLD.n
BEGIN SELECT RAISE(ABORT, 'criterion numbers do not change'); END;
