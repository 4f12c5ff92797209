-- Version 4: a change's identity no longer rests on its sequence number alone (SPEC §6, "Identity
-- of a copy"). A database copied with `cp` or restored from a backup goes on numbering its changes
-- from where the copy was made, so two different changes could carry the same (origin, seq).
-- Every change now has an id of its own (random, made where the change was made) and names the
-- change before it in its origin's line (`prev`): a receiver places it after `prev`, sees two
-- different changes claiming one place (a fork), and keeps both. (origin, seq) stays the order
-- ("what I have": changes 1..n of each origin).
-- Changes logged before this version keep their old identity, written out as "origin/seq" (the
-- same text in every database, so nothing is taken for new).
ALTER TABLE sync_log ADD COLUMN id TEXT;
ALTER TABLE sync_log ADD COLUMN prev TEXT;
UPDATE sync_log SET id = origin || '/' || seq,
                    prev = CASE WHEN seq > 1 THEN origin || '/' || (seq - 1) END;
CREATE UNIQUE INDEX sync_log_id ON sync_log(id);

-- LOCAL: lines split off an origin's line at a fork. When two different changes claim place
-- (parent, fork_at), the one with the smaller id keeps it; the other and everything after it in
-- its line are numbered 1.. under `origin`, a name derived from (parent, head) alone, so every
-- database that meets the same fork names it alike whichever side it held.
CREATE TABLE sync_lines (
    origin  TEXT PRIMARY KEY,
    parent  TEXT NOT NULL,
    fork_at INTEGER NOT NULL CHECK (fork_at > 0),
    head    TEXT NOT NULL
) STRICT;
