# Labels of closed sets and of table columns, as a person reads them (csv/json keep the codes).

lang-zh = Chinese
lang-en = English
yes = yes
no = no
