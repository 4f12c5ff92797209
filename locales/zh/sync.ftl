# 同步：数据包、笔记本副本、冲突（src/sync/、src/cli/sync.rs、src/cli/conflict.rs）。

sync-describe-this = { $name } { $org }（副本 { $replica }）
sync-describe-laptop = { $org } 数据库的笔记本副本（副本 { $replica }）
sync-describe-bureau = 单位 { $org }（副本 { $replica }）
sync-meta-missing = 数据库的 meta 表中没有“{ $key }”
sync-relation-origin = 来源库
sync-relation-clone = 笔记本副本
sync-relation-lower = 下级单位
sync-relation-upper = 上级单位

# 导入数据包（src/sync/import.rs）。
sync-bundle-damaged = { $file } 无法导入：{ $why }；未导入任何内容
sync-bundle-damaged-hint = 请对方重新导出数据包（在原处运行 `zoufang sync export -o FILE`）
sync-other-campaign = { $file } 属于另一次活动（省 { $province }，{ $year } 年）；本数据库的活动是 { $my_province }-{ $my_year }；未导入任何内容
sync-other-campaign-hint = 数据包只在同一次活动（同一省份、同一年度）内交换
sync-newer-schema = { $file } 由更新版本的 zoufang 写出（其记录的数据结构版本为 { $version }，本版交换的是 { $mine }）；未导入任何内容
sync-newer-schema-hint = 请先升级这里的 zoufang，再导入该数据包
sync-older-schema = { $file } 由较旧版本的 zoufang 写出（其记录的数据结构版本为 { $version }，本版交换的是 { $mine }）；未导入任何内容
sync-older-schema-hint = 请在生成数据包的地方升级 zoufang，打开一次那个数据库（它会自行升级），再重新导出
sync-from-self = { $file } 就是本数据库导出的；未导入任何内容
sync-laptop-other-origin = 本笔记本副本只接收复制它的那个数据库（{ $origin }）的数据包；{ $file } 来自{ $sender }；未导入任何内容
sync-laptop-other-origin-hint = 请在局里导入该数据包，再从局里更新这台笔记本
sync-not-our-copy = { $file } 来自{ $sender }，不是本数据库的副本；未导入任何内容
sync-other-database-same-bureau = { $file } 来自单位 { $org } 的另一个数据库（副本 { $replica }），不是本数据库的副本；未导入任何内容
sync-bureau-outside = { $file } 来自单位 { $org }，它不在本单位辖区（{ $me }）内；未导入任何内容
sync-not-ours-hint = 一个局接收自己的笔记本副本和辖区内各局的数据包（县 → 市 → 省）；笔记本副本只接收本局的数据包
sync-for-another = { $file } 是为另一个数据库（副本 { $to }）生成的，不是本库（{ $me }）；未导入任何内容
sync-for-another-hint = 请重新导出，用 `--to` 指明本数据库，或加 `--full`
sync-gap = { $file } 带有副本 { $replica } 的第 { $seq } 项更改，但本数据库缺少此前的更改；未导入任何内容
sync-gap-hint = 本数据库可能是从较早的副本恢复的：请对方导出完整数据包（`zoufang sync export --full -o FILE`）
sync-not-logged = 更改 { $id } 没有记入更改日志
sync-unknown-table = { $file } 更改了表 { $table }，本数据库不交换这张表；未导入任何内容
sync-columns-differ = { $file } 与本数据库不符：表 { $table } 在数据包中有 { $there } 列，这里有 { $here } 列；未导入任何内容
sync-columns-differ-hint = 双方须使用相同版本的数据结构
sync-stop-broken-references = 其中 { $n } 项更改引用了本数据库没有的记录（引用断裂）
sync-stop-missing-records = 其中的更改引用了本数据库没有的记录
sync-stop-schema-rule = 对 { $table } { $record } 的更改违反了本数据库数据结构的规则（NOT NULL、CHECK 或 UNIQUE）
sync-stop-not-applied = 有一项更改无法应用
sync-change-refused = { $file } 无法导入：更改 { $id }：{ $why }；未导入任何内容
sync-change-refused-hint = 这个数据包需要本数据库尚未收到的更改；请对方导出完整数据包（`zoufang sync export --full`）
sync-resolution-unreadable = 数据包中有一项冲突处理无法读取

# 数据包本身（src/sync/bundle.rs）。
bundle-not-a-bundle = 它不是 zoufang 同步数据包
bundle-newer-format = 它由更新版本的 zoufang 写出（数据包格式 { $version }；本版最高读取 { $max }）
bundle-truncated = 它不完整：只有 { $have } 字节，应有 { $want } 字节
bundle-wrong-length = 它已损坏：有 { $have } 字节，应为 { $want } 字节
bundle-checksum = 它已损坏：校验和与内容不符
bundle-damaged = 它已损坏：{ $why }
bundle-unreadable-header = 文件头无法读取（{ $detail }）
bundle-header-format = 文件头的格式与外层不一致
bundle-ids-mismatch = 更改的编号与更改本身不符
bundle-body-mismatch = 各更改集加起来与正文不符
bundle-unknown-origin = 有一项引用了未知的来源 #{ $n }
bundle-seq-out-of-range = 序号 { $seq } 超出范围
bundle-grew = 读取过程中文件变大了
bundle-format-zero = 格式版本为 0
bundle-ended-early = 数据包提前结束
bundle-change-length = 更改 { $origin }#{ $seq } 有 { $got } 字节，应为 { $want } 字节

# 更改日志（src/sync/log.rs、verify.rs、values.rs、export.rs、clone.rs）。
sync-log-change-short = 更改 { $id } 只写入了 { $n } 字节，应为 { $len } 字节
sync-log-unreadable = 无法读取更改日志第 { $row } 条
sync-not-a-value = 不是可存储的值：{ $value }
sync-damaged-not-blob = 它的更改集不是二进制数据
sync-damaged-unknown-table = 它更改了表 { $table }，本数据库没有这张表
sync-damaged-columns = 它更改表 { $table } 时有 { $n } 列，而这张表有 { $width } 列
sync-log-damaged = 本数据库更改日志中的更改 { $entry } 已损坏（{ $why }）；未写出数据包
sync-log-damaged-hint = 请从备份恢复数据库；`zoufang check` 列出每一条损坏的记录
sync-to-several-of-org = { $org } 有多个数据库与本库交换过数据包：{ $list }
sync-to-several-of-org-hint = 请用副本编号指明其中一个（`zoufang sync status` 可查）：--to 编号
sync-to-unknown = 没有数据库“{ $to }”与本库交换过数据包
sync-to-unknown-hint = 用 `zoufang sync status` 查看对方；--to 接受副本编号或单位的行政区划代码
sync-to-ambiguous = “{ $to }”对应多个对方：{ $list }
sync-to-ambiguous-hint = 请多输入几位副本编号
sync-clone-exists = { $path } 已经存在；zoufang 从不用数据库覆盖文件
sync-clone-exists-hint = 请换一个 -o 路径，或先把原文件移走
sync-clone-cannot-copy = 无法把数据库复制到 { $path }
sync-clone-of-clone = 本数据库本身就是笔记本副本（{ $org } 数据库的副本）
sync-clone-of-clone-hint = 笔记本副本请从局里自己的数据库复制

# 底层同步会话（src/sync/session.rs）。
session-cannot-start = 无法开始同步会话：{ $detail }
session-cannot-attach = 无法挂接同步会话：{ $detail }
session-cannot-read = 无法读取同步会话的更改：{ $detail }
session-cannot-write = 无法写出同步会话的更改：{ $detail }
session-internal-reading = 读取更改时出现内部错误
session-internal-writing = 写出更改时出现内部错误
session-internal-handler = 冲突处理中出现内部错误
session-unreadable-changeset = 更改集无法读取：{ $detail }
session-damaged-changeset = 更改集已损坏：{ $detail }
session-unreadable-change = 更改无法读取：{ $detail }
session-unreadable-change-to = 对 { $table } 的更改无法读取：{ $detail }
session-unknown-change-kind = { $table } 上有未知的更改类型 { $kind }
session-unknown-conflict-kind = 未知的冲突类型 { $kind }
session-changeset-too-large = 更改集太大
session-bundle-damaged = 数据包中的更改已损坏（{ $detail }）
session-ask-again-hint = 请对方重新导出数据包（`zoufang sync export`）
session-cannot-apply = 数据包中的更改无法应用（{ $detail }）
session-cannot-apply-hint = 请对方重新导出数据包（`zoufang sync export`）；未写入任何内容
session-cannot-read-changes = 无法读取更改：{ $detail }

# sync 命令（src/cli/sync.rs）。
sync-clone-made = 已建立笔记本副本 { $file }（副本 { $replica }），来自 { $name } { $org }
sync-import-summary = 新增 { $added }，更新 { $updated }，未变 { $unchanged }，冲突 { $conflicts }
sync-import-summary-removed = ，删除 { $n }
sync-import-from = 来自 { $sender }：应用了 { $applied } 个更改集，{ $skipped } 个此前已有
sync-import-settled = 对方所作的冲突处理解决了本库 { $n } 个未决冲突
sync-import-conflicts-kept = 两个版本都已保留；用 `zoufang conflict list` 查看，用 `zoufang conflict resolve` 逐一处理
sync-import-breaches = 合并后有 { $n } 处跨记录的规则问题（重复走访、组的人数等）；见 `zoufang conflict list`
sync-dry-run = 试运行：未写入任何内容
sync-bundle-onto-database = { $path } 是数据库；数据包从不覆盖数据库
sync-bundle-onto-database-hint = 请为数据包另选一个 -o 路径，如 bundle.zfb
sync-needs-output = { $what } 需要一个写出的文件
sync-needs-output-hint = 请加 -o FILE，如 `zoufang { $what } -o { $example }`
sync-status-this = 本数据库：{ $me }
sync-status-changes = 更改：本库做的 { $own } 项，收到的 { $received } 项
sync-status-no-peers = 还没有交换对象：用 `zoufang sync clone -o FILE` 建立笔记本副本，或导入一个数据包
sync-status-open = 未决冲突：{ $conflicts }；规则问题：{ $breaches }

# 冲突（src/sync/conflicts.rs、src/sync/rules.rs、src/cli/conflict.rs）。
conflict-none = 没有编号为 { $id } 的冲突
conflict-none-hint = 用 `zoufang conflict list` 列出
conflict-keep-which = 请说明保留哪个版本：--keep mine、--keep theirs 或 --keep 字段=值…
conflict-keep-one = 只能保留一个版本：--keep mine、--keep theirs 或 --keep 字段=值…
conflict-keep-bad = “{ $value }”既不是 mine、theirs，也不是 字段=值
conflict-keep-bad-hint = 例如 --keep mine、--keep theirs 或 --keep status=resolved
conflict-not-whole-number = { $field } 须为整数，而不是“{ $raw }”
conflict-not-number = { $field } 须为数字，而不是“{ $raw }”
conflict-already-resolved = 冲突 { $id } 已经处理过（{ $how }，{ $at }）
conflict-unknown-table = 冲突 { $id } 涉及表 { $table }，本数据库没有这张表
conflict-no-field = { $table } 没有字段“{ $field }”
conflict-fields-are = 可用字段：{ $fields }
conflict-key-field = { $field } 是记录主键的一部分，不能更改
conflict-history-reached = { $why }；其办理过程已到“{ $status }”，这个版本不能原样保留
conflict-history-reached-hint = 请保留办理过程已到达的那个状态的版本（--keep mine 或 --keep theirs），再用 `zoufang finding update` 推进问题
conflict-table-not-exchanged = { $table } 不参与交换
conflict-no-table = 本数据库没有表 { $table }
conflict-bad-key = 记录主键 { $key } 无法读取
conflict-key-misfit = 记录主键 { $key } 与表 { $table } 不符
conflict-write-constraint = 它使必填字段为空、取值超出字段允许的范围，或引用了本数据库没有的记录
conflict-write-refused = 数据库拒绝了它
conflict-cannot-write = 无法写入 { $table } { $record } 所选的版本：{ $why }；未写入任何内容
conflict-cannot-write-hint = 请保留另一个版本，或把字段设为该记录自己的命令所接受的值
conflict-not-a-row = { $table } { $record } 所选的版本不是一条记录
conflict-kept-mine = 保留本库的版本
conflict-kept-theirs = 保留对方的版本
conflict-kept-fields = 设置 { $fields }
conflict-resolved = 冲突 { $id } 已处理：{ $table } { $record } { $how }
conflict-also-settled = 同一记录上一并处理的冲突：{ $ids }
conflict-what-resolved = { $what }（已处理：{ $how }）
conflict-side-record = （该记录）
conflict-side-missing-here = （本库没有）
conflict-side-deleted-there = （对方已删除）
conflict-rule = 规则
conflict-none-open = 没有未决冲突，也没有规则问题
conflict-settle-each = 用 `zoufang conflict resolve 编号 --keep mine|theirs|字段=值…` 逐一处理
conflict-breaches-repaired = 规则问题在记录本身中改正：最后一列是所用的命令
rule-repair-group-size = 移出一名组员：`zoufang group remove-member GROUP NAME`
rule-repair-group-leader = 指定唯一的组长：`zoufang group set-leader GROUP NAME`
rule-repair-participants = 把他们加入走访组：`zoufang group add-member GROUP NAME`，或改正走访的参加人员：`zoufang visit edit ID --participants A,B --reason …`
rule-repair-visit-size = 参加人员最多五人：`zoufang visit edit ID --participants A,B --reason …`
rule-repair-duplicate-visit = 作废其中一次走访并说明理由：`zoufang visit void ID --reason …`，或给后一次写明回访理由：`zoufang visit edit ID --revisit REASON --reason …`
rule-repair-discipline = 改正走访的纪律记录：`zoufang visit edit ID --discipline-ok --reason …`（或对每条违反的规定用 `--violation CODE[:note]`）
rule-repair-finding-history = 用 `zoufang conflict resolve` 处理（它的冲突），或用 `zoufang finding update` 推进问题
rule-repair-form-answers = 改正表单答案：`zoufang visit edit ID --answer KEY=VALUE --reason …`
rule-repair-after-photo-to-close = 附上整改后现场的照片：`zoufang attach add --finding ID --kind after PHOTO.jpg`（或由局里对该工作事项关闭规则：`zoufang attach rule --item N off`）
conflict-history-note = 同步冲突 { $id } 已处理（{ $how }）
