-- Juri schema v3: public satisfaction survey responses (IKM, PermenPANRB 14/2017), one row per respondent.

CREATE TABLE ikm_response (
    id          TEXT PRIMARY KEY,
    unit        TEXT NOT NULL,          -- service unit as written in the file
    unit_key    TEXT NOT NULL,          -- matching key: lower case, trimmed, inner spaces collapsed
    period      TEXT NOT NULL,          -- e.g. 2026-S1, 2026-TW3, 2026
    row_number  INTEGER NOT NULL,       -- spreadsheet row it came from, for tracing
    u1 INTEGER CHECK (u1 BETWEEN 1 AND 4), u2 INTEGER CHECK (u2 BETWEEN 1 AND 4),
    u3 INTEGER CHECK (u3 BETWEEN 1 AND 4), u4 INTEGER CHECK (u4 BETWEEN 1 AND 4),
    u5 INTEGER CHECK (u5 BETWEEN 1 AND 4), u6 INTEGER CHECK (u6 BETWEEN 1 AND 4),
    u7 INTEGER CHECK (u7 BETWEEN 1 AND 4), u8 INTEGER CHECK (u8 BETWEEN 1 AND 4),
    u9 INTEGER CHECK (u9 BETWEEN 1 AND 4),
    gender      TEXT NOT NULL DEFAULT '',
    age         TEXT NOT NULL DEFAULT '',
    education   TEXT NOT NULL DEFAULT '',
    occupation  TEXT NOT NULL DEFAULT '',
    imported_at TEXT NOT NULL
) STRICT;
CREATE INDEX ikm_response_unit_period ON ikm_response (unit_key, period);
