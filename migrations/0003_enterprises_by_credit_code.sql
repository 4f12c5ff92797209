-- Version 3: enterprises stored in their credit code's order (WITHOUT ROWID): a province imports
-- 100,000 of them at once, and each then costs one B-tree insert instead of two (the rowid table
-- and its primary-key index), and one search instead of two when sync reads it back (SPEC §7).
-- Same columns and key, so changesets between versions are the same.
CREATE TABLE enterprises_v3 (
    uscc     TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    county   TEXT NOT NULL REFERENCES areas(code),
    village  TEXT REFERENCES areas(code),
    industry TEXT NOT NULL DEFAULT '',
    zone     TEXT REFERENCES zones(code),
    tags     TEXT NOT NULL DEFAULT '',   -- sorted, ';'-separated tag codes
    contact  TEXT NOT NULL DEFAULT '',
    phone    TEXT NOT NULL DEFAULT ''    -- text: a leading zero is never lost
) STRICT, WITHOUT ROWID;
INSERT INTO enterprises_v3 SELECT uscc, name, county, village, industry, zone, tags, contact, phone FROM enterprises;
DROP TABLE enterprises;
ALTER TABLE enterprises_v3 RENAME TO enterprises;
CREATE INDEX enterprises_county ON enterprises(county);
