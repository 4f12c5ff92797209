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
