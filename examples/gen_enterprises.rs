//! Writes N enterprises as the import CSV (Chinese headers, as a clerk's spreadsheet has them),
//! deterministically, spread over a bureau's counties. Used by bench/run.sh.
//!
//!     cargo run --release --example gen_enterprises -- 100000 33 > enterprises.csv

use std::io::{BufWriter, Write};

use zoufang::domain::codes::uscc_check_char;
use zoufang::domain::divisions;

const INDUSTRIES: [&str; 8] =
    ["竹木制品", "转椅家具", "白茶", "化工", "纺织印染", "建材", "食品加工", "电镀"];
const TAGS: [&str; 6] =
    ["", "", "difficulty:pollution", "promising", "difficulty:emission;key-project", "featured"];

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let org = args.get(2).cloned().unwrap_or_else(|| "33".into());
    let counties: Vec<&str> = divisions::under(&org)
        .filter(|d| d.code.len() == 6)
        .map(|d| d.code.as_str())
        .chain(std::iter::once(org.as_str()).filter(|o| o.len() == 6))
        .collect();
    let mut out = BufWriter::new(std::io::stdout().lock());
    writeln!(out, "统一社会信用代码,企业名称,所在县,行业,标签,联系人,联系电话")?;
    for i in 0..n {
        let county = counties[i % counties.len()];
        let body = format!("91{county}MA{:07}", i);
        let check = uscc_check_char(&body).unwrap_or('0');
        let industry = INDUSTRIES[i % INDUSTRIES.len()];
        writeln!(
            out,
            "{body}{check},{}{industry}有限公司{i},{county},{industry},{},联系人{},0572-{:07}",
            divisions::find(county).map(|d| d.name.as_str()).unwrap_or(""),
            TAGS[i % TAGS.len()],
            i % 97,
            i
        )?;
    }
    Ok(())
}
