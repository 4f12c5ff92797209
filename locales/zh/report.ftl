# The dashboard (status) and the reports.

status-title = { $name } · { $year }年环保大走访活动
status-sent-on-time = 按时报送
status-sent-late = 迟报 { $days } 天
status-due-today = 今天截止
status-days-left = 还有 { $days } 天
status-overdue-days = 逾期 { $days } 天
status-handed-in-late = 迟交
status-handed-in-on-time = 按时
status-deliverable = { $kind ->
    [plan] 实施方案
    [progress] 阶段性进展
   *[final] 书面报告
}
status-bar-villages = { $group } 村
status-bar-enterprises = { $group } 企业
status-measure-total = 问题总数
status-measure-open = 未办结
status-measure-overdue = 逾期
status-measure-referred = 已转办未答复
status-measure-awaiting-follow-up = 办结待回访
status-measure-closed = 已销号
status-and-more = … 还有 { $n } 条：{ $command }
prohibition-meals = 吃请和报销
prohibition-gifts = 有价证券或礼品
prohibition-entertainment = 公款娱乐
prohibition-against-will = 违背群众意愿
prohibition-escort = 层层陪同和迎送
