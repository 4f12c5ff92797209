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
