-- The plenary's decisions on ties at a winner's place (FORMATS.md §5 leaves them shared): the
-- tied proposals in the decided order (JSON array of codes) and the reason the minutes print.
-- Kept apart from the document settings, which the settings form rewrites whole.
CREATE TABLE tie_decision (
    competition_id TEXT NOT NULL REFERENCES competition(id),
    category       TEXT NOT NULL,
    rank           INTEGER NOT NULL CHECK (rank > 0),
    proposal_order TEXT NOT NULL,
    reason         TEXT NOT NULL,
    decided_at     TEXT NOT NULL,
    PRIMARY KEY (competition_id, category, rank)
) STRICT;
