-- Version 8: incremental roll-up (issue 15). A lower bureau remembers its upper bureau as a peer
-- (relation 'upper'), what it sent it, and what the upper bureau's receipts say it holds: its
-- next bundle carries only what the upper bureau was not sent before. Local bookkeeping only:
-- nothing exchanged changes. sync_peers is rebuilt to widen its CHECK; sync_acks (which refers to
-- it) is set aside and rebuilt with it.
CREATE TEMP TABLE sync_acks_v7 AS SELECT peer, origin, acked, sent FROM sync_acks;
DROP TABLE sync_acks;
CREATE TABLE sync_peers_v8 (
    replica     TEXT PRIMARY KEY,
    org         TEXT NOT NULL,
    name        TEXT NOT NULL DEFAULT '',
    relation    TEXT NOT NULL CHECK (relation IN ('origin', 'clone', 'lower', 'upper')),
    since       TEXT NOT NULL,
    last_import TEXT,
    last_export TEXT
) STRICT;
INSERT INTO sync_peers_v8 (replica, org, name, relation, since, last_import, last_export)
    SELECT replica, org, name, relation, since, last_import, last_export FROM sync_peers;
DROP TABLE sync_peers;
ALTER TABLE sync_peers_v8 RENAME TO sync_peers;
CREATE TABLE sync_acks (
    peer   TEXT NOT NULL REFERENCES sync_peers(replica),
    origin TEXT NOT NULL,
    acked  INTEGER NOT NULL DEFAULT 0,
    sent   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (peer, origin)
) STRICT;
INSERT INTO sync_acks (peer, origin, acked, sent) SELECT peer, origin, acked, sent FROM temp.sync_acks_v7;
DROP TABLE temp.sync_acks_v7;
