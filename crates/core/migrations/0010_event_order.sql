-- Package events of one judge are ordered by that judge's own database sequence (carried in the
-- package), not by the laptop's clock: a dead clock battery or a forged date can no longer freeze
-- a score. NULL: the value was entered here, or came from a package of an older version (those
-- still compare by time).
ALTER TABLE score ADD COLUMN source_seq INTEGER;
ALTER TABLE merge_conflict ADD COLUMN event_seq INTEGER;
