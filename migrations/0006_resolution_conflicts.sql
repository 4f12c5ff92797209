-- Version 6: two resolutions of one conflict that disagree are a conflict of their own, for a
-- person (SPEC §6, "Resolutions"): sync_conflicts takes kind 'resolution' (local: the version the
-- record holds, theirs: the other resolution's) and `settles`, the fingerprint a resolution of it
-- carries (NULL: the fingerprint of its two versions). Local bookkeeping only; rebuilt to widen
-- its CHECK.
CREATE TABLE sync_conflicts_v5 (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    peer        TEXT NOT NULL,
    origin      TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('data', 'notfound', 'conflict', 'resolution')),
    op          TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    tbl         TEXT NOT NULL,
    pk          TEXT NOT NULL,
    local       TEXT,
    theirs      TEXT,
    resolved_at TEXT,
    resolution  TEXT,                -- mine | theirs | fields | peer | with-other | superseded
    resolved_by TEXT,
    settles     TEXT
) STRICT;
INSERT INTO sync_conflicts_v5 (id, at, peer, origin, seq, kind, op, tbl, pk, local, theirs, resolved_at, resolution, resolved_by)
    SELECT id, at, peer, origin, seq, kind, op, tbl, pk, local, theirs, resolved_at, resolution, resolved_by FROM sync_conflicts;
DROP TABLE sync_conflicts;
ALTER TABLE sync_conflicts_v5 RENAME TO sync_conflicts;
CREATE INDEX sync_conflicts_row ON sync_conflicts(tbl, pk);
