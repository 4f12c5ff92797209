# Visit groups (src/domain/group.rs, src/cli/group.rs, src/store/groups.rs).

group-too-big = group { $group } would have { $people } people; a visit group has at most { $max } including its leader
group-too-big-hint = remove a member first (`zoufang group remove-member`), or form another group
group-leader-not-leader = { $name } cannot lead group { $group }: a group is led by a leader
group-leader-not-leader-hint = mark them with `zoufang staff add NAME --leader`, or choose a leader
group-bad-code = '{ $code }' is not a group code
group-bad-code-hint = use a short code of letters, digits and -, e.g. G1
group-trip-backwards = the trip ends ({ $to }) before it starts ({ $from })
