# Sync: bundles, laptop copies, conflicts (src/sync/, src/cli/sync.rs, src/cli/conflict.rs).

sync-describe-this = { $name } { $org } (replica { $replica })
sync-describe-laptop = a laptop copy of { $org }'s database (replica { $replica })
sync-describe-bureau = bureau { $org } (replica { $replica })
sync-meta-missing = the database has no '{ $key }' in its meta table
sync-relation-origin = origin
sync-relation-clone = laptop copy
sync-relation-lower = lower bureau
sync-relation-upper = upper bureau

# Importing a bundle (src/sync/import.rs).
sync-bundle-damaged = { $file } cannot be imported: { $why }; nothing was imported
sync-bundle-damaged-hint = ask for the bundle again (`zoufang sync export -o FILE` where it was made)
sync-other-campaign = { $file } belongs to another campaign (province { $province }, { $year }); this database is campaign { $my_province }-{ $my_year }; nothing was imported
sync-other-campaign-hint = bundles are exchanged only within one campaign: the same province and year
sync-newer-schema = { $file } was written by a newer zoufang (its records are of schema version { $version }; this zoufang exchanges version { $mine }); nothing was imported
sync-newer-schema-hint = upgrade zoufang here, then import the bundle again
sync-older-schema = { $file } was written by an older zoufang (its records are of schema version { $version }; this zoufang exchanges version { $mine }); nothing was imported
sync-older-schema-hint = upgrade zoufang where the bundle was made, open that database once (it upgrades itself), and export again
sync-from-self = { $file } was exported by this same database; nothing was imported
sync-laptop-other-origin = this laptop copy accepts bundles only from the database it was cloned from ({ $origin }); { $file } comes from { $sender }; nothing was imported
sync-laptop-other-origin-hint = import the bundle at the bureau, then bring this laptop up to date from the bureau
sync-not-our-copy = { $file } comes from { $sender }, not from a copy of this database; nothing was imported
sync-other-database-same-bureau = { $file } comes from another database of bureau { $org } (replica { $replica }), not from a copy of this one; nothing was imported
sync-bureau-outside = { $file } comes from bureau { $org }, which is not inside this bureau's area ({ $me }); nothing was imported
sync-not-ours-hint = a bureau takes bundles from its own laptop copies and from the bureaus inside its area (county → city → province); a laptop copy takes bundles from its bureau
sync-for-another = { $file } was made for another database (replica { $to }), not this one ({ $me }); nothing was imported
sync-for-another-hint = export again with `--to` naming this database, or with `--full`
sync-gap = { $file } carries change { $seq } of replica { $replica }, but this database lacks the changes before it; nothing was imported
sync-gap-hint = this database may have been restored from an older copy: ask the sender for a full bundle (`zoufang sync export --full -o FILE`)
sync-not-logged = change { $id } was not logged
sync-unknown-table = { $file } changes table { $table }, which this database does not exchange; nothing was imported
sync-columns-differ = { $file } does not fit this database: table { $table } has { $there } columns in the bundle and { $here } here; nothing was imported
sync-columns-differ-hint = both sides must run the same schema version
sync-stop-broken-references = { $n } of its changes refer to records this database does not have (broken references)
sync-stop-missing-records = its changes refer to records this database does not have
sync-stop-schema-rule = a change to { $table } { $record } breaks a rule of this database's schema (NOT NULL, CHECK or UNIQUE)
sync-stop-not-applied = a change could not be applied
sync-change-refused = { $file } cannot be imported: change { $id }: { $why }; nothing was imported
sync-change-refused-hint = the bundle needs changes this database has not received; ask the sender for a full bundle (`zoufang sync export --full`)
sync-resolution-unreadable = a resolution in the bundle is unreadable

# The bundle itself (src/sync/bundle.rs).
bundle-not-a-bundle = it is not a zoufang sync bundle
bundle-newer-format = it was written by a newer zoufang (bundle format { $version }; this zoufang reads up to { $max })
bundle-truncated = it is truncated: { $have } bytes of the { $want } it should have
bundle-wrong-length = it is damaged: { $have } bytes where { $want } were expected
bundle-checksum = it is damaged: the checksum does not match its contents
bundle-damaged = it is damaged: { $why }
bundle-unreadable-header = unreadable header ({ $detail })
bundle-header-format = the header's format differs from the envelope's
bundle-ids-mismatch = the changes' ids do not match the changes
bundle-body-mismatch = the changesets do not add up to the body
bundle-unknown-origin = entry refers to unknown origin #{ $n }
bundle-seq-out-of-range = sequence number { $seq } out of range
bundle-grew = it grew while it was read
bundle-format-zero = format version 0
bundle-ended-early = the bundle ended early
bundle-change-length = change { $origin }#{ $seq } gave { $got } bytes instead of { $want }

# The change log (src/sync/log.rs, verify.rs, values.rs, export.rs, clone.rs).
sync-log-change-short = change { $id }: { $n } bytes written of { $len }
sync-log-unreadable = cannot read change log entry { $row }
sync-not-a-value = not a stored value: { $value }
sync-damaged-not-blob = its changeset is not a blob
sync-damaged-unknown-table = it changes table { $table }, which this database does not have
sync-damaged-columns = it changes table { $table } with { $n } columns; the table has { $width }
sync-log-damaged = change { $entry } of this database's change log is damaged ({ $why }); no bundle was written
sync-log-damaged-hint = restore the database from a backup; `zoufang check` lists every damaged entry
sync-to-several-of-org = several databases of { $org } exchange bundles with this one: { $list }
sync-to-several-of-org-hint = name one by its replica id, as `zoufang sync status` shows it: --to ID
sync-to-unknown = no database '{ $to }' has exchanged bundles with this one
sync-to-unknown-hint = see the peers with `zoufang sync status`; --to takes a replica id or a bureau's division code
sync-to-ambiguous = '{ $to }' matches several peers: { $list }
sync-to-ambiguous-hint = type more characters of the replica id
sync-clone-exists = { $path } already exists; zoufang never overwrites a file with a database
sync-clone-exists-hint = choose another -o path, or move the old file away first
sync-clone-cannot-copy = cannot copy the database to { $path }
sync-clone-of-clone = this database is itself a laptop copy (of { $org }'s database)
sync-clone-of-clone-hint = make laptop copies from the bureau's own database

# The SQLite session underneath (src/sync/session.rs).
session-cannot-start = cannot start a sync session: { $detail }
session-cannot-attach = cannot attach the sync session: { $detail }
session-cannot-read = cannot read the sync session's changes: { $detail }
session-cannot-write = cannot write the sync session's changes: { $detail }
session-internal-reading = internal error while reading changes
session-internal-writing = internal error while writing changes
session-internal-handler = internal error in the conflict handler
session-unreadable-changeset = unreadable changeset: { $detail }
session-damaged-changeset = damaged changeset: { $detail }
session-unreadable-change = unreadable change: { $detail }
session-unreadable-change-to = unreadable change to { $table }: { $detail }
session-unknown-change-kind = unknown change kind { $kind } on { $table }
session-unknown-conflict-kind = unknown conflict kind { $kind }
session-changeset-too-large = changeset too large
session-bundle-damaged = the bundle's changes are damaged ({ $detail })
session-ask-again-hint = ask for the bundle again (`zoufang sync export`)
session-cannot-apply = the bundle's changes cannot be applied ({ $detail })
session-cannot-apply-hint = ask for the bundle again (`zoufang sync export`); nothing was written
session-cannot-read-changes = cannot read the changes: { $detail }

# The sync commands (src/cli/sync.rs).
sync-clone-made = made laptop copy { $file } (replica { $replica }) of { $name } { $org }
sync-import-summary = added { $added }, updated { $updated }, unchanged { $unchanged }, conflicts { $conflicts }
sync-import-summary-removed = , removed { $n }
sync-import-from = from { $sender }: { $applied } changesets applied, { $skipped } already here
sync-import-settled = { $n } open conflicts settled by resolutions made there
sync-import-conflicts-kept = both versions kept; see them with `zoufang conflict list`, settle each with `zoufang conflict resolve`
sync-import-breaches = { $n } rule breaches across records after the merge (duplicate visits, group sizes); see `zoufang conflict list`
sync-dry-run = dry run: nothing was written
sync-bundle-onto-database = { $path } is a database; a bundle never overwrites one
sync-bundle-onto-database-hint = choose another -o path for the bundle, e.g. bundle.zfb
sync-needs-output = { $what } needs a file to write
sync-needs-output-hint = add -o FILE, e.g. `zoufang { $what } -o { $example }`
sync-status-this = this database: { $me }
sync-status-changes = changes: { $own } made here, { $received } received
sync-status-no-peers = no peers yet: make a laptop copy with `zoufang sync clone -o FILE`, or import a bundle
sync-status-open = open conflicts: { $conflicts }; rule breaches: { $breaches }

# Conflicts (src/sync/conflicts.rs, src/sync/rules.rs, src/cli/conflict.rs).
conflict-none = there is no conflict { $id }
conflict-none-hint = list them with `zoufang conflict list`
conflict-keep-which = say which version to keep: --keep mine, --keep theirs, or --keep FIELD=VALUE…
conflict-keep-one = keep one version: --keep mine, --keep theirs, or --keep FIELD=VALUE…
conflict-keep-bad = '{ $value }' is not mine, theirs or FIELD=VALUE
conflict-keep-bad-hint = e.g. --keep mine, --keep theirs, or --keep status=resolved
conflict-not-whole-number = { $field } takes a whole number, not '{ $raw }'
conflict-not-number = { $field } takes a number, not '{ $raw }'
conflict-already-resolved = conflict { $id } was already resolved ({ $how }, { $at })
conflict-unknown-table = conflict { $id } is about table { $table }, which this database does not have
conflict-no-field = { $table } has no field '{ $field }'
conflict-fields-are = its fields: { $fields }
conflict-key-field = { $field } is part of the record's key and cannot be changed
conflict-history-reached = { $why }; its history has reached { $status }, so this version cannot be kept as it stands
conflict-history-reached-hint = keep the version whose status its history has reached (--keep mine or --keep theirs), then move the finding on with `zoufang finding update`
conflict-table-not-exchanged = { $table } is not exchanged
conflict-no-table = this database has no table { $table }
conflict-bad-key = unreadable record key { $key }
conflict-key-misfit = record key { $key } does not fit table { $table }
conflict-write-constraint = it leaves a required field empty, a value outside what the field allows, or refers to a record this database does not have
conflict-write-refused = the database refused it
conflict-cannot-write = cannot write the chosen version of { $table } { $record }: { $why }; nothing was written
conflict-cannot-write-hint = keep the other version, or set the fields to values the record's own command accepts
conflict-not-a-row = the chosen version of { $table } { $record } is not a row
conflict-kept-mine = kept this database's version
conflict-kept-theirs = kept their version
conflict-kept-fields = set { $fields }
conflict-resolved = conflict { $id } resolved: { $how } for { $table } { $record }
conflict-also-settled = also settled, on the same record: { $ids }
conflict-what-resolved = { $what } (resolved: { $how })
conflict-side-record = (the record)
conflict-side-missing-here = (missing here)
conflict-side-deleted-there = (deleted there)
conflict-rule = rule
conflict-none-open = no open conflicts and no rule breaches
conflict-settle-each = settle each with `zoufang conflict resolve ID --keep mine|theirs|FIELD=VALUE…`
conflict-breaches-repaired = rule breaches are repaired in the records themselves: the last column names the command
rule-repair-group-size = remove a member: `zoufang group remove-member GROUP NAME`
rule-repair-group-leader = name its one leader: `zoufang group set-leader GROUP NAME`
rule-repair-participants = add them to the group: `zoufang group add-member GROUP NAME`, or name the visit's right participants: `zoufang visit edit ID --participants A,B --reason …`
rule-repair-visit-size = name at most five participants: `zoufang visit edit ID --participants A,B --reason …`
rule-repair-duplicate-visit = void one of the visits, with a reason: `zoufang visit void ID --reason …`, or give the later one its revisit reason: `zoufang visit edit ID --revisit REASON --reason …`
rule-repair-discipline = correct the visit's discipline record: `zoufang visit edit ID --discipline-ok --reason …` (or `--violation CODE[:note]` for each prohibition broken)
rule-repair-finding-history = settle it with `zoufang conflict resolve` (its conflict) or move the finding on with `zoufang finding update`
rule-repair-form-answers = correct the answers: `zoufang visit edit ID --answer KEY=VALUE --reason …`
rule-repair-after-photo-to-close = attach the photo of the rectified site: `zoufang attach add --finding ID --kind after PHOTO.jpg` (or the bureau switches the rule off for the work item: `zoufang attach rule --item N off`)
conflict-history-note = sync conflict { $id } resolved ({ $how })
