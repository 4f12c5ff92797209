# 走访组（src/domain/group.rs、src/cli/group.rs、src/store/groups.rs）。

group-too-big = 走访组 { $group } 将有 { $people } 人；一个走访组连组长在内最多 { $max } 人
group-too-big-hint = 请先移出一名组员（`zoufang group remove-member`），或另组一个组
group-leader-not-leader = { $name } 不能任走访组 { $group } 的组长：走访组须由领导带队
group-leader-not-leader-hint = 用 `zoufang staff add NAME --leader` 把其标为领导，或另选一位领导
group-bad-code = “{ $code }”不是走访组代号
group-bad-code-hint = 请用字母、数字和 - 组成的短代号，如 G1
group-trip-backwards = 走访结束日期（{ $to }）早于开始日期（{ $from }）
group-none = 没有走访组“{ $group }”
group-none-hint = `zoufang group list` 列出各走访组
group-exists = 走访组 { $code } 已经存在
group-exists-hint = 请换一个代号；`zoufang group list` 列出已有的
group-created = 已建立走访组 { $code }：组长 { $leader }，组员 { $n } 人，{ $from } 至 { $to }
group-already-member = { $who } 已在走访组 { $group } 中
group-joined = { $who } 已加入走访组 { $group }（共 { $n } 人）
group-not-member = { $who } 不在走访组 { $group } 中
group-keeps-leader = { $who } 是走访组 { $group } 的组长；走访组须保留组长
group-member-visited = { $who } 参加过走访组 { $group } 的 { $n } 次走访；记录中须保留其组员身份
group-left = { $who } 已退出走访组 { $group }
group-leader-needs-reason = 请写明更换组长的理由（--reason），记入审计日志
group-leads = { $name } 现任走访组 { $group } 组长
group-leads-demoted = { $name } 现任走访组 { $group } 组长（原组长 { $n } 人留作组员）
group-plan-needs-target = 请指明走访对象：--village、--enterprise、--zone 或 --bureau
group-plan-reception = 大接访不列入走访计划；请用 `zoufang visit log --reception PLACE` 登记
group-already-planned = { $target } 已列入走访组 { $group } 的计划
group-planned = 已把 { $target } 列入走访组 { $group } 的计划
group-reception-needs-place = 大接访须写明地点：--reception PLACE
