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
