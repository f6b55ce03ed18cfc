//! Catalog ingest: a connector's parsed board into `companies` and `job_postings`.
//!
//! Runs on the owner (system) pool: the catalog is global, and the audit row is written as the
//! system actor. Each batch of drafts is one transaction for its postings (and, on the last batch
//! of a full board, the closing of postings no longer listed) with one audit row when anything
//! changed, so re-ingesting an unchanged board leaves no trace at all; the companies a batch
//! meets first go in just before it, in a short transaction of their own (see [`ingest`]).

use std::collections::{HashMap, HashSet};

use serde_json::json;
use sqlx::{PgConnection, PgPool};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use uuid::Uuid;

use crate::db::audit::{self, Actor, AuditEntry};
use crate::db::companies::{self, RowChange};
use crate::db::job_postings;
use crate::domain::normalize::{NormalizedPosting, normalize};
use crate::domain::posting::{ParsedBoard, PostingDraft, SourceKind};
use crate::domain::skills::SkillMatcher;

/// Drafts per transaction: large enough that a statement's round trip is amortised, small
/// enough that one transaction never holds a huge board's locks for long.
const BATCH_SIZE: usize = 1_000;

/// What one ingest did, counted in postings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IngestSummary {
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
    /// Postings of a full board that its list no longer names, now closed.
    pub closed: u64,
    /// Postings stored (inserted, updated or unchanged) with at least one skill tag.
    pub tagged: u64,
    /// Postings stored without a company: nothing in the payload, its URL or `--company` named one.
    pub without_company: u64,
    /// (board id, reason) for each posting not stored, by the connector or by normalisation.
    pub skipped: Vec<(Option<String>, String)>,
}

impl IngestSummary {
    /// Adds another ingest's (or batch's) counts and skips to these.
    pub fn add(&mut self, other: IngestSummary) {
        self.inserted += other.inserted;
        self.updated += other.updated;
        self.unchanged += other.unchanged;
        self.closed += other.closed;
        self.tagged += other.tagged;
        self.without_company += other.without_company;
        self.skipped.extend(other.skipped);
    }

    /// Postings stored by this ingest, whatever happened to their rows.
    pub fn stored(&self) -> u64 {
        self.inserted + self.updated + self.unchanged
    }

    /// The share of stored postings with a skill tag, in whole percent (rounded down, so 100%
    /// means every one); `None` when nothing was stored.
    pub fn tagged_percent(&self) -> Option<u64> {
        (self.stored() > 0).then(|| self.tagged * 100 / self.stored())
    }
}

/// A company as the draft names it: (name, domain, board slug).
type CompanyKey = (Option<String>, Option<String>, Option<String>);

/// What ingest remembers across the batches of one board.
#[derive(Default)]
struct Board {
    /// Every source id the payload lists, stored or not: a posting listed but unreadable this
    /// time is still on the board and must not be closed.
    seen: HashSet<String>,
    /// Keys (source, source id) already stored by this ingest (a payload listing one posting
    /// twice, or two export rows of one posting, keep the first).
    stored: HashSet<(&'static str, String)>,
    companies: HashMap<CompanyKey, Option<Uuid>>,
    /// The boards (source, company) whose postings were stored, for closing the missing ones.
    boards: HashSet<(SourceKind, Uuid)>,
}

/// Stores a parsed board. Postings that cannot be normalised are skipped with their reason and
/// never abort the rest; `full_board` says the payload is the board's whole list, so postings it
/// no longer names are marked closed.
///
/// Three kinds of work overlap, because each alone leaves most of the machine idle: the next
/// batch is normalised on blocking threads split across the cores while up to [`WRITERS`] earlier
/// batches are written, each on its own connection (one PostgreSQL backend uses one core).
/// Writes run as tasks of their own, so they go on while this function waits for normalising,
/// and they take turns for the process-wide [`WRITE_SLOTS`], so several boards ingested at once
/// (the CLI overlaps two) share the same writers. Companies are resolved batch by batch, in
/// order, before a batch's postings are written, in a short transaction of their own: concurrent
/// batches then never upsert the same company row, so they never wait for each other's locks.
pub async fn ingest(
    pool: &PgPool,
    parsed: ParsedBoard,
    skills: &'static SkillMatcher,
    full_board: bool,
) -> anyhow::Result<IngestSummary> {
    let mut summary = IngestSummary::default();
    let mut board = Board::default();
    let board_source = parsed.postings.first().map(|d| d.source);
    for skipped in &parsed.skipped {
        if let (Some(source), Some(id)) = (board_source, &skipped.board_id) {
            board.seen.insert(source.source_id(id));
        }
        summary
            .skipped
            .push((skipped.board_id.clone(), skipped.reason.clone()));
    }
    let mut skipped_so_far = summary.skipped.len();
    let mut batches = into_batches(parsed.postings).into_iter();
    let mut pending = batches.next().map(|drafts| normalise_in_background(drafts, skills));
    let mut writing = JoinSet::new(); // dropped on an early return: the other writes roll back
    while let Some(normalising) = pending.take() {
        let (drafts, mut normalised) = normalising.await?;
        pending = batches.next().map(|drafts| normalise_in_background(drafts, skills));
        adopt_keys_by_url(pool, &mut normalised).await?;
        let rows = keep_storable(&drafts, normalised, &mut board, &mut summary.skipped);
        let skipped = summary.skipped.len() - skipped_so_far;
        skipped_so_far = summary.skipped.len();
        let company_ids = resolve_companies(pool, &rows, &mut board).await?;
        summary.tagged += count(rows.iter().filter(|row| !row.normalized_tags.is_empty()));
        summary.without_company += count(company_ids.iter().filter(|id| id.is_none()));
        // Closing what a full board no longer lists needs every other batch stored first.
        let closing = (full_board && pending.is_none()).then(|| Closing {
            seen: board.seen.iter().cloned().collect(),
            boards: board.boards.clone(),
        });
        while writing.len() >= WRITERS || (closing.is_some() && !writing.is_empty()) {
            summary.add(writing.join_next().await.expect("not empty")??);
        }
        writing.spawn(store_batch(pool.clone(), rows, company_ids, closing, skipped));
    }
    while let Some(counts) = writing.join_next().await {
        summary.add(counts??);
    }
    Ok(summary)
}

/// Batches whose postings are written at once, each in its own transaction: by one ingest, and
/// by the whole process. Measured on 2 cores: two beat one (one backend left a core idle) and
/// three (3,845 / 3,911 postings/s against 4,450 / 4,505).
const WRITERS: usize = 2;

/// Postings writes in progress anywhere in this process, whichever ingest they belong to.
static WRITE_SLOTS: Semaphore = Semaphore::const_new(WRITERS);

/// Boards a caller with many (`jobpilot ingest FILE…`) should ingest at once: with one, every
/// board begins with the machine waiting for its first batch to be normalised and ends with it
/// waiting for its last to be written (10–30% of the time at 1,000–5,000 postings a board); with
/// two, one board's start overlaps the other's end, and [`WRITE_SLOTS`] keeps the writers at two.
pub const BOARDS_AT_ONCE: usize = 2;

fn into_batches(drafts: Vec<PostingDraft>) -> Vec<Vec<PostingDraft>> {
    let mut batches = Vec::with_capacity(drafts.len().div_ceil(BATCH_SIZE));
    let mut drafts = drafts.into_iter().peekable();
    while drafts.peek().is_some() {
        batches.push(drafts.by_ref().take(BATCH_SIZE).collect());
    }
    batches
}

type Normalised = (Vec<PostingDraft>, Vec<Result<NormalizedPosting, String>>);

/// Normalises a batch on the blocking pool (never on the async workers), one slice per core.
fn normalise_in_background(
    drafts: Vec<PostingDraft>,
    skills: &'static SkillMatcher,
) -> tokio::task::JoinHandle<Normalised> {
    tokio::task::spawn_blocking(move || {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let slice = drafts.len().div_ceil(cores).max(1);
        let results = std::thread::scope(|scope| {
            let workers: Vec<_> = drafts
                .chunks(slice)
                .map(|part| scope.spawn(move || part.iter().map(|d| normalize(d, skills)).collect::<Vec<_>>()))
                .collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
                .collect()
        });
        (drafts, results)
    })
}

/// Keeps the normalised rows, moving failures and repeated ids to `skipped`.
fn keep_storable(
    drafts: &[PostingDraft],
    normalised: Vec<Result<NormalizedPosting, String>>,
    board: &mut Board,
    skipped: &mut Vec<(Option<String>, String)>,
) -> Vec<NormalizedPosting> {
    let mut rows = Vec::with_capacity(drafts.len());
    for (draft, result) in drafts.iter().zip(normalised) {
        if let Some(id) = &draft.board_id {
            board.seen.insert(draft.source.source_id(id));
        }
        match result {
            Ok(row) if !board.stored.insert((row.source, row.source_id.clone())) => {
                skipped.push((
                    draft.board_id.clone(),
                    "the same posting is listed twice in the payload".into(),
                ));
            }
            Ok(row) => rows.push(row),
            Err(reason) => skipped.push((draft.board_id.clone(), reason)),
        }
    }
    // Every batch locks its rows in one global order, so two ingests meeting the same postings
    // (the same file twice, a scheduled refresh beside an operator's ingest) wait for each
    // other instead of deadlocking.
    rows.sort_unstable_by(|a, b| (&a.source_id, a.source).cmp(&(&b.source_id, b.source)));
    rows
}

fn count<T>(items: impl Iterator<Item = T>) -> u64 {
    u64::try_from(items.count()).unwrap_or(u64::MAX)
}

/// Gives an export row or JSON-LD page whose URL names no board the key of the posting already
/// stored at the same canonical URL, so the two records meet on one row.
async fn adopt_keys_by_url(
    pool: &PgPool,
    normalised: &mut [Result<NormalizedPosting, String>],
) -> sqlx::Result<()> {
    let keyed_by_reader = |row: &NormalizedPosting| row.kind.is_second_hand() && !row.keyed_by_url;
    let urls: Vec<String> = normalised
        .iter()
        .flatten()
        .filter(|row| keyed_by_reader(row))
        .map(|row| row.url.clone())
        .collect();
    if urls.is_empty() {
        return Ok(());
    }
    let mut conn = pool.acquire().await?;
    let stored = job_postings::keys_by_url(&mut conn, &urls).await?;
    for row in normalised.iter_mut().flatten() {
        if !keyed_by_reader(row) {
            continue;
        }
        if let Some((source, id)) = stored.get(&row.url)
            && let Some(source) = provider_name(source)
        {
            row.source = source;
            row.source_id = id.clone();
        }
    }
    Ok(())
}

/// The `provider_enum` value as the static name `NormalizedPosting::source` holds.
fn provider_name(stored: &str) -> Option<&'static str> {
    SourceKind::ALL
        .into_iter()
        .map(SourceKind::provider)
        .find(|name| *name == stored)
}

/// What the last batch of a full board needs to close the postings the board no longer lists.
struct Closing {
    seen: Vec<String>,
    /// The boards (source, company) whose postings this ingest stores, this batch's included.
    boards: HashSet<(SourceKind, Uuid)>,
}

/// The company id of each row, in one committed transaction. Companies not yet met in this
/// ingest go in with one batched upsert; the ones already met come from the board's memory.
async fn resolve_companies(
    pool: &PgPool,
    rows: &[NormalizedPosting],
    board: &mut Board,
) -> sqlx::Result<Vec<Option<Uuid>>> {
    let key = |row: &NormalizedPosting| {
        let c = &row.company;
        (c.name.clone(), c.domain.clone(), c.board_slug.clone())
    };
    let mut new_keys = Vec::new();
    let mut new_drafts = Vec::new();
    let mut met = HashSet::new();
    for row in rows {
        let key = key(row);
        if !board.companies.contains_key(&key) && met.insert(key.clone()) {
            new_keys.push(key);
            new_drafts.push(&row.company);
        }
    }
    if !new_drafts.is_empty() {
        let mut tx = pool.begin().await?;
        let ids = companies::upsert_batch(&mut tx, &new_drafts).await?;
        tx.commit().await?;
        board.companies.extend(new_keys.into_iter().zip(ids));
    }
    let ids: Vec<Option<Uuid>> = rows.iter().map(|row| board.companies[&key(row)]).collect();
    for (row, company) in rows.iter().zip(&ids) {
        if let Some(company) = company {
            board.boards.insert((row.kind, *company));
        }
    }
    Ok(ids)
}

/// One transaction: the batch's postings, then (on a full board's last batch) the closing of
/// postings no longer listed, and an audit row when anything changed. Returns the batch's counts
/// (its skips are counted by the caller).
async fn store_batch(
    pool: PgPool,
    rows: Vec<NormalizedPosting>,
    company_ids: Vec<Option<Uuid>>,
    closing: Option<Closing>,
    skipped: usize,
) -> anyhow::Result<IngestSummary> {
    let _slot = WRITE_SLOTS.acquire().await?;
    let mut tx = pool.begin().await?;
    let (changes, changed_ids) = job_postings::upsert_batch(&mut tx, &rows, &company_ids).await?;
    if !changed_ids.is_empty() {
        // Scored for users after commit, by the job runner (docs/matching.md).
        crate::jobs::enqueue(&mut tx, &crate::jobs::enrich::EnrichPostings { posting_ids: changed_ids }).await?;
    }
    let mut counts = IngestSummary::default();
    for change in changes {
        match change {
            RowChange::Inserted => counts.inserted += 1,
            RowChange::Updated => counts.updated += 1,
            RowChange::Unchanged => counts.unchanged += 1,
        }
    }
    if let Some(Closing { seen, boards }) = closing {
        for (source, company) in boards {
            let (closed, _reopened) =
                job_postings::mark_closed_missing(&mut tx, source, company, &seen).await?;
            counts.closed += u64::try_from(closed)?;
        }
    }
    if counts.inserted + counts.updated + counts.closed > 0 {
        record_audit(&mut tx, &counts, skipped, rows.first().map(|row| row.kind)).await?;
    }
    tx.commit().await?;
    Ok(counts)
}

async fn record_audit(
    conn: &mut PgConnection,
    counts: &IngestSummary,
    skipped: usize,
    source: Option<SourceKind>,
) -> sqlx::Result<()> {
    let diff = json!({
        "inserted": counts.inserted,
        "updated": counts.updated,
        "unchanged": counts.unchanged,
        "closed": counts.closed,
        "skipped": skipped,
        "source": source.map(SourceKind::name),
    });
    let entry = AuditEntry {
        actor: Actor::System,
        action: "catalog.ingest",
        entity: "job_postings",
        entity_id: Uuid::new_v4(),
        diff: Some(diff),
        ip: None,
    };
    audit::record(conn, entry).await
}
