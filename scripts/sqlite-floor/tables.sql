-- The tables and the generated rows both floor scripts use (run them from the repository root).
PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA cache_size=-65536;
CREATE TABLE score (proposal_n INTEGER NOT NULL, judge_n INTEGER NOT NULL, criterion_n INTEGER NOT NULL, value REAL NOT NULL, updated_at TEXT NOT NULL, source_event BLOB, PRIMARY KEY(proposal_n,judge_n,criterion_n)) STRICT, WITHOUT ROWID;
CREATE TABLE score_history (proposal_n INTEGER NOT NULL, judge_n INTEGER NOT NULL, criterion_n INTEGER NOT NULL, line INTEGER NOT NULL, event BLOB NOT NULL, old_value REAL, new_value REAL, at TEXT, actor TEXT, device TEXT, PRIMARY KEY(proposal_n,judge_n,criterion_n,line)) STRICT, WITHOUT ROWID;
CREATE TEMP TABLE g AS WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i+1 FROM n WHERE i<323999) SELECT i, randomblob(16) AS b, strftime('%Y-%m-%dT%H:%M:%fZ', 1795000000 + i, 'unixepoch') AS at FROM n;
