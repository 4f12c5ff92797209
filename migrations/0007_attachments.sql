-- Version 6: evidence (佐证材料, SPEC §2 "Attachments"): photos and scanned forms kept inside the
-- database, so the one file stays the whole record and backups, clones and bundles carry it.
-- Three exchanged tables, each with a globally unique key, so bundles carry them like any record
-- (this changes the exchange: store::EXCHANGE_VERSION is 6).

-- The stored bytes, content-addressed: keyed by the SHA-256 of `bytes`, so the same file attached
-- twice, or added on two laptops, is one row. Every column follows from the bytes alone, so two
-- databases that both hold a hash hold the same row (a bundle bringing it again changes nothing).
-- A photo is one row of at most a few MB (photos are scaled down on the way in).
CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    mime   TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'application/pdf')),
    size   INTEGER NOT NULL CHECK (size > 0),
    width  INTEGER,                      -- pixels; NULL for a PDF
    height INTEGER,
    bytes  BLOB NOT NULL
) STRICT;

-- One file attached to one record: a visit, a finding or a typical case. Removing one is a
-- ledger correction: the row stays, with who removed it, when and why.
CREATE TABLE attachments (
    id             TEXT PRIMARY KEY,
    visit_id       TEXT REFERENCES visits(id),
    finding_id     TEXT REFERENCES findings(id),
    case_id        TEXT REFERENCES cases(id),
    kind           TEXT NOT NULL CHECK (kind IN ('before', 'after', 'scene', 'form', 'other')),
    caption        TEXT NOT NULL DEFAULT '',
    blob           TEXT NOT NULL REFERENCES blobs(sha256),   -- what is shown (scaled down)
    original       TEXT REFERENCES blobs(sha256),            -- the file as given, when kept
    file_name      TEXT NOT NULL,         -- the name it was attached from
    taken_at       TEXT,                  -- EXIF date and time taken (camera's local time)
    lat            REAL,                  -- EXIF GPS, decimal degrees (south and west negative)
    lon            REAL,
    added_on       TEXT NOT NULL,         -- the campaign date it was attached (--today)
    added_by       TEXT NOT NULL,
    recorded_at    TEXT NOT NULL,
    removed_on     TEXT,
    removed_by     TEXT,
    removed_reason TEXT,
    CHECK ((visit_id IS NOT NULL) + (finding_id IS NOT NULL) + (case_id IS NOT NULL) = 1),
    CHECK ((removed_on IS NULL) = (removed_reason IS NULL))
) STRICT;
CREATE INDEX attachments_visit ON attachments(visit_id) WHERE visit_id IS NOT NULL;
CREATE INDEX attachments_finding ON attachments(finding_id, kind) WHERE finding_id IS NOT NULL;
CREATE INDEX attachments_case ON attachments(case_id) WHERE case_id IS NOT NULL;
CREATE INDEX attachments_blob ON attachments(blob);

-- A bureau's switch, per work item, for the rule "closing a finding (销号) needs an `after`
-- photo". No row: the default (on for hazards, work item 5; off otherwise). Keyed by bureau, so a
-- county's choice travels up without overriding its city's.
CREATE TABLE evidence_rules (
    org        TEXT NOT NULL REFERENCES areas(code),
    item       INTEGER NOT NULL REFERENCES work_items(code),
    after_photo_to_close INTEGER NOT NULL CHECK (after_photo_to_close IN (0, 1)),
    set_by     TEXT NOT NULL,
    set_at     TEXT NOT NULL,
    PRIMARY KEY (org, item)
) STRICT;
