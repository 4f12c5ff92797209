-- The figures of `zoufang report progress|final --as-of @asof`, hand-written for the sqlite3 shell:
-- the physical reference the reports are measured against. Run with the period's bounds set:
--   sqlite3 DB ".parameter set @asof \"'2012-03-25'\"" ".parameter set @start \"'2012-02-26'\"" ".read bench/sql/report.sql"
-- It reads what the reports read (schema version 2): the visits, and each finding's span holding
-- the date (finding_spans), grouped once per breakdown as one would write it by hand.
.mode list
-- 一、基本情况
SELECT count(*) FILTER (WHERE date >= @start), count(*),
       count(DISTINCT target_code) FILTER (WHERE target_kind = 'village' AND date >= @start),
       count(DISTINCT target_code) FILTER (WHERE target_kind = 'village'),
       sum(json_extract(answers, '$.households')) FILTER (WHERE date >= @start), sum(json_extract(answers, '$.households')),
       count(DISTINCT target_code) FILTER (WHERE target_kind = 'enterprise' AND date >= @start),
       count(DISTINCT target_code) FILTER (WHERE target_kind = 'enterprise'),
       count(DISTINCT target_code) FILTER (WHERE target_kind = 'zone'),
       count(DISTINCT target_code) FILTER (WHERE target_kind = 'bureau'),
       count(*) FILTER (WHERE method = 'forum' OR json_extract(answers, '$.forum') = 1),
       count(*) FILTER (WHERE target_kind = 'reception'),
       count(DISTINCT county) FILTER (WHERE date >= @start), count(DISTINCT county)
FROM visits WHERE date <= @asof;
SELECT item, count(*) FILTER (WHERE date >= @start), count(*) FROM visits WHERE date <= @asof GROUP BY item;
SELECT g.code, count(v.id), count(DISTINCT v.target_code) FILTER (WHERE v.target_kind = 'village'),
       count(DISTINCT v.target_code) FILTER (WHERE v.target_kind = 'enterprise'), count(DISTINCT v.county)
FROM groups g LEFT JOIN visits v ON v.group_code = g.code AND v.date <= @asof GROUP BY g.code;
SELECT county, count(*) FILTER (WHERE date >= @start), count(*),
       count(DISTINCT target_code) FILTER (WHERE target_kind = 'village'),
       count(DISTINCT target_code) FILTER (WHERE target_kind = 'enterprise')
FROM visits WHERE date <= @asof GROUP BY county;
SELECT date(date, '-6 days', 'weekday 1'), count(*) FROM visits WHERE date <= @asof GROUP BY 1;
-- 三、成效: each finding as of the date, then one grouping per breakdown
CREATE TEMP TABLE fs AS
  SELECT *, created_on >= @start AS in_period, status IN ('resolved', 'closed') AS done,
         status IN ('resolved', 'closed') AND (due IS NULL OR resolved_on <= due) AS on_time,
         status NOT IN ('resolved', 'closed') AND due < @asof AS overdue
  FROM finding_spans WHERE to_date > @asof AND from_date <= @asof AND created_on <= @asof;
SELECT sum(in_period), count(*), sum(on_site), sum(route = 'env' AND NOT on_site), sum(route = 'other'),
       sum(done), sum(on_time), sum(overdue), sum(status = 'closed') FROM fs;
SELECT category, sum(in_period), count(*), sum(on_site), sum(route = 'other'), sum(done), sum(on_time), sum(overdue)
FROM fs GROUP BY category;
SELECT division, sum(in_period), count(*), sum(on_site), sum(route = 'other'), sum(done), sum(on_time), sum(overdue)
FROM fs GROUP BY division;
SELECT county, sum(in_period), count(*), sum(on_site), sum(route = 'other'), sum(done), sum(on_time), sum(overdue)
FROM fs GROUP BY county;
SELECT item, count(*), sum(on_site), sum(done), sum(route = 'other'), sum(overdue) FROM fs GROUP BY item;
SELECT status, route, count(*) FROM fs GROUP BY status, route;
SELECT refer_to, count(*), sum(status IN ('acknowledged', 'resolved', 'closed')), sum(done), sum(overdue)
FROM fs WHERE route = 'other' GROUP BY refer_to;
SELECT count(*) FILTER (WHERE satisfaction IN ('satisfied', 'basic')), count(*) FROM finding_events
WHERE satisfaction IS NOT NULL AND date <= @asof;
SELECT count(*) FROM visit_violations x JOIN visits v ON v.id = x.visit_id WHERE v.date <= @asof;
