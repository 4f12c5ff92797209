#!/usr/bin/env python3
"""Hand-made mutants of zoufang's rules, each with the test that must kill it (issue 17).

Run from a clean checkout: `python3 scripts/mutants.py [NAME_FILTER]`. For each mutant the script
changes one place in the source, runs the named tests, expects them to FAIL (the mutant is killed),
and puts the file back. A mutant whose source text is gone (the code moved on) is reported as
"not applicable" so the list can be kept up to date. Prints one line per mutant and a summary; exits
1 if any mutant survived.
"""
import os
import subprocess
import sys

MUTANTS = [
    # (name, file, original text, mutated text, cargo test arguments)
    ("deliverable sent on its due day counted late", "src/domain/research.rs",
     "return if late > 0 {", "return if late >= 0 {", ["--lib", "domain::research"]),
    ("city default village quota 3 -> 2", "src/domain/group.rs",
     "Level::City => Quotas { counties: 1, villages: 3, enterprises: 6 },",
     "Level::City => Quotas { counties: 1, villages: 2, enterprises: 6 },", ["--lib", "domain::group"]),
    ("cluster-zone visit defaults to item 2", "src/domain/visit.rs",
     '"zone" => 3,', '"zone" => 2,', ["--lib", "domain::visit"]),
    ("enterprise visit defaults to item 1", "src/domain/visit.rs",
     '"enterprise" => 2,', '"enterprise" => 1,', ["--lib", "domain::visit"]),
    ("overdue on the due day (unit)", "src/domain/finding.rs",
     "due.is_some_and(|d| d < today)", "due.is_some_and(|d| d <= today)", ["--lib", "domain::finding"]),
    ("overdue on the due day (dashboard)", "src/domain/finding.rs",
     "due.is_some_and(|d| d < today)", "due.is_some_and(|d| d <= today)",
     ["--test", "reports", "--", "the_dashboard_counts_overdue"]),
    ("resolved on the due day not on time", "src/domain/finding.rs",
     "Some(due) => resolved_on.is_some_and(|r| r <= due),", "Some(due) => resolved_on.is_some_and(|r| r < due),",
     ["--lib", "domain::finding"]),
    ("basic satisfaction does not close", "src/domain/finding.rs",
     '("satisfied" | "basic", _) => "closed",', '("satisfied", _) => "closed",', ["--lib", "domain::finding"]),
    ("a sixth person allowed in a group", "src/domain/group.rs",
     "if people > MAX_PEOPLE {", "if people > MAX_PEOPLE + 1 {", ["--test", "campaign", "--", "a_sixth_member"]),
    ("credit-code check character modulo 30", "src/domain/codes.rs",
     "let check = (31 - sum % 31) % 31;", "let check = (31 - sum % 31) % 30;", ["--lib", "domain::codes"]),
    ("final report period starts on 3/25", "src/report/campaign.rs",
     "dates::deadline(year, prev) + chrono::Days::new(1)", "dates::deadline(year, prev) + chrono::Days::new(0)",
     ["--test", "reports", "--", "the_final_period"]),
    ("SQL overdue ignores the date", "src/store/functions.rs",
     "Ok(finding::is_overdue(&status, due.as_deref(), today.as_str()))",
     "Ok(due.is_some() && !finding::is_resolved(&status))", ["--lib", "store::functions"]),
    ("reports judge on time by the first resolution", "migrations/0002_report_reads.sql",
     "(SELECT max(r.date) FROM finding_events r", "(SELECT min(r.date) FROM finding_events r",
     ["--test", "campaign", "--", "a_reopened_finding"]),
    ("on-time counted for every resolved finding", "src/report/tally.rs",
     "on_time: finding::is_on_time(status, resolved_on, due),", "on_time: finding::is_resolved(status),",
     ["--test", "reports", "--", "progress_figures_agree"]),
    ("duplicate visits not seen", "src/store/groups.rs",
     "SELECT id, group_code, date FROM visits WHERE target_kind = ?1 AND target_code = ?2 ORDER BY date, id",
     "SELECT id, group_code, date FROM visits WHERE target_kind = ?1 AND target_code = ?2 AND 0 ORDER BY date, id",
     ["--test", "campaign", "--", "duplicate"]),
    ("check misses a group of six", "src/store/check.rs",
     "GROUP BY group_code HAVING count(*) > {}", "GROUP BY group_code HAVING count(*) > 1 + {}",
     ["--test", "sync", "--", "merge_rechecks"]),
    ("a change applied twice", "src/sync/log.rs",
     "if find(conn, id)?.is_some() {", "if find(conn, id)?.is_some() && false {",
     ["--test", "sync", "--", "laptops_merge"]),
    ("a damaged bundle's checksum not checked", "src/sync/bundle.rs",
     "if crc32(content) != le_u32(trailer) {", "if false && crc32(content) != le_u32(trailer) {",
     ["--test", "sync_proptest", "--", "damaged_bundles"]),
    ("a bundle of another year accepted", "src/sync/import.rs",
     "if c.province != me.province || c.year != me.year {", "if c.province != me.province && c.year != me.year {",
     ["--test", "sync", "--", "refused_bundles"]),
]


def main():
    only = sys.argv[1] if len(sys.argv) > 1 else ""
    survived = 0
    for name, path, old, new, args in MUTANTS:
        if only and only not in name:
            continue
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if text.count(old) != 1:
            print(f"n/a       {name}: the source text is not in {path} exactly once")
            continue
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace(old, new))
        try:
            run = subprocess.run(["cargo", "test", "-q", *args], capture_output=True, text=True)
        finally:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        build_failed = "error[E" in run.stderr or "could not compile" in run.stderr
        if build_failed:
            print(f"n/a       {name}: the mutant does not compile")
        elif run.returncode != 0:
            print(f"killed    {name}  by  cargo test {' '.join(args)}")
        else:
            survived += 1
            print(f"SURVIVED  {name}  (cargo test {' '.join(args)} passed)")
        sys.stdout.flush()
    print(f"{survived} survived")
    sys.exit(1 if survived else 0)


if __name__ == "__main__":
    main()
