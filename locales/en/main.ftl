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
