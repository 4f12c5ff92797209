# The dashboard (status) and the reports.

status-title = { $name } · field-visit campaign { $year }
status-sent-on-time = sent on time
status-sent-late = sent { $days ->
    [one] { $days } day
   *[other] { $days } days
} late
status-due-today = due today
status-days-left = { $days ->
    [one] { $days } day left
   *[other] { $days } days left
}
status-overdue-days = { $days ->
    [one] { $days } day late
   *[other] { $days } days late
}
status-handed-in-late = late
status-handed-in-on-time = on time
status-deliverable = { $kind ->
    [plan] implementation plan
    [progress] phased progress
   *[final] written report
}
status-bar-villages = { $group } villages
status-bar-enterprises = { $group } enterprises
status-measure-total = findings
status-measure-open = not resolved
status-measure-overdue = overdue
status-measure-referred = referred, not answered
status-measure-awaiting-follow-up = resolved, awaiting follow-up
status-measure-closed = closed
status-and-more = … and { $n } more: { $command }
prohibition-meals = meals and expense claims
prohibition-gifts = securities or gifts
prohibition-entertainment = entertainment at public expense
prohibition-against-will = against the people's will
prohibition-escort = escorts and receptions at every level
