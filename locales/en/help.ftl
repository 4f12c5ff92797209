# --help: clap's own words, then each command (help-<path>) and option (help-<path>--<id>).
# See src/i18n/help.rs.

clap-usage = Usage:
clap-options = Options
clap-arguments = Arguments
clap-commands = Commands
clap-examples = Examples:
clap-help = Print help
clap-version = Print version
clap-list-sep = {", "}
clap-possible-values = [possible values: { $values }]
clap-default = [default: { $value }]
clap-env = [env: { $name }]
clap-err-invalid-value = invalid value '{ $value }' for '{ $arg }'
clap-err-unknown-argument = unexpected argument '{ $arg }' found
clap-err-invalid-subcommand = unrecognized subcommand '{ $name }'
clap-err-missing-required = the following required arguments were not provided: { $args }
clap-err-missing-subcommand = '{ $name }' requires a subcommand
clap-err-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
clap-err-no-equals = equal sign is needed when assigning values to '{ $arg }'
clap-err-value-validation = invalid value '{ $value }' for '{ $arg }': { $reason }
clap-err-too-many-values = unexpected value '{ $value }' for '{ $arg }' found
clap-err-wrong-number-of-values = wrong number of values for '{ $arg }'

clap-err-invalid-utf8 = invalid UTF-8 was detected in one or more arguments
clap-err-valid-values = possible values: { $values }
clap-err-did-you-mean = tip: a similar one exists: { $suggestion }
clap-err-more-help = For more information, try '--help'.
