-- Version 2: what the reports read, kept ready so that a province's report takes under a second
-- (SPEC §7): each finding's status over time, and the visits' report columns in one index.
--
-- LOCAL and derived: one row per span [from_date, to_date) of a finding's history — from one date
-- it changed on to the next — with its status and last resolution then, and the finding's and its
-- visit's attributes that the reports count by. A report as of D reads the spans that hold D, a
-- single range scan, instead of rebuilding every finding's history and joining it to its visit
-- (SPEC §7). The triggers below keep it equal to finding_spans_derived on every write, local or
-- merged by `sync import`; `check` compares the two.
CREATE TABLE finding_spans (
    to_date     TEXT NOT NULL,      -- first day the span no longer holds; '9999-12-31': still current
    finding_id  TEXT NOT NULL,
    from_date   TEXT NOT NULL,
    status      TEXT NOT NULL,
    resolved_on TEXT,               -- the latest date it was resolved, up to this span
    category    TEXT NOT NULL,
    division    TEXT NOT NULL,
    county      TEXT,
    item        INTEGER NOT NULL,
    route       TEXT NOT NULL,
    refer_to    TEXT NOT NULL,
    due         TEXT,
    on_site     INTEGER NOT NULL,
    created_on  TEXT NOT NULL,
    PRIMARY KEY (to_date, finding_id, from_date)   -- a finding's spans start on distinct dates
) STRICT, WITHOUT ROWID;
CREATE INDEX finding_spans_finding ON finding_spans(finding_id);

-- The spans as they follow from the history: one for each date the finding has an event on,
-- lasting until its next such date. On a day D its status is that of its latest event dated on
-- or before D, latest in (seq, date, id) order (the id settles the rare tie of two replicas
-- numbering a change the same), and it was last resolved on the latest date on or before D of an
-- event to 'resolved' — so a history merged from two laptops, whose numbering need not follow
-- the dates, reads as of any day exactly as the history itself does.
-- Plain correlated look-ups (no window function), so that a filter on the finding or on its
-- visit reaches the events index directly: a trigger re-derives one finding from its few events.
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
      -- one row for each date: the first event recorded on it
      WHERE NOT EXISTS (SELECT 1 FROM finding_events o
                        WHERE o.finding_id = d.finding_id AND o.date = d.date AND o.rowid < d.rowid)) e
JOIN findings f ON f.id = e.finding_id
JOIN visits v ON v.id = f.visit_id;

-- Each trigger re-derives the spans of the findings a write touched. Records merged by `sync
-- import` may arrive in any order (a finding's history before the finding, a finding before its
-- visit), so each of the three tables re-derives on insert as well.
CREATE TRIGGER finding_spans_event_insert AFTER INSERT ON finding_events BEGIN
    DELETE FROM finding_spans WHERE finding_id = NEW.finding_id;
    INSERT INTO finding_spans SELECT * FROM finding_spans_derived WHERE finding_id = NEW.finding_id;
END;
CREATE TRIGGER finding_spans_event_update AFTER UPDATE ON finding_events BEGIN
    DELETE FROM finding_spans WHERE finding_id IN (OLD.finding_id, NEW.finding_id);
    INSERT INTO finding_spans SELECT * FROM finding_spans_derived
        WHERE finding_id IN (OLD.finding_id, NEW.finding_id);
END;
CREATE TRIGGER finding_spans_event_delete AFTER DELETE ON finding_events BEGIN
    DELETE FROM finding_spans WHERE finding_id = OLD.finding_id;
    INSERT INTO finding_spans SELECT * FROM finding_spans_derived WHERE finding_id = OLD.finding_id;
END;
CREATE TRIGGER finding_spans_finding_insert AFTER INSERT ON findings BEGIN
    DELETE FROM finding_spans WHERE finding_id = NEW.id;
    INSERT INTO finding_spans SELECT * FROM finding_spans_derived WHERE finding_id = NEW.id;
END;
-- Not on status alone: a status change always comes with its event.
CREATE TRIGGER finding_spans_finding_update
AFTER UPDATE OF id, visit_id, category, division, route, refer_to, due, on_site, created_on ON findings BEGIN
    DELETE FROM finding_spans WHERE finding_id IN (OLD.id, NEW.id);
    INSERT INTO finding_spans SELECT * FROM finding_spans_derived WHERE finding_id = NEW.id;
END;
CREATE TRIGGER finding_spans_finding_delete AFTER DELETE ON findings BEGIN
    DELETE FROM finding_spans WHERE finding_id = OLD.id;
END;
CREATE TRIGGER finding_spans_visit_insert AFTER INSERT ON visits
WHEN EXISTS (SELECT 1 FROM findings WHERE visit_id = NEW.id) BEGIN
    DELETE FROM finding_spans WHERE finding_id IN (SELECT id FROM findings WHERE visit_id = NEW.id);
    INSERT INTO finding_spans SELECT d.* FROM finding_spans_derived d JOIN findings f ON f.id = d.finding_id
        WHERE f.visit_id = NEW.id;
END;
CREATE TRIGGER finding_spans_visit_update AFTER UPDATE OF id, county, item ON visits BEGIN
    DELETE FROM finding_spans WHERE finding_id IN (SELECT id FROM findings WHERE visit_id IN (OLD.id, NEW.id));
    INSERT INTO finding_spans SELECT d.* FROM finding_spans_derived d JOIN findings f ON f.id = d.finding_id
        WHERE f.visit_id IN (OLD.id, NEW.id);
END;

INSERT INTO finding_spans SELECT * FROM finding_spans_derived;

-- Everything a report counts of a visit, answers included, read from the index alone and in date
-- order (an index on expressions: SQLite reads the indexed values instead of parsing the JSON).
-- Answers that are not JSON (only a hand edit makes them) count nothing instead of stopping
-- every write; report::tally reads the same expressions.
CREATE INDEX visits_report ON visits(date, target_kind, target_code, county, item, group_code, method,
    CASE WHEN json_valid(answers) THEN json_extract(answers, '$.households') END,
    CASE WHEN json_valid(answers) THEN json_extract(answers, '$.forum') END);
-- Follow-ups (回访) are a few of the history's events; the satisfaction rate reads only them.
CREATE INDEX finding_events_follow_ups ON finding_events(date, satisfaction) WHERE satisfaction IS NOT NULL;
