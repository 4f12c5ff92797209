# Pick-lists and questions at a terminal (cli::pick, cli::ask), and targets found by name (store::targets).

pick-help-one = ↑↓ to move, type to narrow, Enter to choose, Esc to cancel
pick-help-several = space to tick, → all, ← none, type to narrow, Enter when done, Esc to cancel
pick-interrupted = cancelled; nothing was written
pick-failed = the terminal prompt failed; nothing was written
pick-required = '{ $field }' is required
pick-skip = (leave empty)
pick-yes = yes
pick-no = no

target-word-county = county
target-empty = { $flag } needs the code or name of a { $what }
target-none = no { $what } in this bureau's area is called or contains '{ $raw }'
target-none-hint = give the code, or see the list: `{ $list }`
target-several = '{ $raw }' matches { $n } of them ({ $what }):
    { $list }
target-several-hint = type more of the name (a village with its township), or give the code: { $flag } CODE
target-more = { "  " }… and { $n } more

visit-ask-group = group
visit-ask-no-groups = there are no visit groups yet
visit-ask-no-groups-hint = form one first: `zoufang group create`
visit-ask-kind = kind of target
visit-ask-target = { $what } (type part of its name or code)
visit-ask-none-of-kind = no { $what } is recorded in this bureau's area yet; choose another kind
visit-ask-place = place of the reception
visit-ask-duplicate = what now?
visit-ask-other-target = pick another target
visit-ask-revisit = visit again, giving the reason
visit-ask-revisit-reason = reason to visit again
visit-ask-date = date of the visit (YYYY-MM-DD)
visit-ask-item = work item
visit-ask-participants = participants
visit-ask-leader-mark = { " " }(leader)
visit-ask-discipline = the five prohibitions
visit-ask-all-kept = all observed
visit-ask-contradiction = 'all observed' cannot be ticked together with a breach
visit-ask-violation-note = note on '{ $what }' (may be left empty)
visit-ask-confirm = record this visit?
visit-ask-record = record it
visit-ask-cancel = do not record it

ask-missing = { $flag } is missing
ask-missing-hint = add it (zoufang asks for it only on a terminal)
finding-ask-visit = visit (type part of its target's name, its date or its id)
finding-ask-no-visits = there are no visits yet
finding-ask-no-visits-hint = log one first: `zoufang visit log`
finding-ask-category = category
finding-ask-route = how it is handled
finding-ask-refer-to = referred to
finding-ask-desc = description
finding-ask-due = deadline (YYYY-MM-DD; a hazard needs one)

group-ask-code = group code (e.g. G1)
group-ask-code-taken = group { $code } already exists
group-ask-leader = leader
group-ask-no-leaders = no staff member is marked as a leader yet
group-ask-no-leaders-hint = add one first: `zoufang staff add NAME --leader`
group-ask-members = members (at most 5 people with the leader)
group-ask-counties = linked counties
group-ask-from = first day of the trip (YYYY-MM-DD)
group-ask-to = last day of the trip (YYYY-MM-DD)
