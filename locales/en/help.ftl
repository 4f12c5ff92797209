# --help: clap's own words, then each command (help-<path>) and option (help-<path>--<id>).
# See src/i18n/help.rs.

clap-usage = Usage:
clap-options = Options
clap-arguments = Arguments
clap-commands = Commands
clap-examples = Examples:
clap-help = Print help
clap-version = Print version
clap-list-sep = {", "}
clap-possible-values = [possible values: { $values }]
clap-default = [default: { $value }]
clap-env = [env: { $name }]
clap-err-invalid-value = invalid value '{ $value }' for '{ $arg }'
clap-err-unknown-argument = unexpected argument '{ $arg }' found
clap-err-invalid-subcommand = unrecognized subcommand '{ $name }'
clap-err-missing-required = the following required arguments were not provided: { $args }
clap-err-missing-subcommand = '{ $name }' requires a subcommand
clap-err-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
clap-err-no-equals = equal sign is needed when assigning values to '{ $arg }'
clap-err-value-validation = invalid value '{ $value }' for '{ $arg }': { $reason }
clap-err-too-many-values = unexpected value '{ $value }' for '{ $arg }' found
clap-err-wrong-number-of-values = wrong number of values for '{ $arg }'

clap-err-invalid-utf8 = invalid UTF-8 was detected in one or more arguments
clap-err-valid-values = possible values: { $values }
clap-err-did-you-mean = tip: a similar one exists: { $suggestion }
clap-err-more-help = For more information, try '--help'.

help-zoufang = Field-visit campaign records for an environmental bureau, in one SQLite file
help-zoufang--db = Database file (else $ZOUFANG_DB, else the platform data directory)
help-zoufang--format = Output format
help-zoufang--output = Write the output to FILE instead of standard output
help-zoufang--lang = Language of everything a person reads: messages, help, tables, documents
help-zoufang--today = The date that due and overdue are judged against (YYYY-MM-DD)
help-zoufang--as-user = Who is recorded in the audit log (else $ZOUFANG_USER, else the OS user)
help-zoufang--bom = Start CSV output with a byte-order mark, so that Excel opens it as UTF-8
help-zoufang--no-input = Never prompt; a missing value is an error (also when stdin is not a terminal)
help-zoufang--color = Colour on a terminal (overdue red, due soon yellow, closed dimmed); NO_COLOR turns auto off
help-zoufang--no-pager = Print long output straight to the terminal instead of through $PAGER (less)
help-zoufang--wide = Tables on a terminal: every column, not the short set a narrow window gets
help-zoufang--columns = Only these columns, in this order (their English keys, as in csv: --columns id,date,status)
help-init = Create the campaign database of a bureau (the level follows from the code)
help-init--org = Division code of the bureau: province (33), city (3305) or county (330523)
help-init--year = Campaign year
help-init--name = Name of the bureau (default: the division's full name followed by the word for environmental bureau)
help-demo =
    Build a realistic demo campaign in a new database, then print the dashboard.

    county: the Anji county bureau (330523) with Anji's real townships and villages, ~300 enterprises, five groups, ~150 visits with their feedback forms and ~400 findings in every state; a few seconds.
    city: the Huzhou city bureau (3305) with its 5 counties, the province's data set cut to them (1,400 villages, 5,500 enterprises, 11,000 visits, 27,500 findings); a few seconds in a release build.
    province: the Zhejiang provincial bureau (33) with the data set of SPEC §7 (25,000 villages, 100,000 enterprises, 200,000 visits, 500,000 findings); under a minute in a release build.

    The campaign stands as of April 15th of its year. The dashboard is judged against --today when it falls in the campaign year, else against that date. The same seed gives the same data, ids included.
help-demo--scale = county (Anji, 330523), city (Huzhou, 3305) or province (Zhejiang, 33)
help-demo--seed = Seed of the generator: the same seed gives the same campaign
help-demo--year = Campaign year
help-demo--city = With --scale city: another city of the province (its 4-digit code, e.g. 3301), built at Huzhou's sizes with its own counties: one database per city, for the roll-up bench
help-status = The dashboard: deliverables due or late, research reports, groups against quotas, open and overdue findings, discipline violations, counties not yet covered
help-suggest = Suggest targets for a group, with the reason each ranks where it does
help-suggest--group = The group's code
help-suggest--n = How many targets to suggest
help-area = Townships and villages (the division registry)
help-area-import = Import townships or villages from an NBS-layout CSV (the layout is recognised by its header)
help-area-import--file = The CSV file (UTF-8 or GBK)
help-area-import--skip-bad = Import the good rows and list the bad ones, instead of importing nothing
help-area-import--encoding = The file's encoding (default: detected)
help-area-add = Add one township or village
help-area-add--code = Division code: 9 digits for a township, 12 for a village
help-area-add--name = Name
help-area-list = List areas
help-area-list--level = province, city, county, township or village
help-area-list--under = Only areas inside this code
help-area-show = Show an area: its parents and its counts of children
help-area-show--code = Division code
help-village = Villages (a shortcut for the village level of `area`)
help-village-add = Add one village (its township must be known)
help-village-add--code = The village's 12-digit code
help-village-add--name = Name
help-village-list = List villages
help-village-list--under = Only villages inside this code (a county or township)
help-village-show = Show a village
help-village-show--code = The village's 12-digit code
help-village-import = Import villages from the NBS village layout
help-village-import--file = The CSV file (UTF-8 or GBK)
help-village-import--skip-bad = Import the good rows and list the bad ones, instead of importing nothing
help-village-import--encoding = The file's encoding (default: detected)
help-enterprise = Enterprises (by unified social credit code)
help-enterprise-add = Register an enterprise
help-enterprise-add--uscc = Unified social credit code (18 characters)
help-enterprise-add--name = Enterprise name
help-enterprise-add--county = County code
help-enterprise-add--village = Village code (12 digits)
help-enterprise-add--industry = Industry
help-enterprise-add--zone = Cluster zone code
help-enterprise-add--tags = ';'-separated: difficulty:pollution, difficulty:upgrading, difficulty:emission, promising, featured, env-industry, key-project
help-enterprise-add--contact = Contact person
help-enterprise-add--phone = Contact phone
help-enterprise-list = List enterprises
help-enterprise-list--county = Only enterprises of this county
help-enterprise-list--tag = Only enterprises with this tag
help-enterprise-show = Show one enterprise
help-enterprise-show--uscc = Unified social credit code
help-enterprise-edit = Change an enterprise's details (only the options given change)
help-enterprise-edit--uscc = Unified social credit code
help-enterprise-edit--name = New name
help-enterprise-edit--contact = New contact person
help-enterprise-edit--phone = New contact phone
help-enterprise-edit--industry = New industry
help-enterprise-edit--village = New village code
help-enterprise-edit--tags = New tags (';'-separated; replace the old ones)
help-enterprise-edit--zone = New cluster zone code
help-enterprise-import = Import enterprises from CSV (English keys or Chinese headers, any column order)
help-enterprise-import--file = The CSV file (UTF-8 or GBK)
help-enterprise-import--skip-bad = Import the good rows and list the bad ones, instead of importing nothing
help-enterprise-import--encoding = The file's encoding (default: detected)
help-zone = Cluster zones (industrial parks and the like)
help-zone-add = Register a cluster zone
help-zone-add--code = A short code for the zone, unique in the campaign
help-zone-add--name = Name
help-zone-add--county = County code
help-zone-list = List cluster zones
help-staff = Staff of the bureau
help-staff-add = Add a staff member (a name already recorded adds another person of that name, unless --same)
help-staff-add--name = Name
help-staff-add--org = The bureau they belong to (default: this database's bureau)
help-staff-add--title = Title
help-staff-add--division = Division
help-staff-add--leader = A leader: may lead a visit group
help-staff-add--role = Role in the leading group: head, deputy, member
help-staff-add--phone = Phone
help-staff-list = List staff
help-staff-show = Show a staff member (by id prefix or unique name)
help-staff-show--staff = Id prefix or unique name
help-staff-import = Import staff from CSV: name, org, title, division, leader (English keys or Chinese headers)
help-staff-import--file = The CSV file (UTF-8 or GBK)
help-staff-import--skip-bad = Import the good rows and list the bad ones, instead of importing nothing
help-staff-import--encoding = The file's encoding (default: detected)
help-group = Visit groups (at most 5 people with the leader)
help-group-create = Form a visit group (at most 5 people including its leader; on a terminal, asks for what is missing)
help-group-create--code = The group's code, e.g. G1
help-group-create--leader = The leader (a staff member marked as a leader)
help-group-create--member = A member (repeatable)
help-group-create--county = Linked counties (repeatable): a county code or name
help-group-create--from = First day of the trip (YYYY-MM-DD)
help-group-create--to = Last day of the trip (YYYY-MM-DD)
help-group-create--name = Name of the group
help-group-create--quota-counties = Counties to cover (default: by the bureau's level)
help-group-create--quota-villages = Villages to visit (default: by the bureau's level)
help-group-create--quota-enterprises = Enterprises to visit (default: by the bureau's level)
help-group-add-member = Add a member to a group
help-group-add-member--group = The group's code
help-group-add-member--staff = The staff member (id prefix or unique name)
help-group-remove-member = Remove a member from a group (not its leader)
help-group-remove-member--group = The group's code
help-group-remove-member--staff = The staff member (id prefix or unique name)
help-group-plan-target = Plan a target for a group
help-group-plan-target--group = The group's code
help-group-plan-target--village = A village: its code, or its name (with or without its township) or a unique part of it
help-group-plan-target--enterprise = An enterprise: its credit code, or a unique part of its name
help-group-plan-target--zone = A cluster zone: its code, or a unique part of its name
help-group-plan-target--bureau = A county environmental bureau: its county code, or the county's name
help-group-plan-target--reception = A leaders' reception, by its place
help-group-plan-target--revisit = Plan it although another group has it or it was visited, for this reason
help-group-list = List the groups with their progress against quotas
help-group-show = Show a group: members, counties, planned and visited targets against the quotas
help-group-show--group = The group's code
help-visit = Visits with their feedback forms
help-visit-log = Log a visit with its feedback form and discipline record (asks for what is missing on a terminal)
help-visit-log-examples =
    zoufang visit log --group G1 --date 2012-03-06 --village 330523001203 --participant 王局 --participant 李明 --discipline-ok --answer households=12 --answer concerns=sewage,garbage
    zoufang visit log --group G1 --village 鄣吴镇鄣吴村 --participant 李明 --discipline-ok --answer households=8
    zoufang visit log --group G1 --enterprise 竹业 --participant 李明 --violation meals:工作餐
    zoufang visit log
help-visit-log--group = The group's code
help-visit-log--date = Visit date (default: today)
help-visit-log--village = A village: its code, or its name (with or without its township) or a unique part of it
help-visit-log--enterprise = An enterprise: its credit code, or a unique part of its name
help-visit-log--zone = A cluster zone: its code, or a unique part of its name
help-visit-log--bureau = A county environmental bureau: its county code, or the county's name
help-visit-log--reception = A leaders' reception, by its place
help-visit-log--item = Work item 1-9 (default: from the kind of target)
help-visit-log--participant = Group members who took part (repeatable; name or id)
help-visit-log--method = How the visit was made
help-visit-log--discipline-ok = All five prohibitions were observed
help-visit-log--violation = A breach of one prohibition: meals, gifts, entertainment, against-will, escort (CODE[:note], repeatable)
help-visit-log--form-file = The feedback form's answers as a JSON object
help-visit-log--answer = One answer of the feedback form (repeatable): households=12, concerns=sewage,garbage
help-visit-log--revisit = Visit a target already visited or planned for another group, for this reason
help-visit-log--notes = Notes
help-visit-log--county = County of a reception: its code or name
help-visit-list = List visits
help-visit-list--since = Only visits on or after this date
help-visit-list--until = Only visits on or before this date
help-visit-list--group = Only visits of this group
help-visit-list--county = Only visits in this county
help-visit-list--item = Work item 1-9
help-visit-list--kind = Target kind
help-visit-list--violations = Only visits that broke one of the five prohibitions
help-visit-show = Show a visit with its form as filled
help-visit-show--id = The visit's id (a unique prefix is enough)
help-finding = The problem ledger: findings and their handling
help-finding-add = Log a difficulty or problem found on a visit (on a terminal, asks for what is missing)
help-finding-add--visit = The visit's id (a unique prefix is enough)
help-finding-add--category = Category (default on a reception: petition)
help-finding-add--desc = Description
help-finding-add--route = How it is handled
help-finding-add--assign = Handling division; default: the lead division of the visit's work item
help-finding-add--refer-to = Who a referred finding goes to (route other)
help-finding-add--due = Deadline; default 30 days after the finding; required for hazards
help-finding-add--severity = Severity
help-finding-add--on-site = Solved on the spot
help-finding-add--date = Date it was found (default: the visit's date)
help-finding-add--note = Note
help-finding-update = Move a finding on: in-progress, resolved (route env); acknowledged, resolved (route other)
help-finding-update--id = The finding's id (a unique prefix is enough)
help-finding-update--status = The new status
help-finding-update--note = Note
help-finding-update--date = When it happened (default: today)
help-finding-follow-up = Record the follow-up of a resolved finding: satisfied or basic closes it, unsatisfied reopens it
help-finding-follow-up--id = The finding's id (a unique prefix is enough)
help-finding-follow-up--satisfaction = How satisfied the people concerned are
help-finding-follow-up--note = Note
help-finding-follow-up--date = Date of the follow-up (default: today)
help-finding-list = List findings
help-finding-list--status = Only findings in this status
help-finding-list--route = Only findings handled this way
help-finding-list--division = Only findings of this handling division
help-finding-list--category = Only findings of this category
help-finding-list--county = Only findings in this county
help-finding-list--overdue = Only findings past their deadline and not resolved
help-finding-show = Show a finding with its whole history
help-finding-show--id = The finding's id (a unique prefix is enough)
help-form = Feedback forms: filled forms and their definitions
help-form-enterprise = Enterprise feedback forms: filled forms of enterprise and cluster-zone visits
help-form-enterprise--visit = One visit
help-form-enterprise--since = Only visits on or after this date
help-form-enterprise--until = Only visits on or before this date
help-form-village = Village and household feedback forms: filled forms of village visits
help-form-village--visit = One visit
help-form-village--since = Only visits on or after this date
help-form-village--until = Only visits on or before this date
help-form-bureau = Local bureau feedback forms: filled forms of county-bureau visits
help-form-bureau--visit = One visit
help-form-bureau--since = Only visits on or after this date
help-form-bureau--until = Only visits on or before this date
help-form-general = The campaign's general feedback form: derived from every visit and its findings
help-form-general--visit = One visit
help-form-general--since = Only visits on or after this date
help-form-general--until = Only visits on or before this date
help-form-define = Replace a form for this database with a new version (visits keep the version they were filled with)
help-form-define--kind = Which form: enterprise, village, bureau
help-form-define--from = The new definition (JSON, as `form show --format json` writes it)
help-form-show = Show a form's fields (json gives a definition that `form define` takes back)
help-form-show--kind = Which form: enterprise, village, bureau
help-form-show--version = Version (default: the current one)
help-report = The documents owed upward: plan, progress, final report
help-report-plan = The implementation plan (due 2/25)
help-report-plan--as-of = Count only what is dated on or before this date (default: today)
help-report-plan--since = Start of the period; default: the day after the previous deadline
help-report-progress = Phased progress (due 3/25): every figure for the period and cumulative
help-report-progress--as-of = Count only what is dated on or before this date (default: today)
help-report-progress--since = Start of the period; default: the day after the previous deadline
help-report-final = The written report (due 6/25), with one section per work item ready to edit
help-report-final--as-of = Count only what is dated on or before this date (default: today)
help-report-final--since = Start of the period; default: the day after the previous deadline
help-export = Export records for scripts (csv or json; table and md for people)
help-export--what = Which records
help-export--county = Only records of this county
help-export--since = Only records dated on or after this date
help-export--until = Only records dated on or before this date
help-check = Check the database's integrity and the campaign's rules
help-research = Research reports of the groups
help-research-submit = Record a group's research report from a text file (UTF-8 or GBK)
help-research-submit--group = The group's code
help-research-submit--file = The report as a plain-text file (UTF-8, or GBK as Chinese Windows saves it)
help-research-submit--date = Date the report came in (default: today)
help-research-submit--title = Title (default: the file name without its extension)
help-research-list = One row per group: due date, submission, length and state (on time, late, missing, due)
help-workplan = Lead divisions' work plans
help-workplan-submit = Record that a work item's lead division sent its work plan (a later date replaces an earlier one)
help-workplan-submit--item = Work item: 1-9, its key (village, enterprise, …) or its Chinese name
help-workplan-submit--date = Date the plan came in
help-workplan-list = The nine work items, their lead divisions and when each plan came in
help-case = Typical cases
help-case-add = Record a typical case
help-case-add--title = Title
help-case-add--item = Work item: 1-9, its key or its Chinese name
help-case-add--county = County code (inside this bureau's area)
help-case-add--date = Date of the case (default: today)
help-case-add--summary = Summary
help-case-list = List typical cases, by date
help-publicity = Publicity items
help-publicity-add = Record a publicity item
help-publicity-add--title = Title
help-publicity-add--outlet = Where it appeared: newspaper, TV, website, briefing …
help-publicity-add--item = Work item: 1-9, its key or its Chinese name
help-publicity-add--date = Date it appeared (default: today)
help-publicity-list = List publicity items, by date
help-deliverable = Deliverables received from lower bureaus (and this bureau's own)
help-deliverable-record = Record that a bureau sent a deliverable (a later record for the same bureau and kind replaces the date)
help-deliverable-record--org = The bureau that sent it: this bureau's own code or that of a city or county bureau under it
help-deliverable-record--kind = plan (due 2/25), progress (due 3/25) or final (due 6/25)
help-deliverable-record--date = Date it came in
help-deliverable-list = Every recorded submission with its deadline, on time or late
help-sample = Random spot checks
help-sample-visits = Draw N visits at random (all of them if there are fewer); the same seed over the same visits draws the same list
help-sample-visits--n = How many visits to draw
help-sample-visits--seed = Seed of the draw (default: a random one, printed so the draw can be repeated)
help-log = Show the audit log: who changed what, when, with which command
help-log--since = Only entries on or after this date
help-sync = Laptop copies and roll-up: clone, export, import, status
help-sync-clone =
    Make a laptop copy of this bureau's database (-o FILE), with its own replica id

    The copy remembers the bureau it came from: it takes bundles from that bureau only, and the bureau takes its bundles.
help-sync-clone-examples = zoufang sync clone -o laptop-wang.db
help-sync-export =
    Write a bundle (-o FILE) of every change the peer has not acknowledged

    Without --to, a laptop copy writes for its bureau, and a bureau writes a full bundle (for any peer).

    Roll-up: `--to CITY` (an upper bureau's code) writes what the city has not been sent before, so the weekly bundle carries only the week's changes; `--full` sends everything again (a lost bundle). At the city, `--to COUNTY` writes a receipt (what the city holds, no records): imported at the county, its next bundle also carries whatever the city never received.
help-sync-export-examples =
    zoufang --db laptop-wang.db sync export -o wang-0310.zfb
    zoufang sync export --to 3a7f -o for-laptop.zfb
    zoufang sync export --to 3305 -o anji-to-huzhou.zfb
help-sync-export--to = The peer: a replica id (4+ characters, see `sync status`) or a bureau's division code
help-sync-export--full = Every change this database holds, whatever the peer acknowledged
help-sync-import = Apply a bundle from a laptop copy, a lower bureau, or (on a laptop) the bureau
help-sync-import--file = The bundle file
help-sync-import--accept-new-origin = Take the bundle although it comes from a second database of a lower bureau this one already hears from (that bureau moved to a new database for good)
help-sync-import--dry-run = Show what would be added, changed and in conflict; write nothing
help-sync-status = Peers, what was sent and acknowledged, what is pending, open conflicts
help-conflict = Conflicts and rule breaches left by sync imports
help-conflict-list = Records changed on both sides (field by field: mine and theirs), and rule breaches after merges
help-conflict-list--all = Include resolved conflicts
help-conflict-resolve =
    Settle one conflict: keep this database's version, theirs, or set fields

    The chosen version is written like any change (audited, and sent on by sync), and the other databases that met the same conflict take it too.
help-conflict-resolve-examples =
    zoufang conflict resolve 3 --keep theirs
    zoufang conflict resolve 4 --keep status=resolved
help-conflict-resolve--id = The conflict's number, as `conflict list` shows it
help-conflict-resolve--keep = mine (this database's version), theirs (the bundle's), or FIELD=VALUE… set on this database's version
help-backup = Copy the database exactly to -o FILE (a laptop copy with its own identity is `sync clone`)
help-completions = Print shell completions: `zoufang completions bash > /etc/bash_completion.d/zoufang`
help-completions--shell = The shell

help-group-set-leader = Make one person the group's only leader (the other leaders stay members), e.g. after a merge of two databases that each formed the group with its own leader
help-group-set-leader-examples =
    zoufang group set-leader G6 陈局 --reason "Both laptops formed G6; the bureau's plan decides"
help-group-set-leader--group = The group's code, e.g. G6
help-group-set-leader--staff = The new leader (a member of the group)
help-group-set-leader--reason = Why, for the audit log

help-attach = Evidence: photos and scanned forms kept with visits, findings and cases
help-attach-add = Attach photos (JPEG, PNG) or scans (PDF) to a visit, a finding or a typical case
help-attach-add-examples =
    zoufang attach add --finding 7c1e --kind before outfall.jpg
    zoufang attach add --finding 7c1e --kind after --caption "Outfall sealed" IMG_0412.jpg
    zoufang attach add --visit 3fa2 --kind form feedback-form.pdf

    Photos longer than 2,048 px are scaled down (--keep-original keeps the file as given too).
    The photo's own date and GPS position (EXIF) are kept; a photo taken more than a day away
    from its visit, or an "after" photo older than its finding, is warned about.
help-attach-add--visit = A visit (id prefix)
help-attach-add--finding = A finding (id prefix)
help-attach-add--case = A typical case (id prefix)
help-attach-add--files = The files (photos or scans); the same file attached again is stored once
help-attach-add--kind = What the picture shows: before (before rectification), after (after rectification), scene, form (the signed feedback form), other
help-attach-add--caption = A caption, shown under the picture in reports
help-attach-add--keep-original = Keep the file as given besides the scaled-down copy
help-attach-list = List attachments (all, or a record's; a visit's include its findings')
help-attach-list-examples =
    zoufang attach list --finding 7c1e
    zoufang attach list --kind after --format csv
help-attach-list--visit = A visit (id prefix)
help-attach-list--finding = A finding (id prefix)
help-attach-list--case = A typical case (id prefix)
help-attach-list--kind = Only attachments of this kind
help-attach-list--removed = Include removed attachments
help-attach-show = Show one attachment: its record, EXIF date and place, size, and whether it fits its record
help-attach-show-examples =
    zoufang attach show 9f2c
help-attach-show--id = The attachment (id prefix)
help-attach-export = Write the files into a folder, named so a person can tell what each is
help-attach-export-examples =
    zoufang attach export --to evidence/
    zoufang attach export --finding 7c1e --to out/

    Files are named RECORD-ID_KIND_DATE_ATTACHMENT.ext (e.g. finding-7c1e2a3b_after_2012-04-03_9f2c1d0e.jpg);
    index.csv beside them lists each file's record, kind, caption, date and place.
help-attach-export--visit = A visit (id prefix)
help-attach-export--finding = A finding (id prefix)
help-attach-export--case = A typical case (id prefix)
help-attach-export--to = The folder (made if missing)
help-attach-export--originals = The originals, where they were kept, instead of the scaled copies
help-attach-remove = Remove an attachment (a correction: it stays in the history with the reason)
help-attach-remove-examples =
    zoufang attach remove 9f2c --reason "Uploaded by mistake: not this village"
help-attach-remove--id = The attachment (id prefix)
help-attach-remove--reason = Why, for the audit log
help-attach-remove--date = When (default: today)
help-attach-rule = Show or switch the rule "closing a finding needs an after photo", per work item
help-attach-rule-examples =
    zoufang attach rule
    zoufang attach rule --item 5 on
    zoufang attach rule --item village on

    On by default for hazard checks (work item 5).
help-attach-rule--item = Work item: 1-9, its key or its Chinese name
help-attach-rule--switch = on or off
help-staff-add--same = This is the person already recorded under this name: update them instead of adding another
help-staff-add--same-as = Update this person (id, name@division or unique name) with the name and fields given
help-staff-add--another = Add another person even though one of the same name, bureau and division is recorded
help-visit-list--voided = Only the voided visits (otherwise they are left out)
help-visit-void = Void a visit entered by mistake: kept and shown as voided, counted nowhere (nor its findings)
help-visit-void--id = The visit (id, or 4 or more characters of it)
help-visit-void--reason = Why it is voided (kept with who and when)
help-visit-edit = Correct a visit recorded wrongly (date, participants, discipline, answers, notes): each field checked by the rules of visit log, the correction kept with who, when and why
help-visit-edit--id = The visit (id, or 4 or more characters of it)
help-visit-edit--reason = Why it is corrected (kept with who and when)
help-visit-edit--date = The right visit date (in the campaign year; after none of its findings)
help-visit-edit--participants = The group members who took part, all of them (comma-separated or repeated; name or id)
help-visit-edit--discipline-ok = All five prohibitions were observed (replaces the discipline record)
help-visit-edit--violation = A breach of one prohibition, CODE[:note], repeatable: the whole discipline record (meals, gifts, entertainment, against-will, escort)
help-visit-edit--answer = One answer of the feedback form (repeatable): households=15; KEY= with nothing clears the answer
help-visit-edit--notes = The right notes (they replace the old ones)
help-visit-edit--revisit = The reason for visiting a target visited before; empty takes it away
help-finding-edit = Correct a finding recorded wrongly (description, category, deadline, handling division, visit): each checked by the rules of finding add, the correction kept with who, when and why
help-finding-edit--id = The finding (id, or 4 or more characters of it)
help-finding-edit--reason = Why it is corrected (kept with who and when)
help-finding-edit--description = The right description
help-finding-edit--category = The right category (or its Chinese label)
help-finding-edit--due = The right deadline, not before the finding; none takes it away (a hazard keeps one)
help-finding-edit--division = The right handling division
help-finding-edit--visit = The visit it was found on, when it was logged at the wrong one
