-- The venue hub's record of each judge laptop that pushed (FORMATS.md §12): per push session
-- (a random id a laptop keeps), the highest request counter taken, so a replayed request is
-- refused; when it was last seen (the hub's clock, for display) and what it brought.
CREATE TABLE venue_peer (
    competition_id TEXT NOT NULL REFERENCES competition(id),
    judge          TEXT NOT NULL,
    session        TEXT NOT NULL,
    last_counter   INTEGER NOT NULL,
    last_seen      TEXT NOT NULL,
    pushes         INTEGER NOT NULL DEFAULT 0,
    events         INTEGER NOT NULL DEFAULT 0,
    refusals       INTEGER NOT NULL DEFAULT 0,
    last_refusal   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (competition_id, judge, session)
) STRICT;
