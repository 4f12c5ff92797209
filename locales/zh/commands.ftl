# 其余命令的消息：研究报告、材料报送、企业、区划、产业集聚区、初始化、表单、示例、典型案例、备份、报告、公示、检查、导出（src/cli/、src/store/）。

# research（src/cli/research.rs）。
timeliness-on-time = 按时
timeliness-late = 逾期提交
timeliness-missing = 逾期未交
timeliness-due = 待交
research-no-file-hint = 请给出存为 .txt 文件的报告的路径
research-not-text-hint = 请把报告存为纯文本（.txt），UTF-8 或 GBK 编码
research-date-hint = 请用 --date 写明报告收到的日期，如 --date { $year }-03-20
research-empty = { $path } 是空的
research-empty-hint = 请给出存有报告正文的文件
research-recorded = 已登记走访组 { $group } 的调研报告 { $id }：{ $chars } 字，应交日期 { $due }
research-revised = 注意：走访组 { $group } 已于 { $first } 交过报告；这一份作为修改稿保存（以第一次的日期计算是否按时）
research-late = 逾期 { $days } 天（应交日期 { $due }）
research-before-trip = 注意：{ $date } 早于该组走访开始的日期（{ $from }）
research-length = 注意：报告有 { $chars } 字；要求约 5000 字

# deliverable（src/cli/deliverable.rs）。
deliverable-plan = 实施方案
deliverable-progress = 阶段性进展
deliverable-final = 书面报告
deliverable-unknown = 没有“{ $raw }”这种报送材料
deliverable-unknown-hint = 可用：plan（实施方案）、progress（阶段性进展）或 final（书面报告）
deliverable-org-hint = 请给出局的行政区划代码，如县 330523、市 3305
deliverable-not-bureau = { $org } 是{ $level }代码；报送材料来自省、市、县环保局
deliverable-not-bureau-hint = 请给出局的 2 位、4 位或 6 位代码
deliverable-outside-hint = 请登记本局（{ $bureau }）或其下级局
deliverable-unknown-org = { $org } 不是本次活动已知的行政区划
deliverable-unknown-org-hint = 用 `zoufang area list` 核对代码
deliverable-same = { $org } 的{ $what }已于 { $date } 登记；未作改动
deliverable-changed = { $org } { $name } 的{ $what }：日期由 { $old } 改为 { $date }（截止 { $due }）
deliverable-recorded = 已登记 { $org } { $name } 的{ $what }，报送日期 { $date }（截止 { $due }）
deliverable-late = 逾期 { $days } 天

# 企业（src/store/groups.rs、src/cli/enterprise.rs）。
enterprise-none = 没有企业 { $uscc }
enterprise-none-hint = 用 `zoufang enterprise add` 登记
enterprise-none-list-hint = `zoufang enterprise list` 列出已登记的企业
enterprise-exists = 企业 { $uscc } 已经登记过
enterprise-exists-hint = 用 `zoufang enterprise edit` 修改
enterprise-added = 已登记企业 { $uscc } { $name }
enterprise-unchanged = { $uscc } 未变
enterprise-updated = { $uscc } 已更新

# 区划、产业集聚区、初始化（src/cli/area.rs、zone.rs、init.rs、export.rs）。
outcome-added = 新增
outcome-updated = 已更新
outcome-unchanged = 未变
area-added = { $level } { $code } { $name }：{ $outcome }
area-not-village-file = { $file } 是{ $level }文件，不是村文件
area-not-village-file-hint = 乡镇请用 `zoufang area import` 导入
area-parent-disagrees = { $code } 属于 { $parent }，但该行的 { $column } 写的是 { $stated }
area-none = 数据库中没有区划 { $code }
area-none-hint = `zoufang area list` 列出已知的区划
zone-needs-code-and-name = 产业集聚区须有代码和名称
zone-exists = 产业集聚区 { $zone } 已经存在
zone-added = 已添加产业集聚区 { $zone }
init-not-a-bureau = { $org } 不是省、市或县的代码
init-did-you-mean = 是不是以下之一：{ $near }
init-bad-year = { $year } 不是活动年度
init-bad-year-hint = 年度请写四位数字，如 --year 2012
init-created = 已建立 { $path }：{ $name }（{ $level } { $org }），活动 { $province }-{ $year }
export-not-county = { $code } 不是本次活动的县或市
export-not-county-hint = `zoufang area list --level county` 列出各县

# 表单、示例、典型案例、备份、报告、公示、检查、工作方案、抽查（src/cli/）。
form-no-such-kind = 没有可定义的“{ $raw }”表
form-no-such-kind-hint = 可定义的表是 enterprise、village 和 bureau；通用表由它们派生
form-defined = { $title }现为第 { $version } 版；此前的走访保留填写时的版本
form-no-visits = 该范围内没有填写{ $title }的走访
form-pages-written = 已写出 { $page }（{ $pages } 页）及 { $photos } 张照片和扫描件（在 { $dir } 中，页内有链接）
form-photos-listed = 照片只列出，未写出：用 -o 文件夹/ 把它们写在页面旁边
form-missing = 数据库中没有“{ $kind }”表
form-version-missing = 数据库中没有“{ $kind }”表的第 { $version } 版
demo-no-document = 示例打印的工作台没有 xlsx 或 docx 形式
demo-no-document-hint = 请用 --format table、md、json 或 csv
demo-building-province = 正在 { $path } 中生成全省规模的示例（约需半分钟到一分钟）…
demo-created = 已建立 { $path }：{ $name }（种子 { $seed }），用时 { $secs } 秒：{ $villages } 个村，{ $enterprises } 家企业，{ $staff } 名干部，{ $groups } 个走访组，{ $visits } 次走访，{ $findings } 个问题
demo-as-of = 下面的工作台按示例的日期 { $today } 计算（--today 可另选 { $year } 年的某一天）
give-title-hint = 用 --title 写明
case-needs-title = 典型案例须有标题
case-county-hint = 请给出 { $org } 内某县的 6 位代码，如 `zoufang area list --level county`
case-added = 已添加典型案例 { $id }（{ $date }）：{ $title }
publicity-needs-title = 宣传报道须有标题
publicity-added = 已添加宣传报道 { $id }（{ $date }）：{ $title }
backup-needs-output = 备份需要一个写出的文件
backup-needs-output-hint = 请加 -o FILE，如 `zoufang backup -o anji.db`
backup-copied = 已把 { $from } 复制到 { $to }
report-since-after = 统计期的开始（{ $since }）晚于报告日期（{ $as_of }）
report-since-after-hint = --since 须不晚于 --as-of
report-photos-placed = 文档中放入了 { $n } 张照片（{ $mb } MB）
report-photo-unreadable = 注意：存档的照片 { $photo } 无法读取，未放入文档；`zoufang check` 可查找损坏
check-change = 更改 { $entry }
check-damaged = 文件已损坏：{ $path }（文件本身有 { $n } 处问题；未检查活动的规则）
check-damaged-hint = 请从备份恢复（`zoufang backup -o FILE` 可做备份）；由它生成的数据包会被拒收
check-ok = { $path }：完好（完整性、更改日志、外键和活动的规则）
check-breaches = 在 { $path } 中发现 { $n } 处违反活动规则的问题
check-breaches-hint = `zoufang conflict list` 列出它们及改正所用的命令
workplan-same = 工作事项 { $item } 的工作方案已于 { $date } 登记；未作改动
workplan-changed = 工作事项 { $item } { $name }（{ $division }）的工作方案：日期由 { $old } 改为 { $date }
workplan-recorded = 已登记工作事项 { $item } { $name }（{ $division }）的工作方案，报送日期 { $date }
target-give-one = 只能给一个走访对象：--village、--enterprise、--zone、--bureau 或 --reception
sample-none = --n 0 抽不到任何走访
sample-none-hint = 请写要抽取的走访数，如 --n 10
sample-drawn = 以种子 { $seed } 从 { $of } 次走访中抽取了 { $n } 次；重抽同样的结果：`zoufang sample visits --n { $asked } --seed { $seed }`

# 数据库文件（src/store/mod.rs、attachments.rs、forms.rs）。
store-cannot-create = 无法建立 { $path }：{ $detail }
store-cannot-write = 无法写入 { $path }
store-upgrading = 正在把 { $path } 的数据结构从第 { $from } 版升级到第 { $to } 版（只做一次；数据库大时需要一些时间）…
store-new-identity = { $path } 是从另一个数据库文件复制（或移动）来的：它现在有了自己的同步身份（副本 { $new }，原为 { $old }），不会再与原文件混为一个；与它交换数据的数据库要收到它的下一个数据包（`zoufang sync export`）后才认得它
attach-blob-missing = 存档的文件 { $sha } 在数据库中缺失
attach-none = 没有附件 { $id }
attach-already-removed = 附件 { $id } 已于 { $on } 撤除；未写入任何内容

# check 列出的问题（src/store/check.rs）。
check-fk = 引用了不存在的 { $parent } 记录
check-spans-differ = 报告所用的办理过程副本与办理过程本身不一致
check-group-size = { $n } 人；上限为 { $max } 人
check-no-leader = 没有组长
check-leaders = 有 { $n } 名组长，或组长未标为领导
check-participant = 参加人员 { $staff } 不是走访组 { $group } 的成员
check-visit-size = 参加人员 { $n } 人；上限为 { $max } 人
check-duplicate-visit = { $kind } { $code } 已走访过（走访 { $visit }），且未写明回访理由
check-discipline-contradicts = 标为遵守纪律，却有违反记录
check-discipline-none = 没有纪律记录
check-after-photo-removed = 凭整改后照片销号，而该照片此后已撤除；工作事项 { $item } 要求有此照片
check-history-nothing = （无）
check-history-ends = 状态为“{ $status }”，但办理过程止于“{ $last }”
check-history-gap = 从“{ $from }”起的一步接在“{ $last }”之后
check-history-move = “{ $from }”→“{ $to }”不是允许的变更
check-history-start = 起始状态为“{ $to }”，而不是“{ $first }”
check-history-date = 日期为 { $date } 的变更排在日期为 { $before } 的变更之后
check-form-missing = 它所填的表 { $kind } 第 { $version } 版不存在

# 内部一致性（示例生成、数据库文件）：出现即为程序错误。
demo-planned-twice = 示例：{ $kind } { $code } 被计划了两次
demo-form-missing = 示例：缺少一张表单
demo-hazard-needs-deadline = 示例：隐患类问题须有办理时限
demo-not-a-bureau = 示例：{ $org } 不是一个局
store-applying-schema = 建立数据结构（schema.sql）失败
store-meta-bad = 数据库 meta 表中的“{ $key }”无法读取
check-progress = 检查
check-step-integrity = 完整性
check-step-rules = 规则
check-step-done = 完成
report-progress = 报告
