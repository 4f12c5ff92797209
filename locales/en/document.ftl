# The documents a bureau sends (report plan|progress|final as docx and xlsx): the prose, the
# tables' captions and headers, the summary sheet. Made in src/report/written.rs.

doc-month-day = { $day } { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
}
doc-date = { $date } { $year }
doc-list-sep = {", "}
doc-clause-sep = {", "}
doc-case-sep = {"; "}
doc-period = Period
doc-cumulative = To date
doc-yes = yes
doc-no = no
doc-other = other
doc-total = Total
doc-none = None.
doc-nothing = none
doc-point = { $n }. { $text }
doc-group-n = group { $code }
doc-whole-county = the county
doc-whole-city = the city
doc-whole-province = the province
doc-table-caption = Table { $n }. { $what }
doc-figure = Figure { $n }
doc-figures = Figures { $from } to { $to }

doc-report-title = { $issuer }: report on { $kind ->
    [progress] the progress of
   *[final] the conduct of
} the { $year } environmental field-visit campaign
doc-since = {" "}since { $date }
doc-opening = Following the overall arrangements for the campaign, our bureau has conducted the environmental field-visit campaign “Into villages and enterprises, serving the grassroots, improving the environment”{ $since }. We report on { $kind ->
    [progress] its progress so far
   *[final] how it was carried out
} as follows:

doc-basic = Overview
doc-n-villages = { $n ->
    [one] one village
   *[other] { $n } villages
}
doc-n-households = { $n ->
    [one] one household
   *[other] { $n } households
}
doc-n-enterprises = { $n ->
    [one] one enterprise
   *[other] { $n } enterprises
}
doc-n-zones = { $n ->
    [one] one industrial cluster
   *[other] { $n } industrial clusters
}
doc-n-bureaus = { $n ->
    [one] one county bureau
   *[other] { $n } county bureaus
}
doc-n-forums = { $n ->
    [one] one forum held
   *[other] { $n } forums held
}
doc-n-receptions = { $n ->
    [one] one reception by leading cadres
   *[other] { $n } receptions by leading cadres
}
doc-basic-cumulative = By { $date }, { $whole } had formed { $groups } visit groups with { $people } people, made { $visits } visits in all and reached { $places }; { $meetings }.
doc-visited = reaching { $places }
doc-basic-period = In the period ({ $since } to { $date }){ $groups ->
    [0] {""}
   *[other] {" "}{ $groups } groups were formed with { $people } people and
} { $visits } visits were made{ $detail }.
doc-covered-all = The visits have covered all { $total } counties of the area; { $period } were visited in the period.
doc-covered-some = Of the { $total } counties of the area, { $covered } have been visited ({ $period } in the period) and { $missing } not yet: { $names }.
doc-table-groups = Visits by group
doc-table-counties = Visits by county
doc-table-items = Visits by work item
doc-table-lower = Deliverables of the lower bureaus
doc-lower-intro = Table { $table } shows how the { $lower ->
    [city] cities
   *[county] counties
} sent their implementation plans, progress reports and written reports.
doc-sent-on-time = on time ({ $date })
doc-sent-late = late ({ $date })
doc-not-sent = not sent
doc-not-due = not yet due

doc-approach = Approach
doc-todo-approach = 【To complete: organisation and leadership, publicity, rules and safeguards】
doc-workplan-missing-item = “{ $item }” ({ $division })
doc-workplans-all = The lead divisions' work plans for all { $n } work items have been sent.
doc-workplans-some = Of the lead divisions' work plans for the { $n } work items, { $sent } have been sent and { $missing } not yet: { $items }.
doc-publicity = Publicity: { $n } reports ({ $period } in the period) in { $outlets } and other media.
doc-case = Typical case: { $title }. { $summary }
doc-item-lead = Lead division: { $division }.
doc-item-figures = By { $date }, { $visits } visits ({ $period_visits } in the period) found { $found } problems ({ $period_found } in the period): { $on_site } solved on the spot, { $taken_back } taken back, { $referred } referred; { $resolved } resolved, a resolution rate of { $rate }{ $period_found ->
    [0] {""}
   *[other] {" "}(of those found in the period, { $period_resolved } resolved, { $period_rate })
}; { $cases } typical cases.
doc-todo-item = 【To complete: approach, typical cases, problems】

doc-results = Results
doc-results-findings = Findings and their handling
doc-findings-cumulative = In all, { $found } problems were found: { $on_site } solved on the spot, { $taken_back } taken back, { $referred } referred; { $resolved } are resolved, a resolution rate of { $rate } and an on-time rate of { $on_time }; { $overdue } are overdue.
doc-findings-period = In the period ({ $since } to { $date }), { $found } problems were found: { $on_site } solved on the spot, { $taken_back } taken back, { $referred } referred; by { $date } { $resolved } of them were resolved, a resolution rate of { $rate } and an on-time rate of { $on_time }, and { $overdue } are overdue. In all { $dated } problems were resolved in the period{ $earlier ->
    [0] {""}
   *[other] {" "}(including { $earlier } found earlier)
}.
doc-follow-ups = Resolved problems were followed up { $n } times: { $satisfied } satisfied, { $basic } basically satisfied, { $unsatisfied } unsatisfied, a satisfaction rate of { $rate }; in the period { $period } follow-ups: { $period_satisfied } satisfied, { $period_basic } basically satisfied, { $period_unsatisfied } unsatisfied, { $period_rate }. Every unsatisfied case was handled again.
doc-table-categories = Findings by category
doc-table-divisions = Findings by handling division
doc-table-county-findings = Findings by county
doc-results-referrals = Referrals
doc-referrals = Problems outside the bureau's remit were referred to { $units } bodies: { $n } in all, { $acknowledged } acknowledged, { $answered } answered, { $overdue } overdue; in the period { $period } referred, { $period_acknowledged } acknowledged, { $period_answered } answered, { $period_overdue } overdue.
doc-table-referrals = Referrals
doc-results-receptions = Receptions by leading cadres
doc-receptions = Leading cadres held { $n } receptions ({ $period } in the period) and took { $petitions } petitions ({ $period_petitions } in the period), of which { $resolved } are resolved, { $rate } (of those taken in the period, { $period_resolved } resolved, { $period_rate }).
doc-results-hazards = Environmental hazards and their rectification
doc-hazards = { $n } environmental hazards were found ({ $period } in the period), { $rectified } rectified, { $rate }; of those found in the period, { $period_rectified } rectified, { $period_rate }; { $overdue } overdue and not rectified ({ $period_overdue } of those found in the period).
doc-hazard-photos-some = { $total } hazards have photos before and after rectification; the first { $shown } found are shown in { $figures }, the others are in the evidence ledger.
doc-hazard-photos = Before and after rectification: { $figures }.

doc-problems = Problems
doc-problem-open = Handling must speed up: by { $date }, { $open } problems were not resolved{ $overdue ->
    [0] {""}
   *[other] , { $overdue } of them overdue
}.
doc-research-missing = the research reports of { $groups } are overdue
doc-research-late = { $groups } sent their research reports late
doc-problem-research = Research reports were not all sent on time: { $parts }.
doc-violation = { $date }, { $group }: { $note } (against “{ $violation }”)
doc-violation-plain = { $date }, { $group } broke the rule against “{ $violation }”
doc-problem-discipline = Discipline must tighten: { $n } breaches of the five prohibitions were found: { $cases }.
doc-problem-uncovered = Coverage is incomplete: no visit yet in { $names }.
doc-todo-problems = 【To complete: other problems】
doc-problems-line = By { $date }, { $overdue } problems are overdue and { $uncovered } counties not yet covered. 【To complete: other problems】
doc-next = Next steps
doc-todo-next = 【To complete: consolidating the results, closing the findings, lasting mechanisms】

doc-h-span = Span
doc-h-found = Found
doc-h-on-site = Solved on the spot
doc-h-taken-back = Taken back
doc-h-referred = Referred
doc-h-resolved = Resolved
doc-h-resolution-rate = Resolution rate
doc-h-on-time-rate = On-time rate
doc-h-overdue = Overdue
doc-h-group = Group
doc-h-leader = Leader
doc-h-visits = Visits
doc-h-villages = Villages
doc-h-quota-villages = Village quota
doc-h-enterprises = Enterprises
doc-h-quota-enterprises = Enterprise quota
doc-h-covered = Covered
doc-h-county = County
doc-h-city = City
doc-h-item-no = No.
doc-h-item = Work item
doc-h-lead-division = Lead division
doc-h-visits-period = Visits (period)
doc-h-visits-cumulative = Visits (cumulative)
doc-h-org = Bureau
doc-h-plan = Plan
doc-h-progress = Progress
doc-h-final = Written report
doc-h-visits-received = Visits received
doc-h-refer-to = Referred to
doc-h-acknowledged = Acknowledged
doc-h-answered = Answered
doc-h-category = Category
doc-h-division = Division
doc-h-members = Members
doc-h-linked-counties = Counties
doc-h-trip = Trip

doc-plan-title = { $issuer }: implementation plan of the { $year } environmental field-visit campaign
doc-plan-intro = To carry out the environmental field-visit campaign “Into villages and enterprises, serving the grassroots, improving the environment”, { $name } brings the province, city and county levels together in visit groups that go into villages and enterprises to hear opinions and solve difficulties.
doc-role-head = Head
doc-role-deputy = Deputy head
doc-role-member = Members
doc-person-title = { $name } ({ $title })
doc-role-line = { $role }: { $people }
doc-todo-leading-group = 【To complete: members of the leading group】
doc-plan-leading-group = A leading group for the campaign is set up. { $roles }.
doc-plan-groups = { $n } visit groups are formed, each led by a group leader with at most five members, each linked to counties of the area whose villages and enterprises it visits (Table 1).
doc-table-plan-groups = Visit groups
doc-workplan-sent = work plan sent on { $date }
doc-workplan-not-sent = work plan not yet sent
doc-plan-item = Lead division: { $division }; { $state }.
doc-research-report-of = research report of { $group }
doc-deadline = { $n }. By { $date }: { $what }.
doc-plan-research-due = Each group sends its research report (about 5,000 characters) within a week of the end of its visits.
doc-plan-discipline = The five prohibitions are strictly kept during the visits.
doc-plan-no-violations = By { $date }, no breach of the five prohibitions has been found.
doc-plan-violations = By { $date }, { $n } breaches of the five prohibitions were found: { $cases }.

doc-s-visits = Visits
doc-s-findings = Findings
doc-s-handling = Handling
doc-summary-title = { $area }: environmental field-visit campaign statistics
doc-summary-issuer = Reporting bureau: { $issuer }
doc-summary-dates = As of { $date } (period since { $since })
doc-sheet-title = { $title } (as of { $date })
xlsx-summary-sheet = Summary
doc-other-units = { $n ->
    [one] one other body
   *[other] { $n } other bodies
}
doc-violation-kind = { $violation }: { $n }
doc-problem-discipline-many = Discipline must tighten: { $n } breaches of the five prohibitions were found ({ $kinds }), listed in Table { $table }.
doc-table-violations = Breaches of the five prohibitions
doc-h-date = Date
doc-h-violation = Breach
doc-h-note = What happened
doc-city-covers-all = A city's visits must cover every county of the city.
xlsx-footer = &CPage &P of &N
doc-photo-before = before rectification
doc-photo-after = after rectification
doc-photo-scene = on site
doc-photo-form = feedback form
doc-photo-other = other
doc-photo-caption = { $label } ({ $date })
doc-photo-caption-text = { $label }: { $caption } ({ $date })
doc-figure-title = Figure { $n }. { $what }
doc-photo-case = Typical case: { $title }
doc-photo-place = { $place }: { $what }
doc-data-title = { $name }: { $kind ->
    [plan] implementation plan of
    [progress] progress of
   *[final] final report on
} the { $year } environmental field-visit campaign
