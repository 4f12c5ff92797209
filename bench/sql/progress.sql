-- The figures of `zoufang report progress --as-of 2012-03-25`, hand-written for the sqlite3 shell:
-- the physical reference that the report is measured against. Parameters are inlined:
-- period 2012-02-26 .. 2012-03-25, cumulative from 2012-01-01.
.mode list
SELECT count(*) FILTER (WHERE date >= '2012-02-26'), count(*),
       count(DISTINCT target_code) FILTER (WHERE target_kind = 'village' AND date >= '2012-02-26'),
       count(DISTINCT target_code) FILTER (WHERE target_kind = 'village'),
       sum(json_extract(answers, '$.households')),
       count(DISTINCT target_code) FILTER (WHERE target_kind = 'enterprise'),
       count(*) FILTER (WHERE method = 'forum' OR json_extract(answers, '$.forum') = 1),
       count(DISTINCT county)
FROM visits WHERE date <= '2012-03-25';
SELECT w.code, count(v.id) FILTER (WHERE v.date >= '2012-02-26'), count(v.id)
FROM work_items w LEFT JOIN visits v ON v.item = w.code AND v.date <= '2012-03-25' GROUP BY w.code;
SELECT g.code, count(v.id), count(DISTINCT v.target_code) FILTER (WHERE v.target_kind = 'village'),
       count(DISTINCT v.target_code) FILTER (WHERE v.target_kind = 'enterprise'), count(DISTINCT v.county)
FROM groups g LEFT JOIN visits v ON v.group_code = g.code AND v.date <= '2012-03-25' GROUP BY g.code;
SELECT a.code, count(v.id) FROM areas a LEFT JOIN visits v ON v.county = a.code AND v.date <= '2012-03-25'
WHERE a.level = 3 GROUP BY a.code;
SELECT date(date, '-6 days', 'weekday 1'), count(*) FROM visits WHERE date <= '2012-03-25' GROUP BY 1;
CREATE TEMP TABLE fs AS
  SELECT f.id, f.category, f.route, f.division, f.refer_to, f.due, f.on_site, f.created_on,
         v.county, v.item, e.st AS status, r.resolved_on, f.created_on >= '2012-02-26' AS in_period
  FROM findings f JOIN visits v ON v.id = f.visit_id
  JOIN (SELECT finding_id, to_status AS st, max(date || recorded_at || id) FROM finding_events
        WHERE date <= '2012-03-25' GROUP BY finding_id) e ON e.finding_id = f.id
  LEFT JOIN (SELECT finding_id, max(date) AS resolved_on FROM finding_events
             WHERE to_status = 'resolved' AND date <= '2012-03-25' GROUP BY finding_id) r ON r.finding_id = f.id
  WHERE f.created_on <= '2012-03-25';
SELECT category, sum(in_period), count(*), sum(on_site), sum(route = 'other'), sum(status IN ('resolved', 'closed')),
       sum(status IN ('resolved', 'closed') AND (due IS NULL OR resolved_on <= due)),
       sum(status NOT IN ('resolved', 'closed') AND due < '2012-03-25')
FROM fs GROUP BY category;
SELECT division, count(*), sum(status IN ('resolved', 'closed')) FROM fs GROUP BY division;
SELECT county, count(*), sum(status IN ('resolved', 'closed')) FROM fs GROUP BY county;
SELECT route, status, count(*) FROM fs GROUP BY route, status;
SELECT refer_to, count(*) FROM fs WHERE route = 'other' GROUP BY refer_to;
SELECT count(*) FILTER (WHERE satisfaction IN ('satisfied', 'basic')), count(*) FROM finding_events
WHERE satisfaction IS NOT NULL AND date <= '2012-03-25';
SELECT count(*) FROM visit_violations x JOIN visits v ON v.id = x.visit_id WHERE v.date <= '2012-03-25';
