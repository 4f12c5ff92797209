-- zoufang schema, version 1. Applied by `init`/`demo`; later versions are numbered steps in
-- migrations/ tracked by PRAGMA user_version.
--
-- Identity: registries use natural keys (division codes, credit codes, group and zone codes);
-- records created in the field use random 32-hex-digit ids, so that two laptops never hand out the
-- same key. Every table that is exchanged by `sync` therefore has an explicit primary key.
-- Tables marked LOCAL are this database's own and never leave it.

-- LOCAL: who this database is. One row per key.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Reference data of SPEC §1, seeded by init; identical in every database.
CREATE TABLE work_items (
    code          INTEGER PRIMARY KEY,
    key           TEXT NOT NULL UNIQUE,
    name_zh       TEXT NOT NULL,
    lead_division TEXT NOT NULL
) STRICT;

CREATE TABLE prohibitions (
    code    TEXT PRIMARY KEY,
    name_zh TEXT NOT NULL
) STRICT;

CREATE TABLE categories (
    code    TEXT PRIMARY KEY,
    name_zh TEXT NOT NULL
) STRICT;

CREATE TABLE deliverables (
    kind    TEXT PRIMARY KEY,
    name_zh TEXT NOT NULL,
    due     TEXT NOT NULL            -- ISO date in the campaign year
) STRICT;

-- Areas: the campaign province, its cities and counties (seeded from the compiled table), and the
-- townships and villages a bureau imports. The parent of a code is its prefix.
CREATE TABLE areas (
    code   TEXT PRIMARY KEY,
    name   TEXT NOT NULL,
    level  INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    parent TEXT REFERENCES areas(code)
) STRICT;
CREATE INDEX areas_parent ON areas(parent);

CREATE TABLE zones (
    code   TEXT PRIMARY KEY,
    name   TEXT NOT NULL,
    county TEXT NOT NULL REFERENCES areas(code)
) STRICT;

CREATE TABLE enterprises (
    uscc     TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    county   TEXT NOT NULL REFERENCES areas(code),
    village  TEXT REFERENCES areas(code),
    industry TEXT NOT NULL DEFAULT '',
    zone     TEXT REFERENCES zones(code),
    tags     TEXT NOT NULL DEFAULT '',   -- sorted, ';'-separated tag codes
    contact  TEXT NOT NULL DEFAULT '',
    phone    TEXT NOT NULL DEFAULT ''    -- text: a leading zero is never lost
) STRICT;
CREATE INDEX enterprises_county ON enterprises(county);

CREATE TABLE staff (
    id       TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    org      TEXT NOT NULL REFERENCES areas(code),
    title    TEXT NOT NULL DEFAULT '',
    division TEXT NOT NULL DEFAULT '',
    leader   INTEGER NOT NULL DEFAULT 0 CHECK (leader IN (0, 1)),
    lg_role  TEXT CHECK (lg_role IN ('head', 'deputy', 'member')),   -- 领导小组 组长/副组长/成员
    phone    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX staff_name ON staff(name);

-- Visit groups. The leader is a member too (role 'leader'); size counts every member row.
CREATE TABLE groups (
    code              TEXT PRIMARY KEY,
    org               TEXT NOT NULL REFERENCES areas(code),   -- the bureau that formed it
    name              TEXT NOT NULL DEFAULT '',
    formed_on         TEXT NOT NULL,   -- reports as of an earlier date leave the group out
    date_from         TEXT NOT NULL,
    date_to           TEXT NOT NULL,
    quota_counties    INTEGER NOT NULL,
    quota_villages    INTEGER NOT NULL,
    quota_enterprises INTEGER NOT NULL,
    CHECK (date_from <= date_to)
) STRICT;

CREATE TABLE group_members (
    group_code TEXT NOT NULL REFERENCES groups(code),
    staff_id   TEXT NOT NULL REFERENCES staff(id),
    role       TEXT NOT NULL CHECK (role IN ('leader', 'member')),
    PRIMARY KEY (group_code, staff_id)
) STRICT;
CREATE INDEX group_members_staff ON group_members(staff_id);

CREATE TABLE group_counties (
    group_code TEXT NOT NULL REFERENCES groups(code),
    county     TEXT NOT NULL REFERENCES areas(code),
    PRIMARY KEY (group_code, county)
) STRICT;

-- Planned targets. A target is (kind, code): village code, credit code, zone code, county code
-- of a bureau, or the place of a reception.
CREATE TABLE plans (
    group_code     TEXT NOT NULL REFERENCES groups(code),
    target_kind    TEXT NOT NULL CHECK (target_kind IN ('village', 'enterprise', 'zone', 'bureau')),
    target_code    TEXT NOT NULL,
    revisit_reason TEXT,
    PRIMARY KEY (group_code, target_kind, target_code)
) STRICT;
CREATE INDEX plans_target ON plans(target_kind, target_code);

-- Feedback form definitions (SPEC §5), versioned: a visit keeps the version it was filled with.
CREATE TABLE forms (
    kind       TEXT NOT NULL CHECK (kind IN ('enterprise', 'village', 'bureau')),
    version    INTEGER NOT NULL,
    definition TEXT NOT NULL,   -- JSON: {title, division, fields: [{key,label,type,required,choices}]}
    defined_on TEXT NOT NULL,
    PRIMARY KEY (kind, version)
) STRICT;

CREATE TABLE visits (
    id             TEXT PRIMARY KEY,
    group_code     TEXT NOT NULL REFERENCES groups(code),
    date           TEXT NOT NULL,
    target_kind    TEXT NOT NULL CHECK (target_kind IN ('village', 'enterprise', 'zone', 'bureau', 'reception')),
    target_code    TEXT NOT NULL,
    county         TEXT REFERENCES areas(code),   -- county the target lies in, for roll-ups
    item           INTEGER NOT NULL REFERENCES work_items(code),
    method         TEXT NOT NULL CHECK (method IN ('forum', 'survey', 'onsite', 'reception')),
    discipline_ok  INTEGER NOT NULL CHECK (discipline_ok IN (0, 1)),
    revisit_reason TEXT,
    notes          TEXT NOT NULL DEFAULT '',
    form_kind      TEXT,
    form_version   INTEGER,
    answers        TEXT NOT NULL DEFAULT '{}',    -- JSON object: field key -> value
    recorded_by    TEXT NOT NULL,
    recorded_at    TEXT NOT NULL,
    FOREIGN KEY (form_kind, form_version) REFERENCES forms(kind, version)
) STRICT;
CREATE INDEX visits_date ON visits(date, id);   -- exports stream in (date, id) order, unsorted
CREATE INDEX visits_target ON visits(target_kind, target_code);
CREATE INDEX visits_group ON visits(group_code, target_kind, target_code);
CREATE INDEX visits_county ON visits(county);

CREATE TABLE visit_participants (
    visit_id TEXT NOT NULL REFERENCES visits(id),
    staff_id TEXT NOT NULL REFERENCES staff(id),
    PRIMARY KEY (visit_id, staff_id)
) STRICT;

CREATE TABLE visit_violations (
    visit_id TEXT NOT NULL REFERENCES visits(id),
    code     TEXT NOT NULL REFERENCES prohibitions(code),
    note     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (visit_id, code)
) STRICT;

-- The problem ledger (问题台账). `status` is the current state; finding_events keeps every change.
CREATE TABLE findings (
    id          TEXT PRIMARY KEY,
    visit_id    TEXT NOT NULL REFERENCES visits(id),
    category    TEXT NOT NULL REFERENCES categories(code),
    description TEXT NOT NULL,
    severity    TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
    route       TEXT NOT NULL CHECK (route IN ('env', 'other')),
    division    TEXT NOT NULL DEFAULT '',    -- 主办处室/科室
    refer_to    TEXT NOT NULL DEFAULT '',    -- recipient of a referral
    due         TEXT,                        -- 办理时限
    on_site     INTEGER NOT NULL CHECK (on_site IN (0, 1)),
    status      TEXT NOT NULL CHECK (status IN ('open', 'in-progress', 'referred', 'acknowledged', 'resolved', 'closed')),
    created_on  TEXT NOT NULL
) STRICT;
CREATE INDEX findings_visit ON findings(visit_id);
CREATE INDEX findings_status ON findings(status);
CREATE INDEX findings_created ON findings(created_on, id);

CREATE TABLE finding_events (
    id           TEXT PRIMARY KEY,
    finding_id   TEXT NOT NULL REFERENCES findings(id),
    seq          INTEGER NOT NULL,         -- position in the finding's history: 1, 2, 3 …
    date         TEXT NOT NULL,            -- the date the change took effect
    from_status  TEXT,
    to_status    TEXT NOT NULL,
    satisfaction TEXT CHECK (satisfaction IN ('satisfied', 'basic', 'unsatisfied')),
    note         TEXT NOT NULL DEFAULT '',
    who          TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
) STRICT;
-- Covering: a report reconstructs every finding's status as of a date from this index alone.
CREATE INDEX finding_events_finding ON finding_events(finding_id, seq, date, to_status);

CREATE TABLE research_reports (
    id           TEXT PRIMARY KEY,
    group_code   TEXT NOT NULL REFERENCES groups(code),
    submitted_on TEXT NOT NULL,
    title        TEXT NOT NULL DEFAULT '',
    body         TEXT NOT NULL,
    chars        INTEGER NOT NULL
) STRICT;

-- Each bureau's lead divisions send their work plans; keyed by bureau so that roll-up keeps all.
CREATE TABLE workplans (
    org          TEXT NOT NULL REFERENCES areas(code),
    item         INTEGER NOT NULL REFERENCES work_items(code),
    submitted_on TEXT NOT NULL,
    PRIMARY KEY (org, item)
) STRICT;

CREATE TABLE cases (
    id       TEXT PRIMARY KEY,
    date     TEXT NOT NULL,
    item     INTEGER REFERENCES work_items(code),
    county   TEXT REFERENCES areas(code),
    title    TEXT NOT NULL,
    summary  TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE publicity (
    id     TEXT PRIMARY KEY,
    date   TEXT NOT NULL,
    item   INTEGER REFERENCES work_items(code),
    outlet TEXT NOT NULL DEFAULT '',
    title  TEXT NOT NULL
) STRICT;

-- Which lower-level bureau sent which deliverable when.
CREATE TABLE deliverable_submissions (
    org          TEXT NOT NULL REFERENCES areas(code),
    kind         TEXT NOT NULL REFERENCES deliverables(kind),
    submitted_on TEXT NOT NULL,
    PRIMARY KEY (org, kind)
) STRICT;

-- LOCAL: every change, who made it, with which command, touching which records.
CREATE TABLE audit (
    seq     INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    who     TEXT NOT NULL,
    command TEXT NOT NULL,
    records TEXT NOT NULL     -- JSON array of "table:key"
) STRICT;

-- Sync (SPEC §6). Every table above that has a primary key, except meta and audit, is exchanged
-- through SQLite session-extension changesets; the sync_* tables below are LOCAL bookkeeping and
-- never leave this database. conflict_resolutions is exchanged like ordinary records.

-- LOCAL: the change log. Every changeset this database made (origin = its own replica) or applied
-- from a bundle (origin = the replica that made it, with that replica's sequence number), in the
-- order it happened here. `n` is local; (origin, seq) is the change's identity everywhere.
CREATE TABLE sync_log (
    n         INTEGER PRIMARY KEY,
    origin    TEXT NOT NULL,
    seq       INTEGER NOT NULL CHECK (seq > 0),
    changeset BLOB NOT NULL,
    at        TEXT NOT NULL,
    UNIQUE (origin, seq)
) STRICT;

-- LOCAL: the databases this one exchanges bundles with.
CREATE TABLE sync_peers (
    replica     TEXT PRIMARY KEY,
    org         TEXT NOT NULL,
    name        TEXT NOT NULL DEFAULT '',
    relation    TEXT NOT NULL CHECK (relation IN ('origin', 'clone', 'lower')),
    since       TEXT NOT NULL,
    last_import TEXT,
    last_export TEXT
) STRICT;

-- LOCAL: per peer and origin replica, the changes the peer is known to hold (1..acked, learned
-- from the peer's own bundles or from cloning) and the last one sent to it.
CREATE TABLE sync_acks (
    peer   TEXT NOT NULL REFERENCES sync_peers(replica),
    origin TEXT NOT NULL,
    acked  INTEGER NOT NULL DEFAULT 0,
    sent   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (peer, origin)
) STRICT;

-- LOCAL: changes from a bundle that met a different local version (both kept), and identical
-- rows added on both sides are not conflicts. Rows are JSON objects column -> value.
CREATE TABLE sync_conflicts (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    peer        TEXT NOT NULL,       -- the replica whose bundle brought the change
    origin      TEXT NOT NULL,       -- the change's identity (origin, seq)
    seq         INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('data', 'notfound', 'conflict')),
    op          TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    tbl         TEXT NOT NULL,
    pk          TEXT NOT NULL,       -- JSON array of the primary-key values
    local       TEXT,                -- this database's row; NULL when it has none
    theirs      TEXT,                -- the row as the change would leave it; NULL for a delete
    resolved_at TEXT,
    resolution  TEXT,                -- mine | theirs | fields | peer
    resolved_by TEXT
) STRICT;
CREATE INDEX sync_conflicts_row ON sync_conflicts(tbl, pk);

-- Settled conflicts, exchanged like records so that every database ends with the chosen version.
CREATE TABLE conflict_resolutions (
    id         TEXT PRIMARY KEY,
    tbl        TEXT NOT NULL,
    pk         TEXT NOT NULL,        -- JSON array of the primary-key values
    settles    TEXT NOT NULL,        -- fingerprint of the two versions that were in conflict
    row        TEXT,                 -- JSON object: the chosen row; NULL: the row stays absent
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL
) STRICT;
