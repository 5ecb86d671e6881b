-- What a score import of 324,000 scores writes, inserted by SQLite alone from a prepared table:
-- score and history rows as schema 9 keeps them (the batch's time and actor once), one durable commit.
-- Run: rm -f /tmp/floor.db*; sqlite3 /tmp/floor.db < scripts/sqlite-floor/import.sql  (prints the times)
.read scripts/sqlite-floor/tables.sql
.timer on
BEGIN;
INSERT INTO score SELECT i/108, (i/12)%9, i%12, 50+i%50, '2026-11-23T10:00:00Z', NULL FROM g;
INSERT INTO score_history SELECT i/108, (i/12)%9, i%12, (1<<32) + i, b, NULL, 50+i%50, NULL, NULL, NULL FROM g;
COMMIT;
