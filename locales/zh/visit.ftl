# 走访：visit log、list、show（src/cli/visit/、src/store/visits.rs、src/domain/visit.rs）。

visit-missing = 走访记录缺少{ $what }
visit-missing-hint = 请加上 { $flag }（只有在终端上运行时 zoufang 才会逐项询问）
visit-what-group = 走访组
visit-what-target = 走访对象
visit-what-participants = 参加人员
visit-what-discipline = 五不准记录
visit-answer-not-key-value = “{ $raw }”不是 KEY=VALUE 的形式
visit-answer-not-key-value-hint = 例如 --answer households=12

visit-summary = { $date } { $group } { $target } · 工作事项 { $item } · { $method } · 参加 { $participants } · 五不准 { $discipline }
visit-discipline-kept = 全部遵守
visit-discipline-broken = 违反 { $n } 项
visit-nothing-written = 未写入任何内容
visit-logged = 已登记走访 { $id }：{ $target }，{ $date }

visit-outside-trip = 走访日期 { $date } 不在走访组 { $group } 的行程（{ $from } ~ { $to }）之内
visit-not-member = { $name } 不是走访组 { $group } 的成员
visit-reception-no-form = 大接访没有反馈表；接访中反映的事项请登记为问题（类别 petition 信访诉求）
visit-discipline-contradiction = --discipline-ok 与 --violation 相互矛盾
visit-discipline-contradiction-hint = 二者只能给一个
visit-no-discipline = 走访没有五不准记录
visit-no-discipline-hint = 五不准全部遵守的，请加上 --discipline-ok；有违反的，请加上 --violation 代码[:说明]（{ $codes }）
visit-violation-twice = 违反条目 { $code } 重复给出
visit-no-participant = 走访至少要有一名参加人员
visit-no-participant-hint = 请加上 --participant 姓名（可重复）
visit-participant-not-member = 有参加人员不是走访组 { $group } 的成员
visit-members-are = { $group } 的成员有：{ $names }
visit-already-visited = { $target } 已于 { $date } 由走访组 { $group } 走访过（走访 { $id }）：不得重复走访
visit-already-visited-hint = 确需再次走访的，请用 --revisit 理由 写明原因
visit-planned-for-other = { $target } 已安排给走访组 { $group }：不得重复走访
visit-planned-for-other-hint = 请交由该组走访，或用 --revisit 理由 写明原因

visit-record-title = 走访记录
visit-violated = 违反：{ $list }
visit-form-version = { $title }（第 { $version } 版）


work-item-1 = 进农村、访农家
work-item-2 = 进企业、解难题
work-item-3 = 产业集聚区、年度重大项目环保服务
work-item-4 = 领导干部大接访
work-item-5 = 环境安全隐患排查(饮用水水源)
work-item-6 = “服务企业、服务基层”专项行动
work-item-7 = “改善发展环境”百组调研
work-item-8 = “走基层、转作风、改文风”
work-item-9 = 访县局、强基础
visit-flag-participant = --participant 姓名
