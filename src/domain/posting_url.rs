//! What a posting's URL says about it: the applicant-tracking system and posting id it belongs
//! to (so an export row, a JSON-LD page and the board's own API meet on one catalog row), and
//! its canonical form (the second key when no board id can be read).

use url::Url;

use crate::domain::posting::SourceKind;

/// A posting recognised from its URL: the board it lives on and the id that board gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoardPosting {
    pub kind: SourceKind,
    /// The id exactly as the board's own API reports it (the connector's `board_id`).
    pub board_id: String,
    /// The board's company slug, when the URL names it.
    pub slug: Option<String>,
}

/// The board and posting id a URL points at, for the boards whose public URLs carry the same
/// id as their API: Greenhouse (also `?gh_jid=` on a company's own careers page), Lever, Ashby
/// (also `?ashby_jid=`), Workday, SmartRecruiters, Workable, BambooHR and Rippling. Recruitee
/// and Teamtailor URLs name the posting by a slug the API does not use, so they are left to the
/// canonical URL. Anything unrecognised gives `None`, never a guess.
pub fn recognise(raw: &str) -> Option<BoardPosting> {
    let url = Url::parse(raw.trim()).ok()?;
    let host = url.host_str()?.to_ascii_lowercase();
    let path: Vec<&str> = url
        .path_segments()
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect();
    let query = |key: &str| {
        url.query_pairs()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let on = |site: &str| host == site || host.ends_with(&format!(".{site}"));
    let found = |kind, id: &str, slug: Option<&str>| {
        Some(BoardPosting {
            kind,
            board_id: id.to_string(),
            slug: slug.map(decoded).filter(|s| !s.trim().is_empty()),
        })
    };
    if on("greenhouse.io") {
        return match path.as_slice() {
            ["v1", "boards", slug, "jobs", id, ..] if is_digits(id) => {
                found(SourceKind::Greenhouse, id, Some(slug))
            }
            ["embed", "job_app" | "job_board", ..] => {
                let id = query("token").or_else(|| query("gh_jid")).filter(|id| is_digits(id))?;
                found(SourceKind::Greenhouse, &id, query("for").as_deref())
            }
            [slug, "jobs", id, ..] if is_digits(id) => found(SourceKind::Greenhouse, id, Some(slug)),
            _ => None,
        };
    }
    if let Some(id) = query("gh_jid").filter(|id| is_digits(id)) {
        return found(SourceKind::Greenhouse, &id, None); // a company's careers page embedding its board
    }
    if let Some(id) = query("ashby_jid").filter(|id| is_uuid(id)) {
        return found(SourceKind::Ashby, &id, None);
    }
    if on("lever.co") {
        return match path.as_slice() {
            ["v0", "postings", slug, id, ..] | [slug, id, ..] if is_uuid(id) => {
                found(SourceKind::Lever, id, Some(slug))
            }
            _ => None,
        };
    }
    if on("ashbyhq.com") {
        return match path.as_slice() {
            [slug, id, ..] if is_uuid(id) => found(SourceKind::Ashby, id, Some(slug)),
            _ => None,
        };
    }
    if on("myworkdayjobs.com") || on("myworkdaysite.com") {
        // `…/{site}/job/{location}/{title}_{requisition id}`: the connector's id is the suffix.
        let last = path.last()?;
        let (_, id) = last.rsplit_once('_')?;
        // The tenant (`acme` in `acme.wd5.myworkdayjobs.com`) is the company's slug; a
        // `wd5.myworkdaysite.com` host names none.
        let tenant = subdomain_of(&host, "myworkdayjobs.com");
        return (path.contains(&"job") && !id.is_empty())
            .then(|| found(SourceKind::Workday, id, tenant.as_deref()))
            .flatten();
    }
    if on("smartrecruiters.com") {
        return match path.as_slice() {
            [slug, id_title, ..] => {
                let id: String = id_title.chars().take_while(char::is_ascii_digit).collect();
                let ends = id_title[id.len()..].is_empty() || id_title[id.len()..].starts_with('-');
                (id.len() >= 6 && ends)
                    .then(|| found(SourceKind::SmartRecruiters, &id, Some(slug)))
                    .flatten()
            }
            _ => None,
        };
    }
    if on("workable.com") {
        return match path.as_slice() {
            ["j", code, ..] => found(SourceKind::Workable, code, None),
            [slug, "j", code, ..] => found(SourceKind::Workable, code, Some(slug)),
            _ => None,
        };
    }
    if on("bamboohr.com") {
        let slug = subdomain_of(&host, "bamboohr.com");
        return match path.as_slice() {
            ["careers", id, ..] if is_digits(id) => found(SourceKind::BambooHr, id, slug.as_deref()),
            _ => None,
        };
    }
    if on("rippling.com") && host.starts_with("ats.") {
        return match path.as_slice() {
            [slug, "jobs", id, ..] if is_uuid(id) => found(SourceKind::Rippling, id, Some(slug)),
            _ => None,
        };
    }
    None
}

/// The company subdomain of a board host (`acme` in `acme.teamtailor.com`,
/// `acme.wd5.myworkdayjobs.com`), unless it is one of the board's own generic hosts
/// (`career.teamtailor.com` is Teamtailor's own site, `api.bamboohr.com` its API).
pub fn company_subdomain(raw: &str, ats_site: &str) -> Option<String> {
    let host = Url::parse(raw.trim()).ok()?.host_str()?.to_ascii_lowercase();
    subdomain_of(&host, ats_site)
}

/// [`company_subdomain`] of an already lower-cased host.
fn subdomain_of(host: &str, ats_site: &str) -> Option<String> {
    let sub = host.strip_suffix(ats_site)?.strip_suffix('.')?;
    let first = sub.split('.').next()?;
    let generic = ["www", "career", "careers", "jobs", "apply", "ats", "boards", "api", "app"];
    (!first.is_empty() && !generic.contains(&first)).then(|| first.to_string())
}

/// Query parameters that only say how a reader arrived, never which posting it is.
fn is_tracking(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    key.starts_with("utm_")
        || matches!(
            key.as_str(),
            "gh_src" | "lever-source" | "lever-origin" | "lever-via" | "source" | "src" | "ref"
                | "referrer" | "fbclid" | "gclid" | "msclkid" | "mc_cid" | "mc_eid" | "_hsenc"
                | "_hsmi" | "trk" | "trackingid" | "sourcetype" | "iis" | "iisn"
        )
}

/// The URL with a lower-cased host, no fragment, no tracking parameters and no trailing slash,
/// so two links to one posting compare equal. Parameters that name the posting (`gh_jid`,
/// `id`, …) stay, in their order.
pub fn canonical(url: &Url) -> Url {
    let mut url = url.clone(); // the url crate already lower-cases the host and drops default ports
    url.set_fragment(None);
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| !is_tracking(k))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if kept.is_empty() {
        url.set_query(None);
    } else {
        url.query_pairs_mut().clear().extend_pairs(kept);
    }
    let path = url.path().to_string();
    if path.len() > 1 && path.ends_with('/') {
        url.set_path(path.trim_end_matches('/'));
    }
    url
}

/// A path segment as written by people (`Synergy%20Pet%20Group` → `Synergy Pet Group`).
pub fn decoded(segment: &str) -> String {
    percent_encoding::percent_decode_str(segment)
        .decode_utf8_lossy()
        .trim()
        .to_string()
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// The 8-4-4-4-12 hex form Lever and Ashby use for posting ids.
fn is_uuid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, len)| g.len() == len && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(raw: &str) -> Option<(SourceKind, String, Option<String>)> {
        recognise(raw).map(|p| (p.kind, p.board_id, p.slug))
    }

    fn some(kind: SourceKind, id: &str, slug: Option<&str>) -> Option<(SourceKind, String, Option<String>)> {
        Some((kind, id.to_string(), slug.map(str::to_string)))
    }

    #[test]
    fn greenhouse_urls_in_every_form_name_the_same_posting() {
        let want = some(SourceKind::Greenhouse, "4020305008", Some("anthropic"));
        for raw in [
            "https://job-boards.greenhouse.io/anthropic/jobs/4020305008",
            "https://boards.greenhouse.io/anthropic/jobs/4020305008?gh_src=abc",
            "https://job-boards.eu.greenhouse.io/anthropic/jobs/4020305008/",
            "https://boards-api.greenhouse.io/v1/boards/anthropic/jobs/4020305008",
            "https://boards.greenhouse.io/embed/job_app?for=anthropic&token=4020305008",
        ] {
            assert_eq!(key(raw), want, "{raw}");
        }
        assert_eq!(
            key("https://www.anthropic.com/careers/jobs?gh_jid=4020305008"),
            some(SourceKind::Greenhouse, "4020305008", None)
        );
        assert_eq!(key("https://boards.greenhouse.io/anthropic"), None);
    }

    #[test]
    fn lever_ashby_and_the_others_are_recognised() {
        let uuid = "0b8d6f1c-3f5e-4a8b-9c1d-2e3f4a5b6c7d";
        assert_eq!(
            key(&format!("https://jobs.lever.co/palantir/{uuid}/apply")),
            some(SourceKind::Lever, uuid, Some("palantir"))
        );
        assert_eq!(
            key(&format!("https://jobs.ashbyhq.com/scaleai/{uuid}/application")),
            some(SourceKind::Ashby, uuid, Some("scaleai"))
        );
        assert_eq!(
            key(&format!("https://acme.com/careers?ashby_jid={uuid}")),
            some(SourceKind::Ashby, uuid, None)
        );
        assert_eq!(
            key("https://acme.wd5.myworkdayjobs.com/en-US/External/job/Illinois---Chicago/Customer-Success-Manager_JR332446"),
            some(SourceKind::Workday, "JR332446", Some("acme"))
        );
        assert_eq!(
            key("https://jobs.smartrecruiters.com/Acme/743999671674844-medical-assistant"),
            some(SourceKind::SmartRecruiters, "743999671674844", Some("Acme"))
        );
        assert_eq!(
            key("https://apply.workable.com/j/DD136DD7E7"),
            some(SourceKind::Workable, "DD136DD7E7", None)
        );
        assert_eq!(
            key("https://acme.bamboohr.com/careers/42"),
            some(SourceKind::BambooHr, "42", Some("acme"))
        );
        assert_eq!(
            key(&format!("https://jobs.ashbyhq.com/Synergy%20Pet%20Group/{uuid}")),
            some(SourceKind::Ashby, uuid, Some("Synergy Pet Group"))
        );
        assert_eq!(key("https://jobs.lever.co/palantir/not-a-uuid"), None);
        assert_eq!(key("https://example.com/jobs/123"), None);
        assert_eq!(key("not a url"), None);
    }

    #[test]
    fn a_company_subdomain_is_read_but_a_boards_own_host_is_not() {
        assert_eq!(company_subdomain("https://acme.teamtailor.com/jobs/1", "teamtailor.com").as_deref(), Some("acme"));
        assert_eq!(company_subdomain("https://career.teamtailor.com/jobs/1", "teamtailor.com"), None);
        assert_eq!(company_subdomain("https://acme.wd5.myworkdayjobs.com/x", "myworkdayjobs.com").as_deref(), Some("acme"));
        assert_eq!(company_subdomain("https://notteamtailor.com/jobs/1", "teamtailor.com"), None);
        // A myworkdaysite host is Workday's, not the tenant's: the posting is known, its company not.
        assert_eq!(
            key("https://wd5.myworkdaysite.com/recruiting/acme/External/job/Chicago/Analyst_R123"),
            some(SourceKind::Workday, "R123", None)
        );
    }

    #[test]
    fn canonical_urls_drop_tracking_fragments_and_trailing_slashes() {
        let url = |s: &str| canonical(&Url::parse(s).expect("url")).to_string();
        assert_eq!(
            url("https://Jobs.Lever.co/acme/123/?utm_source=linkedin&lever-source=x#apply"),
            "https://jobs.lever.co/acme/123"
        );
        assert_eq!(
            url("https://acme.com/careers/?gh_jid=42&utm_medium=x"),
            "https://acme.com/careers?gh_jid=42"
        );
        assert_eq!(url("https://acme.com/"), "https://acme.com/");
    }
}
