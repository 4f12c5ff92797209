# --help: clap's own words, then each command (help-<path>) and option (help-<path>--<id>).
# See src/i18n/help.rs.

clap-usage = 用法：
clap-options = 选项
clap-arguments = 参数
clap-commands = 命令
clap-examples = 示例：
clap-help = 显示帮助
clap-version = 显示版本
clap-list-sep = 、
clap-possible-values = ［可选：{ $values }］
clap-default = ［默认：{ $value }］
clap-env = ［环境变量：{ $name }］
clap-err-invalid-value = 选项 { $arg } 的值 “{ $value }” 无效
clap-err-unknown-argument = 不认识的选项 “{ $arg }”
clap-err-invalid-subcommand = 没有 “{ $name }” 这个命令
clap-err-missing-required = 缺少必填项：{ $args }
clap-err-missing-subcommand = 缺少子命令 { $name }
clap-err-conflict = { $arg } 不能与 { $other } 同时使用
clap-err-no-equals = { $arg } 的值须用等号给出（{ $arg }=值）
clap-err-value-validation = 选项 { $arg } 的值 “{ $value }” 无效：{ $reason }
clap-err-too-many-values = { $arg } 的值 “{ $value }” 多余
clap-err-wrong-number-of-values = { $arg } 的值个数不对

clap-err-invalid-utf8 = 参数不是有效的 UTF-8 文字
clap-err-valid-values = 可选的值：{ $values }
clap-err-did-you-mean = 您是不是要用：{ $suggestion }
clap-err-more-help = 更多信息请用 --help

help-zoufang = 环保大走访活动台账：一个环保局的走访记录，存于一个 SQLite 文件
help-zoufang--db = 数据库文件（未给出时用 $ZOUFANG_DB，再没有则用系统数据目录）
help-zoufang--format = 输出格式
help-zoufang--output = 把输出写入文件 FILE，而不是标准输出
help-zoufang--lang = 界面语言：提示、帮助、表格和文书都用它
help-zoufang--today = 判断到期和逾期所依据的日期（YYYY-MM-DD）
help-zoufang--as-user = 记入操作日志的操作人（未给出时用 $ZOUFANG_USER，再没有则用系统用户名）
help-zoufang--bom = CSV 输出带 BOM 字节序标记，Excel 打开不乱码
help-zoufang--no-input = 从不提问：缺少的值直接报错（标准输入不是终端时也是如此）
help-zoufang--color = 终端上的颜色（逾期红色、即将到期黄色、已销号灰色）；设置了 NO_COLOR 时 auto 不着色
help-zoufang--no-pager = 长输出直接打印到终端，不经过 $PAGER（less）
help-zoufang--wide = 终端上的表格显示全部列，而不是窄窗口下的精简列
help-zoufang--columns = 只显示这些列，按此顺序（用列的英文键，与 csv 相同：--columns id,date,status）
help-init = 建立一个环保局的走访活动数据库（级别由区划代码决定）
help-init--org = 本局的行政区划代码：省（33）、市（3305）或县（330523）
help-init--year = 活动年度
help-init--name = 本局名称（默认：区划全称加“环保局”）
help-demo =
    在新数据库中生成一次逼真的演示活动，然后显示工作台。

    county：安吉县环境保护局（330523），安吉真实的乡镇和村、约 300 家企业、5 个走访组、约 150 次走访及其反馈表、约 400 个各种状态的问题；几秒钟。
    city：湖州市环境保护局（3305）及其 5 个县，取自全省数据集（1,400 个村、5,500 家企业、11,000 次走访、27,500 个问题）；发行版构建下几秒钟。
    province：浙江省环境保护厅（33），SPEC 第 7 节的数据集（25,000 个村、100,000 家企业、200,000 次走访、500,000 个问题）；发行版构建下不到一分钟。

    活动进行到当年 4 月 15 日。--today 在活动年度内时以它为准显示工作台，否则以该日为准。同一种子生成同样的数据（编号也相同）。
help-demo--scale = 规模：county 县（安吉县，330523）、city 市（湖州市，3305）或 province 省（浙江省，33）
help-demo--seed = 随机种子：同一种子生成同样的活动
help-demo--year = 活动年度
help-demo--city = 与 --scale city 一起：本省另一个地级市（4 位代码，如 3301），按湖州市的规模生成（它自己的县）；每个市一个数据库，用于汇总基准测试
help-status = 工作台：到期或迟报的材料、调研报告、各组任务完成情况、未办结和逾期问题、违反纪律情况、尚未走到的县
help-suggest = 为走访组推荐走访对象，并说明每个对象排在此位的理由
help-suggest--group = 走访组编号
help-suggest--n = 推荐几个对象
help-area = 乡镇和村（行政区划）
help-area-import = 从国家统计局格式的 CSV 导入乡镇或村（按表头识别格式）
help-area-import--file = CSV 文件（UTF-8 或 GBK 编码）
help-area-import--skip-bad = 导入正确的行并列出错误的行（否则有错行时什么都不导入）
help-area-import--encoding = 文件编码（默认自动识别）
help-area-add = 添加一个乡镇或村
help-area-add--code = 区划代码：乡镇 9 位，村 12 位
help-area-add--name = 名称
help-area-list = 列出行政区划
help-area-list--level = 级别：省、市、县、乡镇或村
help-area-list--under = 只列出该代码下属的区划
help-area-show = 查看一个区划：上级区划和下级数量
help-area-show--code = 区划代码
help-village = 村（即 `area` 的村一级）
help-village-add = 添加一个村（其所属乡镇须已登记）
help-village-add--code = 村的 12 位区划代码
help-village-add--name = 名称
help-village-list = 列出村
help-village-list--under = 只列出该县或乡镇下属的村
help-village-show = 查看一个村
help-village-show--code = 村的 12 位区划代码
help-village-import = 从国家统计局村级格式导入村
help-village-import--file = CSV 文件（UTF-8 或 GBK 编码）
help-village-import--skip-bad = 导入正确的行并列出错误的行（否则有错行时什么都不导入）
help-village-import--encoding = 文件编码（默认自动识别）
help-enterprise = 企业（按统一社会信用代码登记）
help-enterprise-add = 登记一家企业
help-enterprise-add--uscc = 统一社会信用代码（18 位）
help-enterprise-add--name = 企业名称
help-enterprise-add--county = 所在县代码
help-enterprise-add--village = 所在村代码（12 位）
help-enterprise-add--industry = 行业
help-enterprise-add--zone = 所在集聚区代码
help-enterprise-add--tags = 标签，用 ; 分隔：difficulty:pollution（污染治理困难）、difficulty:upgrading（转型升级困难）、difficulty:emission（减排困难）、promising（成长型）、featured（特色）、env-industry（环保产业）、key-project（重点项目）
help-enterprise-add--contact = 联系人
help-enterprise-add--phone = 联系电话
help-enterprise-list = 列出企业
help-enterprise-list--county = 只列出该县的企业
help-enterprise-list--tag = 只列出带此标签的企业
help-enterprise-show = 查看一家企业
help-enterprise-show--uscc = 统一社会信用代码
help-enterprise-edit = 修改企业信息（只改给出的项）
help-enterprise-edit--uscc = 统一社会信用代码
help-enterprise-edit--name = 新名称
help-enterprise-edit--contact = 新联系人
help-enterprise-edit--phone = 新联系电话
help-enterprise-edit--industry = 新行业
help-enterprise-edit--village = 新所在村代码
help-enterprise-edit--tags = 新标签（用 ; 分隔，替换原有标签）
help-enterprise-edit--zone = 新所在集聚区代码
help-enterprise-import = 从 CSV 导入企业（表头可用英文键或中文名，列序不限）
help-enterprise-import--file = CSV 文件（UTF-8 或 GBK 编码）
help-enterprise-import--skip-bad = 导入正确的行并列出错误的行（否则有错行时什么都不导入）
help-enterprise-import--encoding = 文件编码（默认自动识别）
help-zone = 集聚区（工业园区等）
help-zone-add = 登记一个集聚区
help-zone-add--code = 集聚区的简短代码，活动内唯一
help-zone-add--name = 名称
help-zone-add--county = 所在县代码
help-zone-list = 列出集聚区
help-staff = 本局干部
help-staff-add = 添加干部（已登记的姓名再次添加时，视为同名的另一个人，除非加 --same）
help-staff-add--name = 姓名
help-staff-add--org = 所在单位（默认：本局）
help-staff-add--title = 职务
help-staff-add--division = 处室
help-staff-add--leader = 是领导：可以担任走访组组长
help-staff-add--role = 在领导小组中的职务：head 组长、deputy 副组长、member 成员
help-staff-add--phone = 电话
help-staff-list = 列出干部
help-staff-show = 查看一名干部（按编号前缀或唯一姓名）
help-staff-show--staff = 编号前缀或唯一的姓名
help-staff-import = 从 CSV 导入干部：姓名、单位、职务、处室、是否领导（表头可用中文名或英文键）
help-staff-import--file = CSV 文件（UTF-8 或 GBK 编码）
help-staff-import--skip-bad = 导入正确的行并列出错误的行（否则有错行时什么都不导入）
help-staff-import--encoding = 文件编码（默认自动识别）
help-group = 走访组（连组长最多 5 人）
help-group-create = 组建走访组（连组长最多 5 人；在终端上会询问缺少的项）
help-group-create--code = 走访组编号，如 G1
help-group-create--leader = 组长（须为领导）
help-group-create--member = 组员（可多次给出）
help-group-create--county = 联系的县（可多次给出）：县代码或县名
help-group-create--from = 走访起始日期（YYYY-MM-DD）
help-group-create--to = 走访结束日期（YYYY-MM-DD）
help-group-create--name = 走访组名称
help-group-create--quota-counties = 须走访的县数（默认按本局级别）
help-group-create--quota-villages = 须走访的村数（默认按本局级别）
help-group-create--quota-enterprises = 须走访的企业数（默认按本局级别）
help-group-add-member = 为走访组增加组员
help-group-add-member--group = 走访组编号
help-group-add-member--staff = 干部（编号前缀或唯一姓名）
help-group-remove-member = 从走访组移除组员（组长除外）
help-group-remove-member--group = 走访组编号
help-group-remove-member--staff = 干部（编号前缀或唯一姓名）
help-group-plan-target = 为走访组安排走访对象
help-group-plan-target--group = 走访组编号
help-group-plan-target--village = 村：区划代码，或村名（可带乡镇名）或其中唯一的一部分，如 鄣吴村、鄣吴镇鄣吴
help-group-plan-target--enterprise = 企业：统一社会信用代码，或企业名称中唯一的一部分
help-group-plan-target--zone = 集聚区：代码，或名称中唯一的一部分
help-group-plan-target--bureau = 县环保局：县代码，或县名（如 安吉县、安吉）
help-group-plan-target--reception = 领导大接访，按地点
help-group-plan-target--revisit = 即使已由其他组安排或已走访过也安排，并写明理由
help-group-list = 列出各走访组及其任务完成情况
help-group-show = 查看走访组：组员、联系的县、计划和已走访对象及任务完成情况
help-group-show--group = 走访组编号
help-visit = 走访及其反馈表
help-visit-log = 登记一次走访，包括反馈表和纪律情况（在终端上会询问缺少的项）
help-visit-log-examples =
    zoufang visit log --group G1 --date 2012-03-06 --village 330523001203 --participant 王局 --participant 李明 --discipline-ok --answer households=12 --answer concerns=sewage,garbage
    zoufang visit log --group G1 --village 鄣吴镇鄣吴村 --participant 李明 --discipline-ok --answer households=8
    zoufang visit log --group G1 --enterprise 竹业 --participant 李明 --violation meals:工作餐
    zoufang visit log
help-visit-log--group = 走访组编号
help-visit-log--date = 走访日期（默认：今天）
help-visit-log--village = 村：区划代码，或村名（可带乡镇名）或其中唯一的一部分，如 鄣吴村、鄣吴镇鄣吴
help-visit-log--enterprise = 企业：统一社会信用代码，或企业名称中唯一的一部分
help-visit-log--zone = 集聚区：代码，或名称中唯一的一部分
help-visit-log--bureau = 县环保局：县代码，或县名（如 安吉县、安吉）
help-visit-log--reception = 领导大接访，按地点
help-visit-log--item = 工作事项 1-9（默认按走访对象类别）
help-visit-log--participant = 参加走访的组员（可多次给出；姓名或编号）
help-visit-log--method = 走访方式
help-visit-log--discipline-ok = 五不准全部遵守
help-visit-log--violation = 违反的某一条五不准：meals 吃请、gifts 收礼、entertainment 娱乐、against-will 违背意愿、escort 陪同（代码[:说明]，可多次给出）
help-visit-log--form-file = 反馈表的回答，JSON 对象文件
help-visit-log--answer = 反馈表的一项回答（可多次给出）：households=12、concerns=sewage,garbage
help-visit-log--revisit = 走访已走访过或已由其他组安排的对象，并写明理由
help-visit-log--notes = 备注
help-visit-log--county = 大接访所在县：县代码或县名
help-visit-list = 列出走访
help-visit-list--since = 只列出此日期及以后的走访
help-visit-list--until = 只列出此日期及以前的走访
help-visit-list--group = 只列出该组的走访
help-visit-list--county = 只列出该县的走访
help-visit-list--item = 工作事项 1-9
help-visit-list--kind = 走访对象类别
help-visit-list--violations = 只列出违反五不准的走访
help-visit-show = 查看一次走访及其填写的反馈表
help-visit-show--id = 走访编号（唯一前缀即可）
help-finding = 问题台账：走访发现的问题及办理情况
help-finding-add = 登记走访中发现的困难或问题（在终端上会询问缺少的项）
help-finding-add--visit = 走访编号（唯一前缀即可）
help-finding-add--category = 问题类别（大接访默认为信访）
help-finding-add--desc = 问题描述
help-finding-add--route = 办理方式
help-finding-add--assign = 主办处室；默认：该走访工作事项的牵头处室
help-finding-add--refer-to = 转办对象（转办时）
help-finding-add--due = 办理时限；默认发现后 30 天；隐患必须给出
help-finding-add--severity = 严重程度
help-finding-add--on-site = 已现场解决
help-finding-add--date = 发现日期（默认：走访日期）
help-finding-add--note = 备注
help-finding-update = 推进问题办理：本级办理为 办理中→办结；转办为 已签收→办结
help-finding-update--id = 问题编号（唯一前缀即可）
help-finding-update--status = 新状态
help-finding-update--note = 备注
help-finding-update--date = 发生日期（默认：今天）
help-finding-follow-up = 登记已办结问题的回访：满意或基本满意即销号，不满意则重办
help-finding-follow-up--id = 问题编号（唯一前缀即可）
help-finding-follow-up--satisfaction = 群众满意程度
help-finding-follow-up--note = 备注
help-finding-follow-up--date = 回访日期（默认：今天）
help-finding-list = 列出问题
help-finding-list--status = 只列出该状态的问题
help-finding-list--route = 只列出该办理方式的问题
help-finding-list--division = 只列出该主办处室的问题
help-finding-list--category = 只列出该类别的问题
help-finding-list--county = 只列出该县的问题
help-finding-list--overdue = 只列出超过时限且未办结的问题
help-finding-show = 查看问题及其全部办理经过
help-finding-show--id = 问题编号（唯一前缀即可）
help-form = 反馈表：填写结果及表样
help-form-enterprise = 企业情况反馈表：企业和集聚区走访所填的表
help-form-enterprise--visit = 只看一次走访
help-form-enterprise--since = 只含此日期及以后的走访
help-form-enterprise--until = 只含此日期及以前的走访
help-form-village = 农村和农户情况反馈表：走访村所填的表
help-form-village--visit = 只看一次走访
help-form-village--since = 只含此日期及以后的走访
help-form-village--until = 只含此日期及以前的走访
help-form-bureau = 基层环保部门情况反馈表：走访县环保局所填的表
help-form-bureau--visit = 只看一次走访
help-form-bureau--since = 只含此日期及以后的走访
help-form-bureau--until = 只含此日期及以前的走访
help-form-general = 进村入企大走访活动情况反馈表：由各次走访及其问题汇总而成
help-form-general--visit = 只看一次走访
help-form-general--since = 只含此日期及以后的走访
help-form-general--until = 只含此日期及以前的走访
help-form-define = 为本数据库换用新版表样（已填的走访保留原版本）
help-form-define--kind = 哪张表：enterprise 企业、village 农村、bureau 基层环保部门
help-form-define--from = 新表样（JSON，格式同 `form show --format json` 的输出）
help-form-show = 查看表样的各栏（json 格式可直接交给 `form define`）
help-form-show--kind = 哪张表：enterprise 企业、village 农村、bureau 基层环保部门
help-form-show--version = 版本（默认：当前版本）
help-report = 上报材料：实施方案、阶段性进展、书面报告
help-report-plan = 实施方案（2 月 25 日前报送）
help-report-plan--as-of = 只统计此日期及以前的记录（默认：今天）
help-report-plan--since = 当期起始日期；默认：上一个报送期限的次日
help-report-progress = 阶段性进展（3 月 25 日前报送）：各项数字分当期和累计
help-report-progress--as-of = 只统计此日期及以前的记录（默认：今天）
help-report-progress--since = 当期起始日期；默认：上一个报送期限的次日
help-report-final = 书面报告（6 月 25 日前报送），每个工作事项一节，便于修改
help-report-final--as-of = 只统计此日期及以前的记录（默认：今天）
help-report-final--since = 当期起始日期；默认：上一个报送期限的次日
help-export = 导出记录供脚本使用（csv 或 json；table 和 md 供人阅读）
help-export--what = 导出哪类记录
help-export--county = 只导出该县的记录
help-export--since = 只导出此日期及以后的记录
help-export--until = 只导出此日期及以前的记录
help-check = 检查数据库完整性和活动规则
help-research = 各组的调研报告
help-research-submit = 从文本文件登记走访组的调研报告（UTF-8 或 GBK 编码）
help-research-submit--group = 走访组编号
help-research-submit--file = 报告的纯文本文件（UTF-8，或中文 Windows 保存的 GBK）
help-research-submit--date = 收到报告的日期（默认：今天）
help-research-submit--title = 标题（默认：不含扩展名的文件名）
help-research-list = 每组一行：报送期限、报送情况、篇幅和状态（按时、迟报、未报、待报）
help-workplan = 牵头处室工作方案
help-workplan-submit = 登记某工作事项的牵头处室已报送工作方案（较晚的日期替换较早的）
help-workplan-submit--item = 工作事项：1-9、其英文键（village、enterprise 等）或中文名称
help-workplan-submit--date = 收到方案的日期
help-workplan-list = 九项工作、牵头处室及各方案的报送日期
help-case = 典型经验
help-case-add = 登记一个典型经验
help-case-add--title = 标题
help-case-add--item = 工作事项：1-9、其英文键或中文名称
help-case-add--county = 县代码（须在本局辖区内）
help-case-add--date = 日期（默认：今天）
help-case-add--summary = 内容摘要
help-case-list = 按日期列出典型经验
help-publicity = 宣传报道
help-publicity-add = 登记一篇宣传报道
help-publicity-add--title = 标题
help-publicity-add--outlet = 刊发媒体：报纸、电视、网站、简报等
help-publicity-add--item = 工作事项：1-9、其英文键或中文名称
help-publicity-add--date = 刊发日期（默认：今天）
help-publicity-list = 按日期列出宣传报道
help-deliverable = 下级环保局（及本局）报送的材料
help-deliverable-record = 登记某局已报送材料（同一局同类材料以较晚的记录为准）
help-deliverable-record--org = 报送单位：本局或下属市、县局的区划代码
help-deliverable-record--kind = 材料类别：plan 实施方案（2/25）、progress 阶段性进展（3/25）或 final 书面报告（6/25）
help-deliverable-record--date = 收到日期
help-deliverable-list = 已登记的每份材料及其报送期限、是否按时
help-sample = 随机抽查
help-sample-visits = 随机抽取 N 次走访（不足 N 次则全部抽取）；同样的走访用同一种子抽出同样的名单
help-sample-visits--n = 抽取几次走访
help-sample-visits--seed = 抽取的随机种子（默认随机，并显示出来以便复现）
help-log = 查看操作日志：谁在何时用什么命令改了什么
help-log--since = 只列出此日期及以后的记录
help-sync = 笔记本副本与逐级汇总：复制、导出、导入、状态
help-sync-clone =
    为笔记本复制本局数据库（-o 文件），副本有自己的副本编号

    副本记得它来自哪个局：它只接收该局的数据包，该局也接收它的数据包。
help-sync-clone-examples = zoufang sync clone -o laptop-wang.db
help-sync-export =
    把对方尚未确认的全部改动写成数据包（-o 文件）

    不给 --to 时，笔记本副本为其所属局写包，局则写完整的数据包（给任何对方）。

    逐级汇总：`--to 市代码`（上级单位的代码）只写上级还没收到过的更改，所以每周的数据包只带这一周的更改；`--full` 重新发送全部（数据包丢失时）。在市局，`--to 县代码` 写出回执（市局已有哪些更改，不含记录）：县局导入后，下一个数据包会补上市局从未收到的更改。
help-sync-export-examples =
    zoufang --db laptop-wang.db sync export -o wang-0310.zfb
    zoufang sync export --to 3a7f -o for-laptop.zfb
    zoufang sync export --to 3305 -o anji-to-huzhou.zfb
help-sync-export--to = 对方：副本编号（至少 4 个字符，见 `sync status`）或某局的区划代码
help-sync-export--full = 导出本库的全部改动，不论对方已确认多少
help-sync-import = 导入数据包：来自笔记本副本、下级局，或（在笔记本上）来自本局
help-sync-import--file = 数据包文件
help-sync-import--accept-new-origin = 即使数据包来自本库已在接收的某下级单位的另一个数据库，也照常导入（该单位已正式改用新数据库时使用）
help-sync-import--dry-run = 只显示将新增、修改和冲突的内容，不写入
help-sync-status = 对方列表、已发送和已确认的内容、待发送的内容、未解决的冲突
help-conflict = 同步导入留下的冲突和违规
help-conflict-list = 双方都改过的记录（逐项列出本方和对方的值），以及合并后违反规则的情况
help-conflict-list--all = 包括已解决的冲突
help-conflict-resolve =
    解决一个冲突：保留本库的版本、对方的版本，或指定各项的值

    所选版本像其他改动一样写入（记入操作日志，并由同步传出），遇到同一冲突的其他数据库也会采用它。
help-conflict-resolve-examples =
    zoufang conflict resolve 3 --keep theirs
    zoufang conflict resolve 4 --keep status=resolved
help-conflict-resolve--id = 冲突序号，见 `conflict list`
help-conflict-resolve--keep = mine（本库的版本）、theirs（数据包的版本），或 字段=值…（在本库版本上设定）
help-backup = 把数据库原样复制到 -o 文件（带独立身份的笔记本副本请用 `sync clone`）
help-completions = 输出命令行补全脚本：`zoufang completions bash > /etc/bash_completion.d/zoufang`
help-completions--shell = 命令行外壳类型

help-group-set-leader = 指定走访组唯一的组长（其余组长改为组员），例如两个库各自建了同一组、合并后出现两个组长时
help-group-set-leader-examples =
    zoufang group set-leader G6 陈局 --reason "两台笔记本各自建了G6，以局里安排为准"
help-group-set-leader--group = 走访组编号，如 G6
help-group-set-leader--staff = 新组长（须是本组成员）
help-group-set-leader--reason = 原因，记入操作日志

help-attach = 佐证材料：随走访、问题和典型案例保存的照片和扫描件
help-attach-add = 给走访、问题或典型案例添加照片（JPEG、PNG）或扫描件（PDF）
help-attach-add-examples =
    zoufang attach add --finding 7c1e --kind before 排污口.jpg
    zoufang attach add --finding 7c1e --kind after --caption 已封堵 IMG_0412.jpg
    zoufang attach add --visit 3fa2 --kind form 反馈表.pdf

    长边超过 2048 像素的照片会缩小保存（加 --keep-original 同时保留原件）。
    照片自带的拍摄时间和位置（EXIF）一并保存；拍摄日期与走访日期相差超过一天，
    或“整改后”照片早于问题登记日期时，会给出提醒。
help-attach-add--visit = 走访（编号前几位）
help-attach-add--finding = 问题（编号前几位）
help-attach-add--case = 典型案例（编号前几位）
help-attach-add--files = 要添加的文件（照片或扫描件）；同一文件重复添加只存一份
help-attach-add--kind = 照片类别：before（整改前）、after（整改后）、scene（现场）、form（反馈表）、other（其他）
help-attach-add--caption = 说明文字，显示在报告中照片下方
help-attach-add--keep-original = 除缩小后的副本外，同时保留原件
help-attach-list = 列出佐证材料（全部，或某条记录的；走访的包括其问题的）
help-attach-list-examples =
    zoufang attach list --finding 7c1e
    zoufang attach list --kind after --format csv
help-attach-list--visit = 走访（编号前几位）
help-attach-list--finding = 问题（编号前几位）
help-attach-list--case = 典型案例（编号前几位）
help-attach-list--kind = 只列这一类别
help-attach-list--removed = 包括已移除的材料
help-attach-show = 查看一份材料：所属记录、EXIF 拍摄时间和位置、大小，以及是否与记录相符
help-attach-show-examples =
    zoufang attach show 9f2c
help-attach-show--id = 材料编号（前几位）
help-attach-export = 把文件导出到文件夹，文件名能看出各是什么
help-attach-export-examples =
    zoufang attach export --to 佐证材料/
    zoufang attach export --finding 7c1e --to out/

    文件名为“记录编号_类别_日期_材料编号.扩展名”（如 finding-7c1e2a3b_after_2012-04-03_9f2c1d0e.jpg）；
    同目录下的 index.csv 列出每个文件的所属记录、类别、说明、日期和位置。
help-attach-export--visit = 走访（编号前几位）
help-attach-export--finding = 问题（编号前几位）
help-attach-export--case = 典型案例（编号前几位）
help-attach-export--to = 导出到的文件夹（没有则新建）
help-attach-export--originals = 导出保留的原件，而不是缩小后的副本
help-attach-remove = 移除一份材料（属于更正：连同原因留在历史记录中）
help-attach-remove-examples =
    zoufang attach remove 9f2c --reason 误传，非本村照片
help-attach-remove--id = 材料编号（前几位）
help-attach-remove--reason = 原因，记入操作日志
help-attach-remove--date = 日期（默认今天）
help-attach-rule = 查看或设置“问题销号须有整改后照片”规则（按工作事项）
help-attach-rule-examples =
    zoufang attach rule
    zoufang attach rule --item 5 on
    zoufang attach rule --item village on

    隐患排查（工作事项 5）默认开启。
help-attach-rule--item = 工作事项：1-9、其代码或中文名称
help-attach-rule--switch = on（开启）或 off（关闭）
help-staff-add--same = 就是已按此姓名登记的那个人：更新其信息，而不是再添加一人
help-staff-add--same-as = 更新指定的人（编号、姓名@处室或唯一的姓名），使用给出的姓名和各项信息
help-staff-add--another = 即使已有同名、同单位、同处室的人，也作为另一个人添加
help-visit-list--voided = 只列已作废的走访（否则不列出作废的走访）
help-visit-void = 作废误录的走访：记录保留并标明作废，其本身及其问题都不计入任何统计
help-visit-void--id = 走访编号（或其前 4 位以上）
help-visit-void--reason = 作废原因（连同操作人和时间一并保存）
help-visit-edit = 更正录错的走访（日期、参加人员、五不准、反馈表回答、备注）：每项按登记走访的规则检查，连同操作人、时间和原因一并保存
help-visit-edit--id = 走访编号（或其前 4 位以上）
help-visit-edit--reason = 更正原因（连同操作人和时间一并保存）
help-visit-edit--date = 正确的走访日期（在活动年度内；不晚于其问题的登记日期）
help-visit-edit--participants = 参加走访的全部组员（用逗号分隔或多次给出；姓名或编号）
help-visit-edit--discipline-ok = 五不准全部遵守（替换原纪律记录）
help-visit-edit--violation = 违反的某一条五不准，代码[:说明]，可多次给出：即完整的纪律记录（meals 吃请、gifts 收礼、entertainment 娱乐、against-will 违背意愿、escort 陪同）
help-visit-edit--answer = 反馈表的一项回答（可多次给出）：households=15；只写“项=”则清除该项
help-visit-edit--notes = 正确的备注（替换原备注）
help-visit-edit--revisit = 重复走访的理由；给空值则去掉理由
help-finding-edit = 更正录错的问题（描述、类别、办理时限、主办处室、所属走访）：每项按登记问题的规则检查，连同操作人、时间和原因一并保存
help-finding-edit--id = 问题编号（或其前 4 位以上）
help-finding-edit--reason = 更正原因（连同操作人和时间一并保存）
help-finding-edit--description = 正确的问题描述
help-finding-edit--category = 正确的问题类别（或其中文名称）
help-finding-edit--due = 正确的办理时限，不早于问题登记日期；写 none 则取消时限（隐患必须有时限）
help-finding-edit--division = 正确的主办处室
help-finding-edit--visit = 问题所属的走访（登记到了错误的走访时）
