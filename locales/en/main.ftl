# Messages of the whole program. Ids: area-what. See src/i18n/mod.rs for how to add one.

error-line = Error: { $message }
hint-line = Hint: { $hint }
warning-line = Warning: { $message }

# A catalogue self-test (src/i18n/tests.rs).
test-plural = { $n ->
    [one] { $n } visit
   *[other] { $n } visits
}

db-damaged = { $path } is damaged ({ $detail })
db-damaged-hint = restore it from a backup (`zoufang backup -o FILE` makes one); `zoufang check` lists what SQLite can still read
db-not-readable = { $path } is not a readable SQLite database ({ $detail })
db-not-readable-hint = if it is a damaged zoufang database, restore it from a backup (`zoufang backup -o FILE` makes one)
db-cannot-read = cannot read { $path }: { $detail }
output-is-database = -o { $path } is the database itself; writing there would destroy it
output-is-database-hint = choose another output file

# Dates (src/domain/dates.rs).
date-not-a-date = '{ $raw }' is not a date
date-not-a-date-hint = write dates as YYYY-MM-DD, e.g. 2012-03-05
date-outside-year = { $what } { $date } is outside the campaign year { $year }
date-outside-year-hint = dates of this campaign fall in { $year }
date-what-the-work-plan-date = the work plan date
date-what-the-trip-start = the trip start
date-what-the-trip-end = the trip end
date-what-the-submission-date = the submission date
date-what-the-report-date = the report date
date-what-today-s-date = today's date
date-what-the-date-of-the-change = the date of the change
date-what-the-finding-date = the finding date
date-what-the-deadline = the deadline
date-what-the-visit-date = the visit date
date-what-the-trip = the trip
date-what-visit-date = visit date

# Ids typed by their prefix (src/store/ids.rs).
record-visit = visit
record-finding = finding
record-staff = staff member
id-not-an-id = '{ $prefix }' is not a { $what } id
id-not-an-id-hint = give at least 4 hex digits of the id, as the list commands show it
id-none = no { $what } with id { $prefix }
id-none-hint = list them with `{ $command }`
id-ambiguous = id { $prefix } matches more than one { $what }
id-ambiguous-hint = type more characters of the id

# Single fields, checked alike by their command and by every other path (src/domain/fields.rs).
field-quota-negative = { $field } cannot be { $n }: a quota is 0 or more
field-not-one-of = { $field } cannot be “{ $value }”
field-one-of = one of: { $values }
field-not-a-date = { $what } cannot be { $value }: it is a date
field-whole-number = { $field } takes a whole number, not { $value }
field-empty = { $field } cannot be empty

# Sync: copies restored or copied, roll-up between bureaus (src/sync/import.rs, src/cli/sync.rs).
sync-parts-sep = {"; "}
sync-restored = this database was restored from an older copy (or copied from another database): { $parts }; nothing was lost
sync-restored-kept-sent = its { $n ->
    [one] 1 new change was
   *[other] { $n } new changes were
} kept and the sender already has { $n ->
    [one] it
   *[other] them
}
sync-restored-kept-unsent = its { $n ->
    [one] 1 new change was
   *[other] { $n } new changes were
} kept and will be sent with its next bundle (`zoufang sync export`)
sync-restored-kept-some-unsent = its { $n } new changes were kept; { $unsent } of them will be sent with its next bundle (`zoufang sync export`)
sync-restored-brought-back = { $n ->
    [one] 1 change it had lost was
   *[other] { $n } changes it had lost were
} brought back
sync-from-former = { $n ->
    [one] 1 change
   *[other] { $n } changes
} made under this database's former identity (before it was copied or restored into this file, or since by the database it was copied from) came in
sync-still-lost = this database was restored from an older copy: the sender holds { $n ->
    [one] 1 change
   *[other] { $n } changes
} this database made and no longer has; they come with its next bundle once it has this database's next bundle (`zoufang sync export`), or at once with a full one (`zoufang sync export --full` there)
sync-still-lost-at-least = this database was restored from an older copy: the sender holds at least { $n ->
    [one] 1 change
   *[other] { $n } changes
} this database made and no longer has; they come with its next bundle once it has this database's next bundle (`zoufang sync export`), or at once with a full one (`zoufang sync export --full` there)
sync-forked-elsewhere = a database was restored from an older copy or copied and went on working ({ $lines }): two different changes carried the same number; both were kept, nothing was replaced
sync-forked-where = replica { $replica } from its change #{ $at } on
sync-second-database = { $file } comes from a database of bureau { $org } (replica { $replica }) other than the one this database hears from (replica { $known }, last bundle { $last }); taking both would count { $org }'s records twice; nothing was imported
sync-second-database-never = never
sync-second-database-hint = if { $org } now works in this new database for good, import it with `--accept-new-origin`; otherwise ask { $org } for a bundle of the database it sent before
sync-from-above = { $file } comes from bureau { $org }, above this one, and carries its records; a bureau takes from above only receipts (what the upper bureau holds); nothing was imported
sync-from-above-hint = at { $org }, `zoufang sync export --to { $me } -o FILE` writes a receipt for this bureau
sync-receipt-written = wrote { $file }: a receipt for { $org } (what this database holds, no records): imported there, its next bundle carries only what is new
sync-bundle-written = wrote { $file }: { $n } changesets, { $bytes } bytes, { $whom }{ $ranges }
sync-bundle-for-upper = for { $org }, the bureau above (no receipt from it yet)
sync-bundle-for-upper-full = for { $org }, the bureau above (no receipt from it yet), full
sync-bundle-for = for { $org } (replica { $replica })
sync-bundle-for-full = for { $org } (replica { $replica }), full
sync-bundle-full = full bundle
sync-bundle-control-character = { $file } carries a control character ({ $char }) in { $table } { $record }, column { $column }: text that could drive a terminal; nothing was imported
sync-bundle-control-character-hint = the bundle was not made by zoufang, or was altered: ask its sender for a new one (`zoufang sync export`)
sync-would-conflict = would be in conflict: { $table } { $record } ({ $what })
sync-what-deleted-there-changed-here = deleted there, changed here
sync-what-changed-on-both-sides = changed on both sides
sync-what-changed-there-missing-here = changed there, missing here
sync-what-added-on-both-sides = added on both sides, differently
sync-what-resolved-differently = resolved differently on two sides
sync-what-conflict = conflict

# demo --city (src/cli/demo.rs).
demo-city-not-a-city = --city { $code } is not a city of Zhejiang
demo-city-not-a-city-hint = give a 4-digit city code of the province, e.g. --city 3301 (杭州市)
demo-city-needs-city-scale = --city goes with --scale city
demo-city-needs-city-scale-hint = add --scale city
