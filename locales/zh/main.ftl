# Messages of the whole program. Ids: area-what. See src/i18n/mod.rs for how to add one.

error-line = 错误：{ $message }
hint-line = 提示：{ $hint }
warning-line = 注意：{ $message }

# A catalogue self-test (src/i18n/tests.rs).
test-plural = { $n } 次走访

db-damaged = { $path } 已损坏（{ $detail }）
db-damaged-hint = 请从备份恢复（`zoufang backup -o FILE` 可做备份）；`zoufang check` 列出 SQLite 仍能读出的内容
db-not-readable = { $path } 不是可读的 SQLite 数据库（{ $detail }）
db-not-readable-hint = 如果它是已损坏的 zoufang 数据库，请从备份恢复（`zoufang backup -o FILE` 可做备份）
db-cannot-read = 无法读取 { $path }：{ $detail }
output-is-database = -o { $path } 就是数据库本身，写到那里会毁掉它
output-is-database-hint = 请另选一个输出文件
