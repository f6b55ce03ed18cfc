//! The salary estimate measured on real pay: every board payload we have (shared and external)
//! ingested, then each posting that states its pay estimated with its pay hidden, from other
//! employers' postings (as `jobpilot enrich` reports it) and, for comparison, from every other
//! posting. The figures are printed for the docs
//! (`cargo nextest run --test ingest salary_estimates --no-capture`).

use jobpilot::connectors;
use jobpilot::domain::salary_estimate;
use jobpilot::services::matching;

use super::board_figures::{fetched_from, payloads};
use super::{pool, run};

#[tokio::test]
async fn estimates_with_the_stated_pay_hidden_are_measured_on_every_board_we_have() {
    let pool = pool().await;
    for path in payloads() {
        let name = path.file_name().expect("file name").to_string_lossy().to_string();
        let bytes = std::fs::read(&path).expect("read payload");
        let board = connectors::parse(None, &bytes, &fetched_from(&name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        run(&pool, board, false).await;
    }
    // The recorded payloads are months old; estimates compare recent postings.
    sqlx::query("update job_postings set posted_at = now() - interval '1 day'").execute(&pool).await.expect("recent");
    let check = matching::check_estimates(&pool).await.expect("holdout");
    // The same postings with only each posting's own pay hidden, for comparison.
    let samples = matching::stated_samples(&pool).await.expect("samples");
    let posting_only: Vec<_> = samples.iter().map(|(group, pay, _)| (group.clone(), *pay, None)).collect();
    let naive = salary_estimate::holdout(&posting_only);
    for (label, h) in [("its employer's postings hidden", &check), ("only the posting hidden", &naive)] {
        println!(
            "salary estimate, {label}: {} postings state pay, {} estimated (coverage {:.1}%), median error {:.1}%, {:.1}% inside the estimate's range",
            h.postings, h.estimated, 100.0 * h.coverage, 100.0 * h.median_error, 100.0 * h.within_range
        );
    }
    assert!(check.postings > 100, "the payloads state pay for {} postings", check.postings);
    assert_eq!(check.postings, naive.postings);
    assert!(naive.estimated > 0, "some groups hold five or more postings: {naive:?}");
    // Hiding more can only estimate fewer postings.
    assert!(check.estimated <= naive.estimated, "{check:?} {naive:?}");
    assert!(naive.median_error < 0.5, "{naive:?}");
}
