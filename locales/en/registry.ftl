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

# Checks of divisions, enterprises and staff (src/domain/registry.rs, codes.rs).
level-province = province
level-city = city
level-county = county
level-township = township
level-village = village
level-unknown = unknown level '{ $level }'
level-unknown-hint = use one of province, city, county, township, village
division-not-a-code = '{ $raw }' is not a division code
division-not-a-code-hint = a division code is 2, 4, 6, 9 or 12 digits, e.g. 330523
division-wrong-length = '{ $raw }' has { $n } digits; a division code has 2, 4, 6, 9 or 12
division-ends-in-00 = '{ $raw }' is not a division code (it ends in 00)
uscc-wrong-length = credit code '{ $code }' has { $n } characters; a unified social credit code has 18
uscc-bad-character = credit code '{ $code }' contains '{ $bad }', which no credit code uses
uscc-bad-character-hint = credit codes use digits and the capitals A-Y except I, O, S, V, Z
uscc-bad-check = credit code '{ $code }' fails its check: the 18th character should be '{ $expected }', not '{ $got }'
uscc-bad-check-hint = check the code against the business licence
area-outside-bureau = { $code } lies outside this bureau's area ({ $org })
area-outside-bureau-hint = a bureau records only places inside its own area
area-wrong-level = { $code } is a { $level } code, not a { $want } code
area-built-in = { $code } is a { $level } code; provinces, cities and counties are built in
area-empty-name = { $code } has an empty name
area-parent-missing = { $code } { $name }: its { $what } { $parent } is not in the database
area-parent-missing-hint = import the townships file before the villages file
area-county-not-in-province = county { $code } is not in this campaign's province
area-village-missing = village { $code } is not in the database
area-village-missing-hint = import the villages first: `zoufang area import FILE`
enterprise-empty-name = enterprise { $uscc } has an empty name
enterprise-village-not-in-county = village { $village } is not in county { $county }
enterprise-zone-other-county = zone { $zone } is in county { $zone_county }, not { $county }
zone-unknown = no cluster zone '{ $zone }'
zone-unknown-hint = add it with `zoufang zone add`
staff-empty-name = a staff member needs a name
staff-org-not-bureau = { $code } is not a bureau: staff belong to a province, city or county bureau
staff-org-unknown = { $code } is not a known division
log-records-count = { $shown } … ({ $n } records)
