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

# visit edit, finding edit (src/cli/visit/edit.rs, src/cli/finding_edit.rs, src/store/edits.rs)
correction-nothing-given = nothing to correct: give the fields to change
visit-edit-options-hint = e.g. --date 2012-03-07, --participants 王局,李明, --discipline-ok or --violation CODE[:note], --answer households=12, --notes TEXT, --revisit REASON
finding-edit-options-hint = e.g. --description TEXT, --category air, --due 2012-04-30 (or none), --division 污染防治处, --visit V
visit-edit-unchanged = visit { $id } already reads so: nothing changed, nothing written
finding-edit-unchanged = finding { $id } already reads so: nothing changed, nothing written
visit-edited = corrected visit { $id }: { $fields } (kept with the reason; `zoufang visit show { $id }` shows the history)
finding-edited = corrected finding { $id }: { $fields } (kept with the reason; `zoufang finding show { $id }` shows the history)
visit-edit-finding-before-hint = its finding { $finding } is dated { $on }: give the visit a date on or before it, or move the finding first (`zoufang finding edit { $finding } --visit V --reason …`)
visit-edit-makes-duplicate = moving visit { $id } to { $date } puts it before visit { $other } ({ $other_date }) to the same target ({ $target }), which has no revisit reason: that visit would become a duplicate visit
visit-edit-makes-duplicate-hint = keep the date, give visit { $other } its reason first (`zoufang visit edit { $other } --revisit REASON --reason …`), or void one of the two (`zoufang visit void ID --reason …`)
finding-empty-division = the handling division is empty
finding-empty-division-hint = name the division (主办处室), e.g. --division 污染防治处
correction-field-date = date
correction-field-participants = participants
correction-field-discipline = discipline (five prohibitions)
correction-field-notes = notes
correction-field-revisit-reason = revisit reason
correction-field-answer = answer { $key }
correction-field-description = description
correction-field-category = category
correction-field-due = deadline
correction-field-division = handling division
correction-field-visit = visit
correction-field-voided = voided
