-- Juri schema v8: monitoring and evaluation of innovations across years (DOMAIN.md §5): the unit
-- list (One Agency One Innovation), the innovation registry with its competition entries and
-- forwarding, indicators with quarterly targets, quarterly reports with evidence, evaluations.

-- Agencies and units that should each have an innovation. Filled by hand, by imports and by promotion.
CREATE TABLE org_unit (
    id         TEXT PRIMARY KEY,
    code       TEXT NOT NULL DEFAULT '',          -- e.g. U01; may be empty
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL,                     -- lower case, trimmed, inner spaces collapsed
    unit_type  TEXT NOT NULL DEFAULT '' CHECK (unit_type IN ('', 'OPD', 'Pemdes', 'BUMD', 'Lainnya')),
    created_at TEXT NOT NULL,
    deleted_at TEXT
) STRICT;
CREATE UNIQUE INDEX org_unit_name_live ON org_unit (name_key) WHERE deleted_at IS NULL;

CREATE TABLE innovation (
    id             TEXT PRIMARY KEY,
    code           TEXT NOT NULL,                 -- INV-001, ...
    title          TEXT NOT NULL,
    unit_id        TEXT NOT NULL REFERENCES org_unit(id),
    start_year     INTEGER,
    description    TEXT NOT NULL DEFAULT '',
    stage          TEXT NOT NULL DEFAULT 'gagasan'
                   CHECK (stage IN ('gagasan', 'uji_coba', 'penerapan', 'replikasi')),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT,
    deleted_reason TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE UNIQUE INDEX innovation_code_live ON innovation (code) WHERE deleted_at IS NULL;
CREATE INDEX innovation_unit ON innovation (unit_id);

-- Append-only: every change of an innovation, its indicators, reports and evaluations.
CREATE TABLE innovation_history (
    id            TEXT PRIMARY KEY,
    innovation_id TEXT NOT NULL REFERENCES innovation(id),
    at            TEXT NOT NULL,
    actor         TEXT NOT NULL,
    action        TEXT NOT NULL,                  -- created, updated, removed, restored, imported, promoted, ...
    changes       TEXT NOT NULL DEFAULT '{}',     -- JSON object: field -> [old, new]
    reason        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX innovation_history_innovation ON innovation_history (innovation_id, at);
CREATE TRIGGER innovation_history_no_update BEFORE UPDATE ON innovation_history
BEGIN SELECT RAISE(ABORT, 'innovation_history is append-only'); END;
CREATE TRIGGER innovation_history_no_delete BEFORE DELETE ON innovation_history
BEGIN SELECT RAISE(ABORT, 'innovation_history is append-only'); END;

-- The competition entries an innovation came from, with the result taken from the recap.
CREATE TABLE innovation_entry (
    id            TEXT PRIMARY KEY,
    innovation_id TEXT NOT NULL REFERENCES innovation(id),
    proposal_id   TEXT NOT NULL UNIQUE REFERENCES proposal(id),
    rank          INTEGER,
    result        TEXT NOT NULL DEFAULT '',       -- recap status: ranked, not_finalist, excluded, ...
    created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX innovation_entry_innovation ON innovation_entry (innovation_id);

-- Forwarding to the next level: province, SINOVIK, KIPP Top 99 (or another national award).
CREATE TABLE innovation_forwarding (
    id            TEXT PRIMARY KEY,
    innovation_id TEXT NOT NULL REFERENCES innovation(id),
    level         TEXT NOT NULL CHECK (level IN ('provinsi', 'sinovik', 'top99', 'lainnya')),
    year          INTEGER NOT NULL,
    outcome       TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX innovation_forwarding_innovation ON innovation_forwarding (innovation_id);

CREATE TABLE indicator (
    id              TEXT PRIMARY KEY,
    innovation_id   TEXT NOT NULL REFERENCES innovation(id),
    position        INTEGER NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('output', 'kemanfaatan', 'keberlanjutan')),
    name            TEXT NOT NULL,
    name_key        TEXT NOT NULL,
    measure         TEXT NOT NULL DEFAULT '',     -- unit of measure (satuan)
    kontrak_kinerja TEXT NOT NULL DEFAULT '',     -- reference in the unit's performance contract
    created_at      TEXT NOT NULL,
    deleted_at      TEXT
) STRICT;
CREATE UNIQUE INDEX indicator_name_live ON indicator (innovation_id, name_key) WHERE deleted_at IS NULL;

CREATE TABLE indicator_target (
    indicator_id TEXT NOT NULL REFERENCES indicator(id),
    year         INTEGER NOT NULL,
    quarter      INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    target       REAL NOT NULL,
    PRIMARY KEY (indicator_id, year, quarter)
) STRICT;

CREATE TABLE quarterly_report (
    id            TEXT PRIMARY KEY,
    innovation_id TEXT NOT NULL REFERENCES innovation(id),
    year          INTEGER NOT NULL,
    quarter       INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    narrative     TEXT NOT NULL DEFAULT '',
    obstacles     TEXT NOT NULL DEFAULT '',       -- kendala
    follow_up     TEXT NOT NULL DEFAULT '',       -- tindak lanjut
    reported_by   TEXT NOT NULL,
    reported_at   TEXT NOT NULL,                  -- when the report was received (first save)
    updated_at    TEXT NOT NULL,
    UNIQUE (innovation_id, year, quarter)
) STRICT;

CREATE TABLE report_value (
    report_id    TEXT NOT NULL REFERENCES quarterly_report(id),
    indicator_id TEXT NOT NULL REFERENCES indicator(id),
    realisation  REAL NOT NULL,
    PRIMARY KEY (report_id, indicator_id)
) STRICT;

-- Evidence files live in the database, so a backup carries them; the size limit is enforced by the core.
CREATE TABLE report_evidence (
    id        TEXT PRIMARY KEY,
    report_id TEXT NOT NULL REFERENCES quarterly_report(id),
    file_name TEXT NOT NULL,
    mime      TEXT NOT NULL DEFAULT '',
    size      INTEGER NOT NULL,
    sha256    TEXT NOT NULL,
    data      BLOB NOT NULL,
    added_by  TEXT NOT NULL,
    added_at  TEXT NOT NULL
) STRICT;
CREATE INDEX report_evidence_report ON report_evidence (report_id);

CREATE TABLE evaluation (
    id             TEXT PRIMARY KEY,
    innovation_id  TEXT NOT NULL REFERENCES innovation(id),
    period         TEXT NOT NULL,                 -- e.g. 2026, 2026-S2
    verdict        TEXT NOT NULL CHECK (verdict IN ('berlanjut', 'diperbaiki', 'direplikasi', 'dihentikan')),
    recommendation TEXT NOT NULL DEFAULT '',
    evaluated_by   TEXT NOT NULL,
    evaluated_at   TEXT NOT NULL,
    UNIQUE (innovation_id, period)
) STRICT;
