# 走访组（src/domain/group.rs、src/cli/group.rs、src/store/groups.rs）。

group-too-big = 走访组 { $group } 将有 { $people } 人；一个走访组连组长在内最多 { $max } 人
group-too-big-hint = 请先移出一名组员（`zoufang group remove-member`），或另组一个组
group-leader-not-leader = { $name } 不能任走访组 { $group } 的组长：走访组须由领导带队
group-leader-not-leader-hint = 用 `zoufang staff add NAME --leader` 把其标为领导，或另选一位领导
group-bad-code = “{ $code }”不是走访组代号
group-bad-code-hint = 请用字母、数字和 - 组成的短代号，如 G1
group-trip-backwards = 走访结束日期（{ $to }）早于开始日期（{ $from }）
