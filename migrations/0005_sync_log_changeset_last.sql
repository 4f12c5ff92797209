-- Version 5: the change log keeps each changeset in its row's last column (issue 15). `sync
-- import` streams a bundle's changesets into the log: it reserves the row with zeroblob() and
-- writes the bytes in chunks. SQLite leaves a zero-filled blob unexpanded only when nothing
-- follows it in the row; in the old order (at, id and prev after it) it built every changeset
-- whole in memory first, twice — 52 MB of the 77 MB a city's bundle took. Local bookkeeping
-- only: nothing exchanged changes.
CREATE TABLE sync_log_v5 (
    n         INTEGER PRIMARY KEY,
    origin    TEXT NOT NULL,
    seq       INTEGER NOT NULL CHECK (seq > 0),
    at        TEXT NOT NULL,
    id        TEXT,
    prev      TEXT,
    changeset BLOB NOT NULL,
    UNIQUE (origin, seq)
) STRICT;
INSERT INTO sync_log_v5(n, origin, seq, at, id, prev, changeset)
    SELECT n, origin, seq, at, id, prev, changeset FROM sync_log;
DROP TABLE sync_log;
ALTER TABLE sync_log_v5 RENAME TO sync_log;
CREATE UNIQUE INDEX sync_log_id ON sync_log(id);
