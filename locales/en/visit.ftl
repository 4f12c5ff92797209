# Visits: visit log, list, show (src/cli/visit/, src/store/visits.rs, src/domain/visit.rs).

visit-missing = the visit has no { $what }
visit-missing-hint = add { $flag } (zoufang asks for it only on a terminal)
visit-what-group = group
visit-what-target = target
visit-what-participants = participants
visit-what-discipline = discipline record (the five prohibitions)
visit-answer-not-key-value = '{ $raw }' is not KEY=VALUE
visit-answer-not-key-value-hint = e.g. --answer households=12

visit-summary = { $date } { $group } { $target } · work item { $item } · { $method } · participants { $participants } · five prohibitions: { $discipline }
visit-discipline-kept = all observed
visit-discipline-broken = { $n ->
    [one] one breach
   *[other] { $n } breaches
}
visit-nothing-written = nothing was written
visit-logged = logged visit { $id } to { $target } on { $date }

visit-outside-trip = the visit date { $date } is outside group { $group }'s trip ({ $from } ~ { $to })
visit-not-member = { $name } is not a member of group { $group }
visit-reception-no-form = a reception has no feedback form; record what was raised as findings (category petition)
visit-discipline-contradiction = --discipline-ok and --violation contradict each other
visit-discipline-contradiction-hint = give one or the other
visit-no-discipline = the visit has no discipline record (the five prohibitions)
visit-no-discipline-hint = add --discipline-ok if all five prohibitions were observed, or --violation CODE[:note] ({ $codes })
visit-violation-twice = violation { $code } is given twice
visit-no-participant = a visit needs at least one participant
visit-no-participant-hint = add --participant NAME (repeatable)
visit-participant-not-member = a participant is not a member of group { $group }
visit-members-are = the members of { $group } are: { $names }
visit-already-visited = { $target } was already visited on { $date } by group { $group } (visit { $id }): duplicate visits are refused
visit-already-visited-hint = if the revisit is needed, give the reason with --revisit REASON
visit-planned-for-other = { $target } is planned for group { $group }: duplicate visits are refused
visit-planned-for-other-hint = leave it to that group, or give the reason with --revisit REASON

visit-record-title = Visit
visit-violated = breached: { $list }
visit-form-version = { $title } (v{ $version })


work-item-1 = visit villages and rural households
work-item-2 = visit enterprises and solve their difficulties
work-item-3 = environmental service for industrial clusters and the year's major projects
work-item-4 = leading cadres' grand reception
work-item-5 = environmental hazard survey (drinking water sources)
work-item-6 = "serve enterprises, serve the grassroots" campaign
work-item-7 = "improve the development environment" research by a hundred groups
work-item-8 = "go to the grassroots, change the style of work and writing"
work-item-9 = visit county bureaus, strengthen the grassroots
visit-flag-participant = --participant NAME
