# The problem ledger (问题台账): finding add, update, follow-up, list, show.

finding-title = 问题台账
finding-history-title = 办理记录
finding-is-closed = 问题 { $id } 已销号，销号后不能再更改
finding-closed-by-follow-up = 问题 { $id }：销号要通过回访，不能直接改状态
finding-closed-by-follow-up-hint = 请登记回访：`zoufang finding follow-up 编号 --satisfaction satisfied|basic|unsatisfied --note …`
finding-follow-up-next = 已办结的问题下一步是回访：`zoufang finding follow-up`
finding-no-update-applies = 现在没有可做的状态变更
finding-can-go-to = 从“{ $from }”只能改为“{ $next }”（--status { $code }）
finding-bad-transition = 问题 { $id }（{ $route }）不能从“{ $from }”改为“{ $to }”
finding-follow-up-too-early = 问题 { $id } 目前是“{ $status }”：办结之后才能回访
finding-now = 问题 { $id } 现在是“{ $status }”
finding-closed-now = 问题 { $id } 已销号
finding-reopened-now = 问题 { $id } 重办：现在是“{ $status }”
finding-needs-note = 每次变更都要写说明（--note）：做了什么、由谁办理
finding-no-visit = 没有走访 { $visit }
finding-no-category = 问题没有类别
finding-no-category-hint = 请加上 --category，如 water（水污染）、air（大气污染）、rural（农村环境）
finding-refer-to-needed = 转办的问题（--route other）需要 --refer-to：转给哪个地方政府或部门
finding-refer-to-not-for-env = --refer-to 只用于转办（--route other）；本级办理（env）由本局自己办
finding-on-site-is-env = 现场解决（--on-site）的问题由本局办理：请用 --route env
finding-empty-description = 问题描述（--desc）是空的
finding-before-visit = 问题登记日期 { $date } 早于其走访日期（{ $visit_date }）
finding-due-before-found = 办理时限 { $due } 早于问题登记日期（{ $date }）
finding-hazard-needs-due = 隐患（工作事项 5）必须给出整改时限
finding-hazard-needs-due-hint = 请加上 --due YYYY-MM-DD
finding-logged = 已登记问题 { $id }（{ $category }，{ $status }）
