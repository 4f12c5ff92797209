# The problem ledger (问题台账): finding add, update, follow-up, list, show.

finding-title = Finding
finding-history-title = History
finding-is-closed = finding { $id } is closed; nothing changes after closed
finding-closed-by-follow-up = finding { $id }: a finding is closed by its follow-up, not by an update
finding-closed-by-follow-up-hint = record the follow-up with `zoufang finding follow-up ID --satisfaction satisfied|basic|unsatisfied --note …`
finding-follow-up-next = a resolved finding is followed up next: `zoufang finding follow-up`
finding-no-update-applies = no update applies now
finding-can-go-to = from { $from } it can go to { $next } (--status { $code })
finding-bad-transition = finding { $id } (route: { $route }) cannot go from { $from } to { $to }
finding-follow-up-too-early = finding { $id } is { $status }: a follow-up comes after it is resolved
finding-now = finding { $id } is now { $status }
finding-closed-now = finding { $id } closed
finding-reopened-now = finding { $id } reopened: now { $status }
finding-needs-note = the change needs a note (--note): what was done, by whom
finding-no-visit = no visit { $visit }
finding-no-category = the finding has no category
finding-no-category-hint = add --category, e.g. water, air, rural
finding-refer-to-needed = a referred finding (route other) needs --refer-to: the local government or department it goes to
finding-refer-to-not-for-env = --refer-to is for route other; the bureau handles route env itself
finding-on-site-is-env = a finding solved on the spot (--on-site) is the bureau's own: use --route env
finding-empty-description = the finding has an empty description (--desc)
finding-before-visit = the finding is dated { $date }, before its visit ({ $visit_date })
finding-due-before-found = the deadline { $due } is before the finding ({ $date })
finding-hazard-needs-due = a hazard (work item 5) needs a rectification deadline
finding-hazard-needs-due-hint = add --due YYYY-MM-DD
finding-logged = logged finding { $id } ({ $category }, { $status })
