# 终端上的选择列表与提问（cli::pick、cli::ask），以及按名称查找走访对象（store::targets）。

pick-help-one = ↑↓ 移动，输入文字筛选，回车确定，Esc 取消
pick-help-several = 空格勾选，→ 全选，← 全不选，输入文字筛选，回车确定，Esc 取消
pick-interrupted = 已取消，未写入任何内容
pick-failed = 终端提问出错，未写入任何内容
pick-required = “{ $field }”必须填写
pick-skip = （不填）
pick-yes = 是
pick-no = 否

target-word-county = 县（市、区）
target-empty = { $flag } 需要{ $what }的代码或名称
target-none = 本局辖区内没有名称为或含有“{ $raw }”的{ $what }
target-none-hint = 请给出代码，或查看名单：`{ $list }`
target-several = “{ $raw }”对应 { $n } 个{ $what }：
    { $list }
target-several-hint = 请多写几个字（村名可带乡镇名，如 鄣吴镇鄣吴村），或给出代码：{ $flag } 代码
target-more = { "  " }……另有 { $n } 个

visit-ask-group = 走访组
visit-ask-no-groups = 还没有走访组
visit-ask-no-groups-hint = 请先组建：`zoufang group create`
visit-ask-kind = 走访对象类别
visit-ask-target = { $what }（输入名称或代码的一部分筛选）
visit-ask-none-of-kind = 本局辖区内还没有登记任何{ $what }，请选其他类别
visit-ask-place = 接访地点
visit-ask-duplicate = 怎么办？
visit-ask-other-target = 换一个走访对象
visit-ask-revisit = 重复走访，说明理由
visit-ask-revisit-reason = 重复走访的理由
visit-ask-date = 走访日期（YYYY-MM-DD）
visit-ask-item = 工作事项
visit-ask-participants = 参加人员
visit-ask-leader-mark = （组长）
visit-ask-discipline = 五不准
visit-ask-all-kept = 全部遵守
visit-ask-contradiction = “全部遵守”不能与违反的条目同时勾选
visit-ask-violation-note = “{ $what }”的情况说明（可不填）
visit-ask-confirm = 登记这次走访？
visit-ask-record = 登记
visit-ask-cancel = 不登记

ask-missing = 缺少 { $flag }
ask-missing-hint = 请加上它（只有在终端上运行时 zoufang 才会逐项询问）
finding-ask-visit = 走访记录（输入对象名称、日期或编号的一部分筛选）
finding-ask-no-visits = 还没有走访记录
finding-ask-no-visits-hint = 请先登记走访：`zoufang visit log`
finding-ask-category = 问题类别
finding-ask-route = 办理方式
finding-ask-refer-to = 转办对象
finding-ask-desc = 问题描述
finding-ask-due = 办理时限（YYYY-MM-DD，隐患必须给出）

group-ask-code = 走访组编号（如 G1）
group-ask-code-taken = 走访组 { $code } 已经存在
group-ask-leader = 组长
group-ask-no-leaders = 还没有可任组长的领导
group-ask-no-leaders-hint = 请先登记：`zoufang staff add 姓名 --leader`
group-ask-members = 组员（连组长最多 5 人）
group-ask-counties = 联系的县
group-ask-from = 走访起始日期（YYYY-MM-DD）
group-ask-to = 走访结束日期（YYYY-MM-DD）
