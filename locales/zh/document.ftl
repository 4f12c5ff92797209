# The documents a bureau sends (report plan|progress|final as docx and xlsx): the prose, the
# tables' captions and headers, the 汇总表. Made in src/report/written.rs.

doc-month-day = { $month }月{ $day }日
doc-date = { $year }年{ $date }
doc-list-sep = 、
doc-clause-sep = ，
doc-case-sep = ；
doc-period = 当期
doc-cumulative = 累计
doc-yes = 是
doc-no = 否
doc-other = 其他
doc-total = 合计
doc-none = 无。
doc-nothing = 无
doc-point = { $n }是{ $text }
doc-group-n = 走访组{ $code }
doc-whole-county = 全县
doc-whole-city = 全市
doc-whole-province = 全省
doc-table-caption = 表{ $n } { $what }
doc-figure = 图{ $n }
doc-figures = 图{ $from }至图{ $to }

doc-report-title = { $issuer }关于{ $year }年环保大走访活动{ $kind ->
    [progress] 阶段性进展情况
   *[final] 开展情况
}的报告
doc-since = 自{ $date }起
doc-opening = 按照环保大走访活动的统一部署，我局{ $since }组织开展“进村入企走基层、服务解难优环境”环保大走访活动。现将{ $kind ->
    [progress] 活动阶段性进展情况
   *[final] 活动开展情况
}报告如下：

doc-basic = 基本情况
doc-n-villages = 村{ $n }个
doc-n-households = 农户{ $n }户
doc-n-enterprises = 企业{ $n }家
doc-n-zones = 产业集聚区{ $n }个
doc-n-bureaus = 县级环保部门{ $n }个
doc-n-forums = 召开座谈会{ $n }次
doc-n-receptions = 开展领导干部大接访{ $n }场
doc-basic-cumulative = 截至{ $date }，{ $whole }共组织走访组{ $groups }个，参加人员{ $people }人，累计走访{ $visits }次，走访{ $places }，{ $meetings }。
doc-visited = 走访{ $places }
doc-basic-period = 当期（{ $since }至{ $date }）{ $groups ->
    [0] {""}
   *[other] 新组建走访组{ $groups }个、参加人员{ $people }人，
}走访{ $visits }次{ $detail }。
doc-covered-all = 走访已覆盖所辖全部{ $total }个县（市、区），当期走访{ $period }个。
doc-covered-some = 所辖{ $total }个县（市、区）中已走访{ $covered }个（当期走访{ $period }个），尚未走访{ $missing }个：{ $names }。
doc-table-groups = 各走访组走访情况
doc-table-counties = 各县（市、区）走访情况
doc-table-items = 按重点内容走访情况
doc-table-lower = 下级报送情况
doc-lower-intro = 所辖{ $lower ->
    [city] 各市
   *[county] 各县（市、区）
}报送实施方案、阶段性进展和书面报告的情况见表{ $table }。
doc-sent-on-time = 按时（{ $date }）
doc-sent-late = 迟报（{ $date }）
doc-not-sent = 未报
doc-not-due = 未到期

doc-approach = 主要做法
doc-todo-approach = 【请补充：组织领导、宣传发动、制度保障等主要做法】
doc-workplan-missing-item = “{ $item }”（{ $division }）
doc-workplans-all = { $n }项重点内容的牵头处室工作方案已全部报送。
doc-workplans-some = { $n }项重点内容的牵头处室工作方案已报送{ $sent }项，尚未报送{ $missing }项：{ $items }。
doc-publicity = 加强宣传报道，在{ $outlets }等媒体刊发报道{ $n }篇（当期{ $period }篇）。
doc-case = 典型经验：{ $title }。{ $summary }
doc-item-lead = 牵头处室：{ $division }。
doc-item-figures = 截至{ $date }，共开展走访{ $visits }次（当期{ $period_visits }次），发现问题{ $found }个（当期{ $period_found }个），其中现场解决{ $on_site }个、带回办理{ $taken_back }个、转办{ $referred }个；已办结{ $resolved }个，办结率{ $rate }{ $period_found ->
    [0] {""}
   *[other] （当期发现的已办结{ $period_resolved }个，办结率{ $period_rate }）
}；形成典型经验{ $cases }个。
doc-todo-item = 【请补充：主要做法、典型经验、存在问题】

doc-results = 成效
doc-results-findings = 问题发现和办理
doc-findings-cumulative = 累计发现问题{ $found }个，其中现场解决{ $on_site }个、带回办理{ $taken_back }个、转办{ $referred }个；已办结{ $resolved }个，办结率{ $rate }，按期办结率{ $on_time }；逾期未办结{ $overdue }个。
doc-findings-period = 当期（{ $since }至{ $date }）发现问题{ $found }个，其中现场解决{ $on_site }个、带回办理{ $taken_back }个、转办{ $referred }个；截至{ $date }已办结{ $resolved }个，办结率{ $rate }，按期办结率{ $on_time }，逾期{ $overdue }个。当期共办结问题{ $dated }个{ $earlier ->
    [0] {""}
   *[other] （含前期发现的{ $earlier }个）
}。
doc-follow-ups = 对办结问题回访{ $n }次，满意{ $satisfied }次、基本满意{ $basic }次、不满意{ $unsatisfied }次，满意率{ $rate }；当期回访{ $period }次，满意{ $period_satisfied }次、基本满意{ $period_basic }次、不满意{ $period_unsatisfied }次，满意率{ $period_rate }。不满意的均已重新办理。
doc-table-categories = 问题分类办理情况
doc-table-divisions = 各处室办理情况
doc-table-county-findings = 各县（市、区）问题办理情况
doc-results-referrals = 问题转办
doc-referrals = 对不属于环保部门职责的问题，转交{ $units }个单位办理，累计转办{ $n }个，已签收{ $acknowledged }个、已答复{ $answered }个，逾期{ $overdue }个；当期转办{ $period }个，已签收{ $period_acknowledged }个、已答复{ $period_answered }个，逾期{ $period_overdue }个。
doc-table-referrals = 问题转办情况
doc-results-receptions = 领导干部大接访
doc-receptions = 开展领导干部大接访{ $n }场（当期{ $period }场），受理信访诉求{ $petitions }件（当期{ $period_petitions }件），已办结{ $resolved }件，办结率{ $rate }（当期受理的已办结{ $period_resolved }件，办结率{ $period_rate }）。
doc-results-hazards = 环境安全隐患排查整改
doc-hazards = 排查环境安全隐患{ $n }处（当期{ $period }处），已整改{ $rectified }处，整改率{ $rate }；当期发现的已整改{ $period_rectified }处，整改率{ $period_rate }；逾期未整改{ $overdue }处（当期发现的{ $period_overdue }处）。
doc-hazard-photos-some = 附整改前后照片的隐患共{ $total }处，按发现先后选列{ $shown }处，对比见{ $figures }；其余可在佐证材料台账中查阅。
doc-hazard-photos = 隐患整改前后对比见{ $figures }。

doc-problems = 存在问题
doc-problem-open = 问题办理有待加快。截至{ $date }，尚有{ $open }个问题未办结{ $overdue ->
    [0] {""}
   *[other] ，其中逾期{ $overdue }个
}。
doc-research-missing = { $groups }的调研报告逾期未交
doc-research-late = { $groups }的调研报告逾期提交
doc-problem-research = 调研报告报送不够及时。{ $parts }。
doc-violation = { $date }，{ $group }{ $note }（违反“{ $violation }”规定）
doc-violation-plain = { $date }，{ $group }违反“{ $violation }”规定
doc-problem-discipline = 走访纪律有待加强。走访中发现违反“五不准”规定{ $n }起：{ $cases }。
doc-problem-uncovered = 走访覆盖不够全面。{ $names }尚未开展走访。
doc-todo-problems = 【请补充：其他存在问题】
doc-problems-line = 截至{ $date }，逾期未办结问题{ $overdue }个，尚未覆盖的县{ $uncovered }个。【请补充：其他存在问题】
doc-next = 下一步打算
doc-todo-next = 【请补充：巩固走访成果、推进问题销号、建立长效机制等下一步打算】

doc-h-span = 时段
doc-h-found = 发现
doc-h-on-site = 现场解决
doc-h-taken-back = 带回办理
doc-h-referred = 转办
doc-h-resolved = 已办结
doc-h-resolution-rate = 办结率
doc-h-on-time-rate = 按期办结率
doc-h-overdue = 逾期
doc-h-group = 走访组
doc-h-leader = 组长
doc-h-visits = 走访次数
doc-h-villages = 走访村
doc-h-quota-villages = 村配额
doc-h-enterprises = 走访企业
doc-h-quota-enterprises = 企业配额
doc-h-covered = 是否覆盖
doc-h-county = 县（市、区）
doc-h-city = 所属市
doc-h-item-no = 序号
doc-h-item = 重点内容
doc-h-lead-division = 牵头处室
doc-h-visits-period = 当期走访
doc-h-visits-cumulative = 累计走访
doc-h-org = 单位
doc-h-plan = 实施方案
doc-h-progress = 阶段性进展
doc-h-final = 书面报告
doc-h-visits-received = 已上报走访
doc-h-refer-to = 转办单位
doc-h-acknowledged = 已签收
doc-h-answered = 已答复
doc-h-category = 问题类别
doc-h-division = 主办处室
doc-h-members = 成员
doc-h-linked-counties = 联系县
doc-h-trip = 走访时间

doc-plan-title = { $issuer }{ $year }年环保大走访活动实施方案
doc-plan-intro = 为深入开展“进村入企走基层、服务解难优环境”环保大走访活动，{ $name }组织省、市、县三级联动，组成走访组深入农村和企业，听取意见、解决难题。
doc-role-head = 组长
doc-role-deputy = 副组长
doc-role-member = 成员
doc-person-title = { $name }（{ $title }）
doc-role-line = { $role }：{ $people }
doc-todo-leading-group = 【请补充：领导小组组成】
doc-plan-leading-group = 成立环保大走访活动领导小组。{ $roles }。
doc-plan-groups = 共组建走访组{ $n }个，每组由一名组长带队，成员不超过五人，分别联系走访所辖县（市、区）的村和企业（见表1）。
doc-table-plan-groups = 走访组安排
doc-workplan-sent = 工作方案已于{ $date }报送
doc-workplan-not-sent = 工作方案尚未报送
doc-plan-item = 牵头处室：{ $division }，{ $state }。
doc-research-report-of = { $group }调研报告
doc-deadline = { $n }. { $date }前，{ $what }。
doc-plan-research-due = 各走访组在走访结束后一周内提交调研报告（约5000字）。
doc-plan-discipline = 走访中严格执行“五不准”规定。
doc-plan-no-violations = 截至{ $date }，未发现违反“五不准”规定的情况。
doc-plan-violations = 截至{ $date }，发现违反“五不准”规定{ $n }起：{ $cases }。

doc-s-visits = 走访
doc-s-findings = 问题
doc-s-handling = 办理
doc-summary-title = { $area }环保大走访活动进展情况统计表
doc-summary-issuer = 填报单位：{ $issuer }
doc-summary-dates = 截至日期：{ $date }（当期自{ $since }起）
doc-sheet-title = { $title }（截至{ $date }）
xlsx-summary-sheet = 汇总表
doc-other-units = 其他{ $n }个单位
doc-violation-kind = { $violation }{ $n }起
doc-problem-discipline-many = 走访纪律有待加强。走访中发现违反“五不准”规定{ $n }起，其中{ $kinds }，具体情况见表{ $table }。
doc-table-violations = 违反“五不准”规定情况
doc-h-date = 日期
doc-h-violation = 违反事项
doc-h-note = 情况说明
doc-city-covers-all = 市级走访须覆盖所辖全部县（市、区）。
xlsx-footer = &C第 &P 页，共 &N 页
doc-photo-before = 整改前
doc-photo-after = 整改后
doc-photo-scene = 现场
doc-photo-form = 反馈表
doc-photo-other = 其他
doc-photo-caption = { $label }（{ $date }）
doc-photo-caption-text = { $label }：{ $caption }（{ $date }）
doc-figure-title = 图{ $n } { $what }
doc-photo-case = 典型经验：{ $title }
doc-photo-place = { $place }：{ $what }
doc-data-title = { $name }{ $year }年环保大走访活动{ $kind ->
    [plan] 实施方案
    [progress] 阶段性进展情况
   *[final] 总结报告
}
