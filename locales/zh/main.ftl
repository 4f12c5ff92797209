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

# Sync: copies restored or copied, roll-up between bureaus (src/sync/import.rs, src/cli/sync.rs).
sync-parts-sep = {"；"}
sync-restored = 本数据库是从较早的副本恢复的（或是从另一个数据库复制来的）：{ $parts }；没有丢失任何更改
sync-restored-kept-sent = 恢复后新做的 { $n } 项更改已保留，对方已收到
sync-restored-kept-unsent = 恢复后新做的 { $n } 项更改已保留，将随下一个数据包发出（`zoufang sync export`）
sync-restored-kept-some-unsent = 恢复后新做的 { $n } 项更改已保留，其中 { $unsent } 项将随下一个数据包发出（`zoufang sync export`）
sync-restored-brought-back = 丢失的 { $n } 项更改已找回
sync-from-former = 收到了本数据库以前的身份（复制或恢复到这个文件之前，或此后由它的原数据库）所做的 { $n } 项更改
sync-still-lost = 本数据库是从较早的副本恢复的：对方有本数据库做过、现已丢失的 { $n } 项更改；对方收到本数据库的下一个数据包（`zoufang sync export`）后，会随其下一个数据包发回，或在对方导出完整数据包（`zoufang sync export --full`）后立即找回
sync-still-lost-at-least = 本数据库是从较早的副本恢复的：对方至少有本数据库做过、现已丢失的 { $n } 项更改；对方收到本数据库的下一个数据包（`zoufang sync export`）后，会随其下一个数据包发回，或在对方导出完整数据包（`zoufang sync export --full`）后立即找回
sync-forked-elsewhere = 有数据库从较早的副本恢复或被复制后继续使用（{ $lines }）：两项不同的更改用了同一个编号；两项都已保留，没有覆盖任何记录
sync-forked-where = 副本 { $replica } 自其第 { $at } 项更改起
sync-second-database = { $file } 来自 { $org } 的另一个数据库（副本 { $replica }），不是本库一直接收的那个（副本 { $known }，上次数据包 { $last }）；两个都接收会把 { $org } 的记录算两遍；未导入任何内容
sync-second-database-never = 从未
sync-second-database-hint = 如果 { $org } 今后改用这个新数据库，请加 `--accept-new-origin` 导入；否则请 { $org } 从原来的数据库导出数据包
sync-from-above = { $file } 来自上级单位 { $org }，并带有其记录；从上级只接收回执（上级已有哪些更改）；未导入任何内容
sync-from-above-hint = 在 { $org } 运行 `zoufang sync export --to { $me } -o FILE` 为本单位生成回执
sync-receipt-written = 已写出 { $file }：给 { $org } 的回执（本数据库已有哪些更改，不含记录）；对方导入后，其下一个数据包只带新的更改
sync-bundle-written = 已写出 { $file }：{ $n } 个更改集，{ $bytes } 字节，{ $whom }{ $ranges }
sync-bundle-for-upper = 发给上级 { $org }（尚未收到其回执）
sync-bundle-for-upper-full = 发给上级 { $org }（尚未收到其回执），完整
sync-bundle-for = 发给 { $org }（副本 { $replica }）
sync-bundle-for-full = 发给 { $org }（副本 { $replica }），完整
sync-bundle-full = 完整数据包
sync-bundle-control-character = { $file } 的 { $table } { $record } 的 { $column } 列含有控制字符（{ $char }），这类文字可能操纵终端；未导入任何内容
sync-bundle-control-character-hint = 该数据包不是 zoufang 生成的，或已被改动：请发送方重新导出（`zoufang sync export`）
sync-would-conflict = 将会冲突：{ $table } { $record }（{ $what }）
sync-what-deleted-there-changed-here = 对方已删除，本库已修改
sync-what-changed-on-both-sides = 双方都修改了
sync-what-changed-there-missing-here = 对方修改了，本库没有此记录
sync-what-added-on-both-sides = 双方都新增了，内容不同
sync-what-resolved-differently = 双方对同一冲突的处理不同
sync-what-conflict = 冲突

# demo --city (src/cli/demo.rs).
demo-city-not-a-city = --city { $code } 不是浙江省的地级市
demo-city-not-a-city-hint = 请给出本省地级市的 4 位代码，例如 --city 3301（杭州市）
demo-city-needs-city-scale = --city 只能与 --scale city 一起使用
demo-city-needs-city-scale-hint = 请加上 --scale city
