# Visit groups (src/domain/group.rs, src/cli/group.rs, src/store/groups.rs).

group-too-big = group { $group } would have { $people } people; a visit group has at most { $max } including its leader
group-too-big-hint = remove a member first (`zoufang group remove-member`), or form another group
group-leader-not-leader = { $name } cannot lead group { $group }: a group is led by a leader
group-leader-not-leader-hint = mark them with `zoufang staff add NAME --leader`, or choose a leader
group-bad-code = '{ $code }' is not a group code
group-bad-code-hint = use a short code of letters, digits and -, e.g. G1
group-trip-backwards = the trip ends ({ $to }) before it starts ({ $from })
group-none = no group '{ $group }'
group-none-hint = `zoufang group list` shows the groups
group-exists = group { $code } already exists
group-exists-hint = choose another code; `zoufang group list` shows them
group-created = created group { $code }: { $leader } and { $n } members, { $from } to { $to }
group-already-member = { $who } is already in group { $group }
group-joined = { $who } joined group { $group } ({ $n } people)
group-not-member = { $who } is not in group { $group }
group-keeps-leader = { $who } leads group { $group }; a group keeps its leader
group-member-visited = { $who } took part in { $n } visits of group { $group }; the record keeps them as members
group-left = { $who } left group { $group }
group-leader-needs-reason = say why the group's leader is set (--reason), for the audit log
group-leads = { $name } leads group { $group }
group-leads-demoted = { $name } leads group { $group } ({ $n } former leader(s) stay as members)
group-plan-needs-target = name the target: --village, --enterprise, --zone or --bureau
group-plan-reception = receptions are not planned as targets; log them with `zoufang visit log --reception PLACE`
group-already-planned = { $target } is already planned for group { $group }
group-planned = planned { $target } for group { $group }
group-reception-needs-place = a reception needs its place: --reception PLACE
