-- Version 6: corrections (SPEC §2 "Corrections"), made the way a ledger is corrected — never
-- erased. Both new tables are exchanged by sync (store::EXCHANGE_VERSION is 6).
--
-- A voided visit (作废) stays in `visits` as it was written, with one row here saying who voided
-- it, when and why. It is shown as voided (`visit show`, `visit list --voided`) and counted
-- nowhere: not in reports, the dashboard, group progress, suggestions, the duplicate-visit rule,
-- exports, forms or spot checks — and neither are its findings, which go with it (a finding
-- logged at the wrong visit is moved first with `finding edit F --visit V`). Voiding is final: a
-- visit voided by mistake is logged again.
CREATE TABLE visit_voids (
    visit_id  TEXT PRIMARY KEY REFERENCES visits(id),
    reason    TEXT NOT NULL,
    voided_by TEXT NOT NULL,
    voided_at TEXT NOT NULL
) STRICT;

-- Every correction of a visit or a finding (`visit edit`, `visit void`, `finding edit`): the
-- fields it changed with their values before and after, who made it, when and why. The audit log
-- (LOCAL) records the command too; this copy travels with the records it corrects.
CREATE TABLE corrections (
    id      TEXT PRIMARY KEY,
    tbl     TEXT NOT NULL CHECK (tbl IN ('visits', 'findings')),
    record  TEXT NOT NULL,       -- the visit's or finding's id
    changes TEXT NOT NULL,       -- JSON object: field -> [before, after]
    reason  TEXT NOT NULL,
    who     TEXT NOT NULL,
    at      TEXT NOT NULL
) STRICT;
CREATE INDEX corrections_record ON corrections(record, at);

-- The reports' copy of every finding's history leaves out the findings of voided visits, kept so
-- by the triggers below whichever way the void arrives (a local `visit void` or a merged bundle).
DROP VIEW finding_spans_derived;
CREATE VIEW finding_spans_derived AS
SELECT e.to_date, e.finding_id, e.date AS from_date, e.status, e.resolved_on,
       f.category, f.division, v.county, v.item, f.route, f.refer_to, f.due, f.on_site, f.created_on
FROM (SELECT d.finding_id, d.date,
             coalesce((SELECT min(n.date) FROM finding_events n
                       WHERE n.finding_id = d.finding_id AND n.date > d.date), '9999-12-31') AS to_date,
             (SELECT s.to_status FROM finding_events s
              WHERE s.finding_id = d.finding_id AND s.date <= d.date
              ORDER BY s.seq DESC, s.date DESC, s.id DESC LIMIT 1) AS status,
             (SELECT max(r.date) FROM finding_events r
              WHERE r.finding_id = d.finding_id AND r.date <= d.date AND r.to_status = 'resolved') AS resolved_on
      FROM finding_events d
      WHERE NOT EXISTS (SELECT 1 FROM finding_events o
                        WHERE o.finding_id = d.finding_id AND o.date = d.date AND o.rowid < d.rowid)) e
JOIN findings f ON f.id = e.finding_id
JOIN visits v ON v.id = f.visit_id
WHERE NOT EXISTS (SELECT 1 FROM visit_voids x WHERE x.visit_id = f.visit_id);

CREATE TRIGGER finding_spans_void_insert AFTER INSERT ON visit_voids BEGIN
    DELETE FROM finding_spans WHERE finding_id IN (SELECT id FROM findings WHERE visit_id = NEW.visit_id);
END;
CREATE TRIGGER finding_spans_void_delete AFTER DELETE ON visit_voids BEGIN
    DELETE FROM finding_spans WHERE finding_id IN (SELECT id FROM findings WHERE visit_id = OLD.visit_id);
    INSERT INTO finding_spans SELECT d.* FROM finding_spans_derived d JOIN findings f ON f.id = d.finding_id
        WHERE f.visit_id = OLD.visit_id;
END;
CREATE TRIGGER finding_spans_void_update AFTER UPDATE OF visit_id ON visit_voids BEGIN
    DELETE FROM finding_spans WHERE finding_id IN (SELECT id FROM findings WHERE visit_id IN (OLD.visit_id, NEW.visit_id));
    INSERT INTO finding_spans SELECT d.* FROM finding_spans_derived d JOIN findings f ON f.id = d.finding_id
        WHERE f.visit_id IN (OLD.visit_id, NEW.visit_id);
END;

-- The visits that count: every query that counts, lists for scripts or checks a rule reads this.
CREATE VIEW live_visits AS
SELECT * FROM visits v WHERE NOT EXISTS (SELECT 1 FROM visit_voids x WHERE x.visit_id = v.id);

-- The findings that count: those of visits that count.
CREATE VIEW live_findings AS
SELECT * FROM findings f WHERE NOT EXISTS (SELECT 1 FROM visit_voids x WHERE x.visit_id = f.visit_id);
