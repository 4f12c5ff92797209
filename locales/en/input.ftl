# What comes in from outside: text checks, imported files, forms, output files, photos (src/domain/text.rs, form.rs, attachment.rs, src/io/, src/import.rs).

# Text checks (src/domain/text.rs): { $what } is one of the phrases below.
text-control-character = { $what } contains a control character ({ $char }) at character { $at }: { $text }
text-control-character-hint = remove control characters (they can drive a terminal); only tab and newline are allowed
text-too-long = { $what } is { $n } characters long; at most { $max } are allowed: { $text }
text-too-long-hint = shorten it
text-what-argument = argument { $i }
text-what-area-name = the name of { $code }
text-what-enterprise-name = the name of enterprise { $uscc }
text-what-enterprise-industry = the industry of enterprise { $uscc }
text-what-enterprise-contact = the contact of enterprise { $uscc }
text-what-enterprise-phone = the phone of enterprise { $uscc }
text-what-staff-name = a staff member's name
text-what-staff-title = the title of { $name }
text-what-staff-division = the division of { $name }
text-what-staff-phone = the phone of { $name }

# Imported files (src/io/csv_in.rs, src/import.rs).
csv-not-utf8 = the file is not valid UTF-8 (at byte { $at })
csv-not-utf8-hint = save it as UTF-8, or name its encoding with --encoding gbk
csv-not-text = the file is neither UTF-8 nor GBK/GB18030 text
csv-save-as-utf8-hint = save it from Excel as "CSV UTF-8" and import again
csv-utf16 = the file is UTF-16 text, which zoufang does not read
csv-bad-header = cannot read the header line: { $detail }
csv-unreadable = cannot read the file: { $detail }
csv-empty = the file is empty
csv-empty-hint = the first line must name the columns
csv-too-many-columns = the header line has { $n } columns; an import file has at most { $max }
csv-too-many-columns-hint = check that this is the right file and that it is comma-separated
csv-column-twice = the column { $column } appears twice in the header
csv-missing-columns = the file has no column { $columns }
csv-column-named = { $key } ("{ $alias }")
csv-missing-columns-hint = the header line must name the columns; found: { $found }
csv-no-file = there is no file { $path }
csv-no-file-hint = check the file name and folder
csv-cannot-read = cannot read { $path }
csv-bad-width = has { $n } fields, the header has { $width }
csv-field-too-long = field { $field } holds { $n } characters; a field holds at most { $max }
import-what-township = township
import-what-village = village
import-what-enterprise = enterprise
import-what-staff = staff
import-progress = import { $what }
import-summary = added { $added }, updated { $updated }, unchanged { $unchanged }, rejected { $rejected }
import-unknown-column = note: column { $column } is not part of the { $what } layout and was ignored
import-more-unknown-columns = note: … and { $n } more unknown columns, ignored
import-repeated = { $key } appears again (first on line { $at })
import-bad-line = {"  "}line { $line }: { $reason }
import-more-bad = {"  "}… and { $n } more bad rows
import-bad-rows =
    { $bad } of { $total } rows of the { $what } file are bad; nothing was imported:
    { $listing }
import-bad-rows-hint = correct those rows and import again, or add --skip-bad to import the good rows only
import-skipped =
    skipped { $n } bad rows:
    { $listing }

# Forms (src/domain/form.rs).
form-def-invalid = the form definition is not valid: { $detail }
form-def-invalid-hint = start from `zoufang form show KIND --format json`
form-def-wrong-kind = the definition is for the { $def } form, not { $kind }
form-def-no-fields = a form needs at least one field
form-def-bad-key = field key '{ $key }' must be lowercase letters, digits and _
form-def-key-twice = field '{ $key }' appears twice
form-def-choices = field '{ $key }': only choice and multi fields have choices, and they must have some
form-no-field = the { $title } has no field '{ $key }'
form-fields-are = its fields are: { $keys }
form-required = { $title }: '{ $label }' ({ $key }) is required
form-required-hint = add --answer { $key }=… { $allowed }
form-allowed = allowed: { $allowed }
form-allowed-several = (one or more, comma-separated, of: { $list })
form-allowed-one = (one of: { $list })
form-allowed-yes-no = (yes/no)
form-allowed-integer = (a whole number ≥ 0)
form-allowed-text = (text)
form-bad-choice = '{ $label }' ({ $key }) cannot be '{ $raw }'
form-not-integer = '{ $label }' ({ $key }) must be a whole number ≥ 0, not '{ $raw }'
form-not-yes-no = '{ $label }' ({ $key }) must be yes or no, not '{ $raw }'
form-file-not-json = the form file is not valid JSON: { $detail }
form-file-not-object = the form file must hold one JSON object of field → answer

# Output files (src/io/output.rs, table.rs).
output-unknown-extension = -o { $path }: the file name does not say which format to write (known extensions: { $known })
output-unknown-extension-hint = name the file with one of those extensions, or give --format table|csv|json|md|xlsx|docx
output-the-database = the database itself
output-database-file = the database's { $suffix } file
output-onto-database = -o { $path } is { $which } ({ $file }); writing there would destroy it, so nothing was written
output-is-folder = -o { $path } is a folder; nothing was written
output-is-folder-hint = name a file, e.g. -o FOLDER/out.csv
output-sqlite-database = an SQLite database
output-sqlite-log = an SQLite write-ahead log
output-onto-sqlite = -o { $path } is { $kind }; zoufang never overwrites one, so nothing was written
output-onto-sqlite-hint = choose another output file, or move that one away first
output-still-writing = the output file is still being written
output-format-not-here = --format { $format } is not available for this command
output-format-not-here-hint = use table, csv, json or md
table-no-temporary-file = cannot create a temporary file for a long table
table-no-such-column = --columns: there is no column `{ $column }` here
table-columns-are = the columns are: { $columns }

# Photos and scans (src/domain/attachment.rs, src/io/photo.rs).
attach-empty-file = { $name } is empty; nothing was attached
attach-empty-file-hint = attach the photo or scan itself (JPEG, PNG or PDF)
attach-too-big = { $name } is { $mb } MB, over the limit of { $max } MB; nothing was attached
attach-too-big-hint = scan forms at 150–200 dpi, or export the photo smaller, and attach that
attach-not-photo = { $name } is not a JPEG or PNG photo or a PDF; nothing was attached
attach-not-photo-hint = zoufang keeps photos (JPEG, PNG) and scans (PDF), recognised by their content, not their name
attach-truncated = { $name } is truncated (the { $kind } ends before its end marker); nothing was attached
attach-copy-again-hint = copy the file again from the camera or phone
attach-no-pixels = { $name } has no pixels ({ $width }×{ $height }); nothing was attached
attach-too-many-pixels = { $name } is { $width }×{ $height } pixels, over the limit of { $max } megapixels; nothing was attached
attach-too-many-pixels-hint = export the photo at a smaller size and attach that
attach-close-needs-after = finding { $finding } cannot be closed: rule { $rule } — findings of work item { $item } are closed on an 'after' photo, and it has none; nothing was written
attach-close-needs-after-hint = attach the photo of the rectified site first: `zoufang attach add --finding { $finding } --kind after PHOTO.jpg`, then record the follow-up again (a bureau may switch the rule with `zoufang attach rule --item { $item } off`)
attach-last-after-photo = attachment { $attachment } is the only 'after' photo of finding { $finding }, closed on it: rule { $rule } (work item { $item }); nothing was written
attach-last-after-photo-hint = to replace a wrong photo, attach the right one first (`zoufang attach add --finding { $finding } --kind after PHOTO.jpg`), then remove this one
photo-not-an-image = { $name } is not an image
photo-pdf-not-encoded = a PDF is not encoded
photo-unreadable = { $name } cannot be read as a { $kind } ({ $detail }); nothing was attached
photo-unreadable-hint = the file is damaged or not what its content claims; copy it again from the camera or phone
photo-the-stored-photo = the stored photo
io-verb-write-a-file-in = write a file in
io-verb-create-the-folder = create the folder
io-verb-make-the-folder = make the folder

# attach (src/cli/attach.rs).
date-what-the-date-of-the-removal = the date of the removal
attach-kind-before = before
attach-kind-after = after
attach-kind-scene = scene
attach-kind-form = form
attach-kind-other = other
record-case = case
attach-record = { $what } { $id }
attach-list-sep = {"; "}
attach-missing-file = { $name } does not exist; nothing was attached
attach-unreadable = { $name } cannot be read ({ $detail }); nothing was attached
attach-is-folder = { $name } is a folder, not a file; nothing was attached
attach-is-folder-hint = name the photos themselves, e.g. `zoufang attach add --visit ID folder/*.jpg`
attach-say-what = say what the files prove: --visit ID, --finding ID or --case ID
attach-taken = taken { $at }
attach-scaled = scaled { $from } → { $to }
attach-already-stored = already stored: no new bytes
attach-attached = attached { $id } ({ $name } → { $what })
attach-warning = warning: { $name }: { $what }
attach-warning-attachment = warning: attachment { $id } ({ $kind }): { $what }
attach-no-exif = note: { $name } has no EXIF date; when it was taken cannot be checked
attach-exported = exported { $n } file(s), { $size }, and index.csv to { $folder }
attach-remove-needs-reason = removing an attachment needs a reason (--reason): it stays in the history with it
attach-removed = removed attachment { $id } from { $record } ({ $reason }); it stays in the history (`zoufang attach list --removed`)
attach-no-after-left = warning: finding { $finding } has no 'after' photo left; if it is closed and its work item needs one, `zoufang check` lists it
attach-rule-on-laptop = this is a laptop copy of { $org }'s database; the bureau sets its rules and the laptop receives them with its next bundle
attach-rule-on = rule { $rule }: findings of work item { $item } now need an 'after' photo to be closed
attach-rule-off = rule { $rule }: findings of work item { $item } no longer need an 'after' photo to be closed
attach-rule-set-by-bureau = bureau
attach-rule-set-by-default = default
attach-rule-title = After photo to close
attach-evidence-title = Evidence
misfit-before-visit = taken { $taken }, { $days ->
    [one] 1 day
   *[other] { $days } days
} before the visit ({ $visit })
misfit-after-visit = taken { $taken }, { $days ->
    [one] 1 day
   *[other] { $days } days
} after the visit ({ $visit })
misfit-after-before-finding = an 'after' photo taken { $taken }, before the finding was logged ({ $finding })

# Leftovers converted at the end of the session (case dates, attach export, unreadable changes, document formats).
case-date-outside-year = today is outside { $year }: give the date with --date YYYY-MM-DD
attach-export-not-a-folder = { $path } is a file, not a folder; nothing was exported
sync-change-unreadable = { $file } is damaged: change { $id } cannot be read ({ $why }); nothing was imported
output-docx-needs-file = a Word document is written to a file
output-docx-needs-file-hint = add -o FILE.docx
output-xlsx-needs-file = an xlsx workbook is written to a file
output-xlsx-needs-file-hint = add -o FILE.xlsx
