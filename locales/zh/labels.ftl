# Labels of closed sets and of table columns, as a person reads them (csv/json keep the codes).

lang-zh = 中文
lang-en = 英文
yes = 是
no = 否
