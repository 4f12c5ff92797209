# Messages of the whole program. Ids: area-what. See src/i18n/mod.rs for how to add one.

error-line = 错误：{ $message }
hint-line = 提示：{ $hint }
warning-line = 注意：{ $message }

# A catalogue self-test (src/i18n/tests.rs).
test-plural = { $n } 次走访

db-damaged = { $path } 已损坏（{ $detail }）
db-damaged-hint = 请从备份恢复（`zoufang backup -o FILE` 可做备份）；`zoufang check` 列出 SQLite 仍能读出的内容
db-not-readable = { $path } 不是可读的 SQLite 数据库（{ $detail }）
db-not-readable-hint = 如果它是已损坏的 zoufang 数据库，请从备份恢复（`zoufang backup -o FILE` 可做备份）
db-cannot-read = 无法读取 { $path }：{ $detail }
output-is-database = -o { $path } 就是数据库本身，写到那里会毁掉它
output-is-database-hint = 请另选一个输出文件

# Dates (src/domain/dates.rs).
date-not-a-date = “{ $raw }”不是日期
date-not-a-date-hint = 日期请写成 YYYY-MM-DD，如 2012-03-05
date-outside-year = { $what } { $date } 不在活动年度 { $year } 内
date-outside-year-hint = 本次活动的日期都在 { $year } 年
date-what-the-work-plan-date = 工作方案报送日期
date-what-the-trip-start = 走访起始日期
date-what-the-trip-end = 走访结束日期
date-what-the-submission-date = 报送日期
date-what-the-report-date = 报告日期
date-what-today-s-date = 今天的日期
date-what-the-date-of-the-change = 变更日期
date-what-the-finding-date = 问题登记日期
date-what-the-deadline = 办理时限
date-what-the-visit-date = 走访日期
date-what-the-trip = 走访日期
date-what-visit-date = 走访日期

# Ids typed by their prefix (src/store/ids.rs).
record-visit = 走访
record-finding = 问题
record-staff = 干部
id-not-an-id = “{ $prefix }”不是{ $what }编号
id-not-an-id-hint = 请至少输入编号的前 4 位（十六进制），与列表命令显示的一致
id-none = 没有编号为 { $prefix } 的{ $what }
id-none-hint = 用 `{ $command }` 列出
id-ambiguous = 编号 { $prefix } 对应不止一个{ $what }
id-ambiguous-hint = 请多输入几位编号

# 单个字段的规则：命令本身和其他写入途径共用（src/domain/fields.rs）。
field-quota-negative = { $field } 不能是 { $n }：任务数须为 0 或更多
field-not-one-of = { $field } 不能是“{ $value }”
field-one-of = 可选：{ $values }
field-not-a-date = { $what } 不能是 { $value }：须为日期
field-whole-number = { $field } 须为整数，而不是 { $value }
field-empty = { $field } 不能为空
