# 干部和记录的更正（src/cli/staff.rs、src/store/registry.rs、src/cli/visit/）。

staff-ambiguous = 有 { $n } 名干部都叫“{ $name }”：
    { $lines }
staff-ambiguous-hint = 请写成 { $example } 这样（姓名@处室），或用编号（至少 4 位）
staff-ambiguous-by-id-hint = 请用编号（至少 4 位）指明是哪一位
staff-none = 没有名叫“{ $name }”的干部
staff-none-hint = 用 `zoufang staff add` 添加，或用 `zoufang staff list` 查看
staff-none-in = “{ $place }”没有名叫 { $name } 的干部；叫这个名字的有：
    { $lines }
staff-none-in-hint = 处室请按 `zoufang staff list` 显示的写，或用编号
staff-same-which-hint = 请指明是哪一位：--same-as { $name }@处室，或 --same-as 编号
staff-already-recorded = { $who }（{ $org }）已登记，编号 { $id }
staff-already-recorded-hint = 如要更新此人信息，加 --same；如是同名同处室的另一个人，加 --another
staff-added = 已添加干部 { $id } { $who }
staff-updated = 已更新干部 { $id } { $who }
staff-unchanged = 干部 { $id } { $who } 没有变化
staff-namesakes = 注意：{ $who } 与 { $others } 同名；请用“姓名@处室”或编号区分
staff-import-twins = { $org } 有 { $n } 名干部都登记为 { $who }：名单无法区分他们（请用 `zoufang staff add 姓名 --same-as 编号` 逐个更新）

correction-no-reason = 更正须写明原因（--reason 原因）：哪里错了
correction-no-reason-hint = 例如 --reason "录入时日期写错"
correction-reason-too-long = 原因超过 { $max } 个字
correction-reason-control = 原因中含有控制字符
visit-is-voided = 走访 { $id } 已于 { $on } 由 { $by } 作废（{ $reason }）；作废的走访保持原样
visit-is-voided-hint = 如确实走访过，请重新登记
visit-voided = 已作废走访 { $id }：记录保留并标明作废，不计入任何统计
visit-voided-findings = 其 { $n } 个问题（{ $ids }）也不再计入统计；`zoufang finding show` 仍可查看
visit-shown-voided = 已作废（{ $on }，{ $by }：{ $reason }）
visit-shown-correction = { $on } { $by }：{ $changes }（理由：{ $reason }）

# 更正走访、更正问题（src/cli/visit/edit.rs、src/cli/finding_edit.rs、src/store/edits.rs）
correction-nothing-given = 没有要更正的内容：请给出要改的项
visit-edit-options-hint = 例如 --date 2012-03-07、--participants 王局,李明、--discipline-ok 或 --violation 代码[:说明]、--answer households=12、--notes 备注、--revisit 理由
finding-edit-options-hint = 例如 --description 描述、--category air、--due 2012-04-30（或 none）、--division 污染防治处、--visit 走访编号
visit-edit-unchanged = 走访 { $id } 已是这样：没有变化，未作任何写入
finding-edit-unchanged = 问题 { $id } 已是这样：没有变化，未作任何写入
visit-edited = 已更正走访 { $id }：{ $fields }（连同原因一并保存；`zoufang visit show { $id }` 可查看更正记录）
finding-edited = 已更正问题 { $id }：{ $fields }（连同原因一并保存；`zoufang finding show { $id }` 可查看更正记录）
visit-edit-finding-before-hint = 其问题 { $finding } 的登记日期为 { $on }：走访日期不能晚于它；或先把该问题移到别的走访（`zoufang finding edit { $finding } --visit 走访编号 --reason …`）
visit-edit-makes-duplicate = 把走访 { $id } 改到 { $date }，它就排在同一对象（{ $target }）的走访 { $other }（{ $other_date }）之前，而后者没有重复走访理由：那次走访将成为重复走访
visit-edit-makes-duplicate-hint = 请保留原日期；或先给走访 { $other } 补上理由（`zoufang visit edit { $other } --revisit 理由 --reason …`）；或作废其中一次（`zoufang visit void 编号 --reason …`）
finding-empty-division = 主办处室是空的
finding-empty-division-hint = 请写明主办处室，例如 --division 污染防治处
correction-field-date = 日期
correction-field-participants = 参加人员
correction-field-discipline = 五不准
correction-field-notes = 备注
correction-field-revisit-reason = 重复走访理由
correction-field-answer = 反馈表 { $key }
correction-field-description = 问题描述
correction-field-category = 问题类别
correction-field-due = 办理时限
correction-field-division = 主办处室
correction-field-visit = 走访记录
correction-field-voided = 作废
