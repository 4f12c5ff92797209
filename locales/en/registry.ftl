# Registers and code tables: divisions, enterprises, staff, zones, and codes (src/domain/registry.rs, codes.rs, reference.rs).

ref-unknown-work-item = unknown work item '{ $raw }'
ref-unknown-work-item-hint = use 1-9 or a key: { $keys }
ref-unknown = unknown { $what } '{ $raw }'
ref-use-one-of = use one of: { $codes }
ref-not-yes-no = '{ $raw }' is not yes or no
ref-not-yes-no-hint = write yes/no, true/false or 1/0
ref-what-tag = tag
ref-what-enterprise-tag = enterprise tag
ref-what-attachment-kind = attachment kind
ref-what-method = method
ref-what-leading-group-role = leading-group role
ref-what-prohibition = prohibition
ref-what-category = category

staff-leader-mark = {" "}(leader)
lg-role-head = head
lg-role-deputy = deputy head
lg-role-member = member
