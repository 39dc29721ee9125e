//! The privacy inventory is complete (SPEC R8; issue 14 §5): docs/privacy.md lists every column
//! of every table with what it holds, why, how long it is kept and whether the application
//! encrypts it. This test reads the live schema of both backends after every migration and
//! fails when a column exists that the inventory does not list, or the inventory lists one that
//! does not exist, so a migration cannot add data silently.

use std::collections::BTreeSet;

use crate::common::each_backend;

/// The (table, column) pairs of the inventory's rows: `| \`table\` | \`column\` | … |`.
fn inventory() -> BTreeSet<(String, String)> {
    let doc = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/privacy.md"
    ));
    let name = |cell: &str| {
        let c = cell.trim();
        (c.len() > 2 && c.starts_with('`') && c.ends_with('`'))
            .then(|| c[1..c.len() - 1].to_owned())
    };
    doc.lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.trim().strip_prefix('|')?.split('|').collect();
            if cells.len() < 6 {
                return None;
            }
            Some((name(cells[0])?, name(cells[1])?))
        })
        .collect()
}

#[tokio::test]
async fn r8_the_privacy_inventory_lists_every_column_and_nothing_else() {
    let listed = inventory();
    assert!(listed.len() > 100, "the inventory table was not found");
    each_backend(|s, name| {
        let listed = listed.clone();
        async move {
            let live: BTreeSet<(String, String)> =
                s.schema_columns().await.unwrap().into_iter().collect();
            let missing: Vec<_> = live.difference(&listed).collect();
            let extra: Vec<_> = listed.difference(&live).collect();
            assert!(
                missing.is_empty(),
                "{name}: columns docs/privacy.md does not list: {missing:?}"
            );
            assert!(
                extra.is_empty(),
                "{name}: docs/privacy.md lists columns that do not exist: {extra:?}"
            );
        }
    })
    .await;
}
