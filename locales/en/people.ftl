# Staff and the corrections of records (src/cli/staff.rs, src/store/registry.rs, src/cli/visit/).

staff-ambiguous = { $n } staff members answer to '{ $name }':
    { $lines }
staff-ambiguous-hint = refer to one as { $example } or by its id (4 or more characters)
staff-ambiguous-by-id-hint = refer to one by its id (4 or more characters of it)
staff-none = no staff member called '{ $name }'
staff-none-hint = add them with `zoufang staff add` or check `zoufang staff list`
staff-none-in = no staff member called { $name } in '{ $place }'; there are:
    { $lines }
staff-none-in-hint = give the division as `zoufang staff list` shows it, or the id
staff-same-which-hint = name the one meant: --same-as { $name }@DIVISION, or --same-as ID
staff-already-recorded = { $who } ({ $org }) is already recorded as { $id }
staff-already-recorded-hint = to update them add --same; if this is another person of the same name and division, add --another
staff-added = added staff { $id } { $who }
staff-updated = updated staff { $id } { $who }
staff-unchanged = unchanged: staff { $id } { $who }
staff-namesakes = note: { $who } shares the name with { $others }; refer to each as name@division or by id
staff-import-twins = { $n } staff members are recorded as { $who } of { $org }: a list cannot tell them apart (update them one by one with `zoufang staff add NAME --same-as ID`)

correction-no-reason = a correction needs its reason (--reason TEXT): what was wrong
correction-no-reason-hint = e.g. --reason "the date was mistyped"
correction-reason-too-long = the reason is longer than { $max } characters
correction-reason-control = the reason holds control characters
visit-is-voided = visit { $id } was voided on { $on } by { $by } ({ $reason }); a voided visit is kept as it was
visit-is-voided-hint = log the visit again if it did take place
visit-voided = voided visit { $id }: it is kept, shown as voided, and counted nowhere
visit-voided-findings = its { $n } findings ({ $ids }) are no longer counted either; `zoufang finding show` still shows them
visit-shown-voided = voided on { $on } by { $by }: { $reason }
visit-shown-correction = { $on } { $by }: { $changes } (reason: { $reason })
