# 从外面进来的内容：文字检查、导入的表格、表单、输出文件、照片（src/domain/text.rs、form.rs、attachment.rs，src/io/，src/import.rs）。

# 文字检查（src/domain/text.rs）：{ $what } 是下面的一个短语。
text-control-character = { $what }第 { $at } 个字符是控制字符（{ $char }）：{ $text }
text-control-character-hint = 请删去控制字符（它们能操纵终端）；只允许制表符和换行
text-too-long = { $what }有 { $n } 个字符，最多 { $max } 个：{ $text }
text-too-long-hint = 请删短
text-what-argument = 第 { $i } 个参数
text-what-area-name = { $code } 的名称
text-what-enterprise-name = 企业 { $uscc } 的名称
text-what-enterprise-industry = 企业 { $uscc } 的行业
text-what-enterprise-contact = 企业 { $uscc } 的联系人
text-what-enterprise-phone = 企业 { $uscc } 的电话
text-what-staff-name = 干部姓名
text-what-staff-title = { $name } 的职务
text-what-staff-division = { $name } 的处室
text-what-staff-phone = { $name } 的电话

# 导入的表格（src/io/csv_in.rs、src/import.rs）。
csv-not-utf8 = 文件不是有效的 UTF-8 文本（第 { $at } 字节处出错）
csv-not-utf8-hint = 请另存为 UTF-8，或用 --encoding gbk 指明编码
csv-not-text = 文件既不是 UTF-8 也不是 GBK/GB18030 文本
csv-save-as-utf8-hint = 请在 Excel 中另存为“CSV UTF-8”后再导入
csv-utf16 = 文件是 UTF-16 文本，zoufang 不读这种编码
csv-bad-header = 无法读取标题行：{ $detail }
csv-unreadable = 无法读取文件：{ $detail }
csv-empty = 文件是空的
csv-empty-hint = 第一行须写列名
csv-too-many-columns = 标题行有 { $n } 列；导入文件最多 { $max } 列
csv-too-many-columns-hint = 请确认文件没有选错，并且以逗号分隔
csv-column-twice = 标题行中 { $column } 列出现了两次
csv-missing-columns = 文件缺少这些列：{ $columns }
csv-column-named = { $key }（{ $alias }）
csv-missing-columns-hint = 第一行须写列名；现在第一行是：{ $found }
csv-no-file = 没有文件 { $path }
csv-no-file-hint = 请检查文件名和文件夹
csv-cannot-read = 无法读取 { $path }
csv-bad-width = 有 { $n } 个字段，而标题行有 { $width } 个
csv-field-too-long = 第 { $field } 个字段有 { $n } 个字符；一个字段最多 { $max } 个
import-what-township = 乡镇
import-what-village = 村
import-what-enterprise = 企业
import-what-staff = 干部
import-progress = 导入{ $what }
import-summary = 新增 { $added }，更新 { $updated }，未变 { $unchanged }，拒收 { $rejected }
import-unknown-column = 注意：{ $column } 列不属于{ $what }导入格式，已忽略
import-more-unknown-columns = 注意：另有 { $n } 个不认识的列，已忽略
import-repeated = { $key } 重复出现（首次在第 { $at } 行）
import-bad-line = {"  "}第 { $line } 行：{ $reason }
import-more-bad = {"  "}……另有 { $n } 行有误
import-bad-rows =
    { $what }文件 { $total } 行中有 { $bad } 行有误；未导入任何内容：
    { $listing }
import-bad-rows-hint = 请改正这些行后重新导入，或加 --skip-bad 只导入正确的行
import-skipped =
    跳过了 { $n } 行有误的行：
    { $listing }

# 表单（src/domain/form.rs）。
form-def-invalid = 表单定义无效：{ $detail }
form-def-invalid-hint = 可从 `zoufang form show KIND --format json` 的输出改起
form-def-wrong-kind = 这份定义是 { $def } 表的，不是 { $kind } 表的
form-def-no-fields = 表单至少要有一个字段
form-def-bad-key = 字段代号“{ $key }”只能由小写字母、数字和 _ 组成
form-def-key-twice = 字段“{ $key }”出现了两次
form-def-choices = 字段“{ $key }”：只有单选（choice）和多选（multi）字段有选项，而且必须有
form-no-field = { $title }没有“{ $key }”这个字段
form-fields-are = 可用字段：{ $keys }
form-required = { $title }：「{ $label }」（{ $key }）必填
form-required-hint = 请加上 --answer { $key }=… { $allowed }
form-allowed = 可填：{ $allowed }
form-allowed-several = （以下一项或多项，用逗号分隔：{ $list }）
form-allowed-one = （以下之一：{ $list }）
form-allowed-yes-no = （是/否）
form-allowed-integer = （0 或更大的整数）
form-allowed-text = （文字）
form-bad-choice = 「{ $label }」（{ $key }）不能填“{ $raw }”
form-not-integer = 「{ $label }」（{ $key }）须为 0 或更大的整数，而不是“{ $raw }”
form-not-yes-no = 「{ $label }」（{ $key }）须为是或否，而不是“{ $raw }”
form-file-not-json = 表单文件不是有效的 JSON：{ $detail }
form-file-not-object = 表单文件须是一个 JSON 对象（字段 → 答案）

# 输出文件（src/io/output.rs、table.rs）。
output-unknown-extension = -o { $path }：从文件名看不出要写成哪种格式（可用的扩展名：{ $known }）
output-unknown-extension-hint = 请用上面的扩展名之一命名文件，或指定 --format table|csv|json|md|xlsx|docx
output-the-database = 数据库本身
output-database-file = 数据库的 { $suffix } 文件
output-onto-database = -o { $path } 是{ $which }（{ $file }）；写到那里会毁掉它，所以未写入任何内容
output-is-folder = -o { $path } 是文件夹；未写入任何内容
output-is-folder-hint = 请写一个文件名，如 -o 文件夹/out.csv
output-sqlite-database = SQLite 数据库
output-sqlite-log = SQLite 预写日志
output-onto-sqlite = -o { $path } 是{ $kind }；zoufang 从不覆盖它，所以未写入任何内容
output-onto-sqlite-hint = 请另选一个输出文件，或先把那个文件移走
output-still-writing = 输出文件仍在写入中
output-format-not-here = 这个命令不能输出 --format { $format }
output-format-not-here-hint = 请用 table、csv、json 或 md
table-no-temporary-file = 无法为长表格建立临时文件
table-no-such-column = --columns：这里没有 `{ $column }` 列
table-columns-are = 可用的列：{ $columns }

# 照片和扫描件（src/domain/attachment.rs、src/io/photo.rs）。
attach-empty-file = { $name } 是空文件；未附上任何内容
attach-empty-file-hint = 请附上照片或扫描件本身（JPEG、PNG 或 PDF）
attach-too-big = { $name } 有 { $mb } MB，超过了 { $max } MB 的上限；未附上任何内容
attach-too-big-hint = 表格请以 150–200 dpi 扫描，照片请导出得小一些，再附上
attach-not-photo = { $name } 不是 JPEG 或 PNG 照片，也不是 PDF；未附上任何内容
attach-not-photo-hint = zoufang 保存照片（JPEG、PNG）和扫描件（PDF），按文件内容而不是文件名识别
attach-truncated = { $name } 不完整（这个 { $kind } 文件没有到结尾标记就断了）；未附上任何内容
attach-copy-again-hint = 请从相机或手机重新拷贝这个文件
attach-no-pixels = { $name } 没有像素（{ $width }×{ $height }）；未附上任何内容
attach-too-many-pixels = { $name } 有 { $width }×{ $height } 像素，超过了 { $max } 百万像素的上限；未附上任何内容
attach-too-many-pixels-hint = 请把照片导出得小一些再附上
attach-close-needs-after = 问题 { $finding } 不能销号：按规则 { $rule }，工作事项 { $item } 的问题须有整改后照片（after）才能销号，而它一张也没有；未写入任何内容
attach-close-needs-after-hint = 请先附上整改后现场的照片：`zoufang attach add --finding { $finding } --kind after PHOTO.jpg`，再重新登记回访（局里可用 `zoufang attach rule --item { $item } off` 关闭这条规则）
attach-last-after-photo = 附件 { $attachment } 是问题 { $finding } 唯一的整改后照片，问题凭它销号（规则 { $rule }，工作事项 { $item }）；未写入任何内容
attach-last-after-photo-hint = 如要更换拍错的照片，请先附上正确的（`zoufang attach add --finding { $finding } --kind after PHOTO.jpg`），再删除这张
photo-not-an-image = { $name } 不是图片
photo-pdf-not-encoded = PDF 不重新编码
photo-unreadable = { $name } 无法按 { $kind } 读取（{ $detail }）；未附上任何内容
photo-unreadable-hint = 文件已损坏，或不是其内容所声称的格式；请从相机或手机重新拷贝
photo-the-stored-photo = 存档的照片
io-verb-write-a-file-in = 写入文件夹
io-verb-create-the-folder = 建立文件夹
io-verb-make-the-folder = 建立文件夹

# attach 命令（src/cli/attach.rs）。
date-what-the-date-of-the-removal = 撤除日期
attach-kind-before = 整改前
attach-kind-after = 整改后
attach-kind-scene = 现场
attach-kind-form = 反馈表
attach-kind-other = 其他
record-case = 典型案例
attach-record = { $what } { $id }
attach-list-sep = ；
attach-missing-file = { $name } 不存在；未附上任何内容
attach-unreadable = { $name } 无法读取（{ $detail }）；未附上任何内容
attach-is-folder = { $name } 是文件夹，不是文件；未附上任何内容
attach-is-folder-hint = 请写照片文件本身，如 `zoufang attach add --visit ID folder/*.jpg`
attach-say-what = 请说明这些文件证明什么：--visit ID、--finding ID 或 --case ID
attach-taken = 拍摄于 { $at }
attach-scaled = 已缩小：{ $from } → { $to }
attach-already-stored = 此前已存：没有新增字节
attach-attached = 已附上 { $id }（{ $name } → { $what }）
attach-warning = 注意：{ $name }：{ $what }
attach-warning-attachment = 注意：附件 { $id }（{ $kind }）：{ $what }
attach-no-exif = 提示：{ $name } 没有 EXIF 拍摄日期，无法核对拍摄时间
attach-exported = 已导出 { $n } 个文件（{ $size }）和 index.csv 到 { $folder }
attach-remove-needs-reason = 撤除附件须写明理由（--reason）：附件连同理由留在历史记录中
attach-removed = 已从{ $record } 撤除附件 { $id }（{ $reason }）；它仍留在历史记录中（`zoufang attach list --removed`）
attach-no-after-left = 注意：问题 { $finding } 已没有整改后照片；如果它已销号而其工作事项要求照片，`zoufang check` 会列出
attach-rule-on-laptop = 这是 { $org } 数据库的笔记本副本；规则由局里设定，笔记本随下一个数据包收到
attach-rule-on = 规则 { $rule }：工作事项 { $item } 的问题今后须有整改后照片才能销号
attach-rule-off = 规则 { $rule }：工作事项 { $item } 的问题今后销号不再需要整改后照片
attach-rule-set-by-bureau = 本局设定
attach-rule-set-by-default = 默认
attach-rule-title = 销号须有整改后照片
attach-evidence-title = 佐证材料
misfit-before-visit = 拍摄于 { $taken }，早于走访日（{ $visit }）{ $days } 天
misfit-after-visit = 拍摄于 { $taken }，晚于走访日（{ $visit }）{ $days } 天
misfit-after-before-finding = 整改后照片拍摄于 { $taken }，早于问题登记（{ $finding }）

# Leftovers converted at the end of the session (case dates, attach export, unreadable changes, document formats).
case-date-outside-year = 今天不在 { $year } 年内：请用 --date YYYY-MM-DD 给出日期
attach-export-not-a-folder = { $path } 是文件，不是文件夹；未导出任何内容
sync-change-unreadable = { $file } 已损坏：更改 { $id } 无法读取（{ $why }）；未导入任何内容
output-docx-needs-file = Word 文档只能写入文件
output-docx-needs-file-hint = 请加上 -o 文件.docx
output-xlsx-needs-file = xlsx 工作簿只能写入文件
output-xlsx-needs-file-hint = 请加上 -o 文件.xlsx
