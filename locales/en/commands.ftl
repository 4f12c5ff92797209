# Messages of the other commands: research reports, deliverables, enterprises, areas, zones, init, forms, demo, cases, backup, reports, publicity, check, export (src/cli/, src/store/).

# research (src/cli/research.rs).
timeliness-on-time = on time
timeliness-late = late
timeliness-missing = missing
timeliness-due = due
research-no-file-hint = give the path of the report saved as a .txt file
research-not-text-hint = save the report as plain text (.txt), UTF-8 or GBK
research-date-hint = give the date the report came in with --date, e.g. --date { $year }-03-20
research-empty = { $path } is empty
research-empty-hint = give the file that holds the report's text
research-recorded = recorded research report { $id } of group { $group }: { $chars } characters, due { $due }
research-revised = note: group { $group } already sent a report on { $first }; this one is kept as a revised version (the first date counts for the deadline)
research-late = late by { $days } days (due { $due })
research-before-trip = warning: { $date } is before the group's trip began ({ $from })
research-length = warning: the report has { $chars } characters; about 5,000 characters are expected

# deliverable (src/cli/deliverable.rs).
deliverable-plan = plan
deliverable-progress = progress report
deliverable-final = final report
deliverable-unknown = unknown deliverable '{ $raw }'
deliverable-unknown-hint = use plan, progress or final
deliverable-org-hint = give the bureau's division code, e.g. 330523 for a county or 3305 for a city
deliverable-not-bureau = { $org } is a { $level } code; deliverables come from province, city and county bureaus
deliverable-not-bureau-hint = give the bureau's 2-, 4- or 6-digit code
deliverable-outside-hint = record this bureau ({ $bureau }) or a bureau under it
deliverable-unknown-org = { $org } is not a known division of this campaign
deliverable-unknown-org-hint = check the code with `zoufang area list`
deliverable-same = the { $what } of { $org } was already recorded on { $date }; nothing changed
deliverable-changed = the { $what } of { $org } { $name }: date changed from { $old } to { $date } (due { $due })
deliverable-recorded = the { $what } of { $org } { $name } recorded on { $date } (due { $due })
deliverable-late = late by { $days } days

# Enterprises (src/store/groups.rs, src/cli/enterprise.rs).
enterprise-none = no enterprise { $uscc }
enterprise-none-hint = register it with `zoufang enterprise add`
enterprise-none-list-hint = `zoufang enterprise list` shows the registered ones
enterprise-exists = enterprise { $uscc } is already registered
enterprise-exists-hint = change it with `zoufang enterprise edit`
enterprise-added = added enterprise { $uscc } { $name }
enterprise-unchanged = { $uscc } unchanged
enterprise-updated = { $uscc } updated

# Areas, zones, init (src/cli/area.rs, zone.rs, init.rs, export.rs).
outcome-added = added
outcome-updated = updated
outcome-unchanged = unchanged
area-added = { $level } { $code } { $name }: { $outcome }
area-not-village-file = { $file } is a { $level } file, not a village file
area-not-village-file-hint = import townships with `zoufang area import`
area-parent-disagrees = { $code } lies in { $parent }, but the row says { $column } { $stated }
area-none = no area { $code } in this database
area-none-hint = `zoufang area list` shows what is known
zone-needs-code-and-name = a zone needs a code and a name
zone-exists = zone { $zone } already exists
zone-added = added zone { $zone }
init-not-a-bureau = { $org } is not a province, city or county code
init-did-you-mean = did you mean one of: { $near }
init-bad-year = { $year } is not a campaign year
init-bad-year-hint = give the year as four digits, e.g. --year 2012
init-created = created { $path } for { $name } ({ $level } { $org }), campaign { $province }-{ $year }
export-not-county = { $code } is not a county or city of this campaign
export-not-county-hint = `zoufang area list --level county` lists the counties

# Forms, demo, cases, backup, reports, publicity, check, work plans, sampling (src/cli/).
form-no-such-kind = there is no '{ $raw }' form to define
form-no-such-kind-hint = the typed forms are enterprise, village and bureau; the general form is derived
form-defined = the { $title } form is now version { $version }; earlier visits keep the version they were filled with
form-no-visits = no visits with the { $title } in that range
form-pages-written = wrote { $page } ({ $pages } page(s)) and { $photos } photo(s) and scan(s) in { $dir }, linked from the pages
form-photos-listed = the photos are listed, not written: give -o FOLDER/ to write them beside the pages
form-missing = the database has no '{ $kind }' form
form-version-missing = the database has no '{ $kind }' form version { $version }
demo-no-document = the dashboard the demo prints has no xlsx or docx form
demo-no-document-hint = use --format table, md, json or csv
demo-building-province = building the province-scale demo in { $path } (under a minute)…
demo-created = created { $path } for { $name } (seed { $seed }) in { $secs } s: { $villages } villages, { $enterprises } enterprises, { $staff } staff, { $groups } groups, { $visits } visits, { $findings } findings
demo-as-of = the dashboard below is judged as of { $today }, the demo's date (--today picks another day of { $year })
give-title-hint = give it with --title
case-needs-title = a case needs a title
case-county-hint = give the 6-digit code of a county inside { $org }, e.g. `zoufang area list --level county`
case-added = added case { $id } on { $date }: { $title }
publicity-needs-title = a publicity item needs a title
publicity-added = added publicity item { $id } on { $date }: { $title }
backup-needs-output = backup needs a file to write
backup-needs-output-hint = add -o FILE, e.g. `zoufang backup -o anji.db`
backup-copied = copied { $from } to { $to }
report-since-after = the period starts ({ $since }) after the report's date ({ $as_of })
report-since-after-hint = give --since on or before --as-of
report-photos-placed = { $n } photo(s) placed in the document ({ $mb } MB)
report-photo-unreadable = warning: the stored photo { $photo } cannot be read and is left out of the document; `zoufang check` looks for damage
check-change = change { $entry }
check-damaged = the file is damaged: { $path } ({ $n } problems in the file itself; the campaign's rules were not checked)
check-damaged-hint = restore it from a backup (`zoufang backup -o FILE` makes one); bundles made from it would be refused
check-ok = { $path }: ok (integrity, change log, foreign keys and the campaign's rules)
check-breaches = { $n } breaches of the campaign's rules found in { $path }
check-breaches-hint = `zoufang conflict list` shows them with the command that repairs each
workplan-same = the work plan of item { $item } was already recorded on { $date }; nothing changed
workplan-changed = work plan of item { $item } { $name } ({ $division }): date changed from { $old } to { $date }
workplan-recorded = work plan of item { $item } { $name } ({ $division }) recorded on { $date }
target-give-one = give one target: --village, --enterprise, --zone, --bureau or --reception
sample-none = --n 0 draws nothing
sample-none-hint = give how many visits to draw, e.g. --n 10
sample-drawn = drew { $n } of { $of } visits with seed { $seed }; draw again with `zoufang sample visits --n { $asked } --seed { $seed }`

# The database file (src/store/mod.rs, attachments.rs, forms.rs).
store-cannot-create = cannot create { $path }: { $detail }
store-cannot-write = cannot write { $path }
store-upgrading = upgrading { $path } from schema version { $from } to { $to } (once; a large database takes a while)…
store-new-identity = { $path } was copied from another database file (or moved): it now has its own identity for sync (replica { $new }, was { $old }), so that it and the file it was copied from are never taken for one; the databases it exchanges with know it by its next bundle (`zoufang sync export`)
attach-blob-missing = the stored file { $sha } is missing from the database
attach-none = no attachment { $id }
attach-already-removed = attachment { $id } was already removed on { $on }; nothing was written

# What check lists (src/store/check.rs).
check-fk = refers to a missing { $parent }
check-spans-differ = the reports' copy of its history differs from its history
check-group-size = { $n } people; the limit is { $max }
check-no-leader = has no leader
check-leaders = { $n } leaders, or a leader not marked as one
check-participant = participant { $staff } is not a member of { $group }
check-visit-size = { $n } participants; the limit is { $max }
check-duplicate-visit = { $kind } { $code } was already visited (visit { $visit }) and no revisit reason was given
check-discipline-contradicts = marked observed but has violations
check-discipline-none = has no discipline record
check-after-photo-removed = closed on an 'after' photo that was removed since; work item { $item } needs one
check-history-nothing = nothing
check-history-ends = status is { $status } but its history ends at { $last }
check-history-gap = a change from { $from } follows { $last }
check-history-move = { $from } → { $to } is not an allowed change
check-history-start = starts as { $to }, not { $first }
check-history-date = a change dated { $date } comes after one dated { $before }
check-form-missing = its form { $kind } v{ $version } is missing

# Internal consistency (the demo generator, the database file): seen only on a bug.
demo-planned-twice = demo: { $kind } { $code } planned twice
demo-form-missing = demo: a form is missing
demo-hazard-needs-deadline = demo: a hazard finding needs a deadline
demo-not-a-bureau = demo: { $org } is not a bureau
store-applying-schema = applying schema.sql
store-meta-bad = the database's meta '{ $key }' is unreadable
check-progress = check
check-step-integrity = integrity
check-step-rules = rules
check-step-done = done
report-progress = report
