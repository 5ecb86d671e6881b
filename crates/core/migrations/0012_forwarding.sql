-- Forwarding to the next level (FORMATS.md §10): a proposal imported from another organiser's
-- forwarding ZIP keeps where it came from. NULL for proposals registered here.
ALTER TABLE proposal ADD COLUMN origin_organiser TEXT;
ALTER TABLE proposal ADD COLUMN origin_competition TEXT;
ALTER TABLE proposal ADD COLUMN origin_year INTEGER;
ALTER TABLE proposal ADD COLUMN origin_code TEXT;
ALTER TABLE proposal ADD COLUMN origin_rank INTEGER;
ALTER TABLE proposal ADD COLUMN origin_final REAL;
CREATE INDEX proposal_origin ON proposal (competition_id, origin_organiser, origin_competition, origin_code)
    WHERE origin_code IS NOT NULL;
