-- What a merge of 324,000 package events writes, inserted by SQLite alone from a prepared table:
-- score and history rows as schema 9 keeps them (events' own ids and times), one durable commit.
-- Run: rm -f /tmp/floor.db*; sqlite3 /tmp/floor.db < scripts/sqlite-floor/merge.sql  (prints the times)
.read scripts/sqlite-floor/tables.sql
.timer on
BEGIN;
INSERT INTO score SELECT i/108, (i/12)%9, i%12, 50+i%50, at, b FROM g;
INSERT INTO score_history SELECT i/108, (i/12)%9, i%12, (1<<32) + i, b, NULL, 50+i%50, at, NULL, NULL FROM g;
COMMIT;
