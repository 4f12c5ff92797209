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
