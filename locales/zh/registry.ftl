# 名录与代码表：行政区划、企业、干部、产业集聚区，及各种代码（src/domain/registry.rs、codes.rs、reference.rs）。

ref-unknown-work-item = 没有“{ $raw }”这项工作事项
ref-unknown-work-item-hint = 请写 1-9 或其英文代号：{ $keys }
ref-unknown = 没有“{ $raw }”这种{ $what }
ref-use-one-of = 可用：{ $codes }
ref-not-yes-no = “{ $raw }”不是“是”或“否”
ref-not-yes-no-hint = 请写 是/否、yes/no、true/false 或 1/0
ref-what-tag = 企业标签
ref-what-enterprise-tag = 企业标签
ref-what-attachment-kind = 附件类别
ref-what-method = 走访方式
ref-what-leading-group-role = 领导小组职务
ref-what-prohibition = 五不准条目
ref-what-category = 问题类别

staff-leader-mark = （组长）
lg-role-head = 组长
lg-role-deputy = 副组长
lg-role-member = 成员

# 行政区划、企业和干部的检查（src/domain/registry.rs、codes.rs）。
level-province = 省级
level-city = 市级
level-county = 县级
level-township = 乡镇级
level-village = 村级
level-unknown = 没有“{ $level }”这个层级
level-unknown-hint = 可用：省、市、县、乡镇、村（或 province、city、county、township、village）
division-not-a-code = “{ $raw }”不是行政区划代码
division-not-a-code-hint = 行政区划代码是 2、4、6、9 或 12 位数字，如 330523
division-wrong-length = “{ $raw }”有 { $n } 位数字；行政区划代码是 2、4、6、9 或 12 位
division-ends-in-00 = “{ $raw }”不是行政区划代码（末两位是 00）
uscc-wrong-length = 信用代码“{ $code }”有 { $n } 个字符；统一社会信用代码是 18 位
uscc-bad-character = 信用代码“{ $code }”含有“{ $bad }”，信用代码不用这个字符
uscc-bad-character-hint = 信用代码只用数字和大写字母 A-Y（不含 I、O、S、V、Z）
uscc-bad-check = 信用代码“{ $code }”校验不通过：第 18 位应是“{ $expected }”，而不是“{ $got }”
uscc-bad-check-hint = 请对照营业执照核对代码
area-outside-bureau = { $code } 不在本局辖区（{ $org }）内
area-outside-bureau-hint = 一个局只记录本辖区内的地方
area-wrong-level = { $code } 是{ $level }代码，不是{ $want }代码
area-built-in = { $code } 是{ $level }代码；省、市、县已内置，无须导入
area-empty-name = { $code } 的名称是空的
area-parent-missing = { $code } { $name }：它的上级（{ $what }）{ $parent } 不在数据库中
area-parent-missing-hint = 请先导入乡镇文件，再导入村文件
area-county-not-in-province = 县 { $code } 不在本次活动的省内
area-village-missing = 村 { $code } 不在数据库中
area-village-missing-hint = 请先导入村：`zoufang area import FILE`
enterprise-empty-name = 企业 { $uscc } 的名称是空的
enterprise-village-not-in-county = 村 { $village } 不在县 { $county } 内
enterprise-zone-other-county = 产业集聚区 { $zone } 在县 { $zone_county }，不在县 { $county }
zone-unknown = 没有产业集聚区“{ $zone }”
zone-unknown-hint = 用 `zoufang zone add` 添加
staff-empty-name = 干部须有姓名
staff-org-not-bureau = { $code } 不是一个局：干部属于省、市或县环保局
staff-org-unknown = { $code } 不是已知的行政区划
log-records-count = { $shown } …（共 { $n } 条记录）
