-- The register of certificate numbers: each recipient gets its number once per competition and
-- series (winners' piagam, finalists' and participants' sertifikat), kept for every reprint.
CREATE TABLE certificate_register (
    competition_id TEXT NOT NULL REFERENCES competition(id),
    series         TEXT NOT NULL CHECK (series IN ('piagam', 'sertifikat')),
    proposal_id    TEXT NOT NULL REFERENCES proposal(id),
    number         INTEGER NOT NULL CHECK (number > 0),
    predicate      TEXT NOT NULL,
    issued_at      TEXT NOT NULL,
    PRIMARY KEY (competition_id, series, proposal_id),
    UNIQUE (competition_id, series, number)
) STRICT;
