-- The plenary's discussion of a proposal in a stage (issue 18): when it was marked discussed, by
-- whom, and the stage as it stood then (JSON: score, sd, and each counted judge's x), so the
-- recap can show what changed after the discussion beside the score history.
CREATE TABLE discussion (
    competition_id TEXT NOT NULL REFERENCES competition(id),
    stage          TEXT NOT NULL,
    proposal       TEXT NOT NULL,
    discussed_at   TEXT NOT NULL,
    discussed_by   TEXT NOT NULL,
    before         TEXT NOT NULL,
    PRIMARY KEY (competition_id, stage, proposal)
) STRICT;
