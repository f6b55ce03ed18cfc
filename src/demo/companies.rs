//! The demo catalog's fictional companies: name, `.example` domain, industry, size, offices and
//! how remote-friendly each is.

use super::rng::Rng;
use super::words::{self, HOME_REGIONS, INDUSTRIES, Industry, PLACES, Place, Region, SIZES};
use crate::domain::posting::{CompanyDraft, NameSource, SourceKind};

/// How a company lets people work; decides which locations its postings name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Policy {
    OnSite,
    Hybrid,
    RemoteFriendly,
    RemoteFirst,
}

const POLICIES: [(Policy, u32); 4] = [
    (Policy::OnSite, 15),
    (Policy::Hybrid, 40),
    (Policy::RemoteFriendly, 30),
    (Policy::RemoteFirst, 15),
];

pub struct Company {
    pub name: String,
    /// Also the board slug and the stem of the domain, e.g. `otterbrook-freight`.
    pub slug: String,
    pub industry: &'static Industry,
    pub pitch: &'static str,
    pub size: &'static str,
    /// Relative number of open postings.
    pub hiring: u32,
    pub board: SourceKind,
    pub policy: Policy,
    /// Offices, home region first; never empty.
    pub offices: Vec<&'static Place>,
    /// The remote locations the company hires in (its offices' regions).
    pub remote: Vec<&'static Place>,
}

impl Company {
    pub fn domain(&self) -> String {
        format!("{}.example", self.slug)
    }

    pub fn draft(&self) -> CompanyDraft {
        CompanyDraft {
            name: Some(self.name.clone()),
            name_source: NameSource::Board,
            domain: Some(self.domain()),
            board_slug: Some(self.slug.clone()),
            industry: Some(self.industry.name.to_string()),
            size_range: Some(self.size.to_string()),
        }
    }
}

/// `count` companies with distinct names, the same ones for the same seed.
pub fn companies(seed: u64, count: usize) -> Vec<Company> {
    let mut rng = Rng::new(seed);
    let mut stems = Vec::new();
    for start in words::NAME_STARTS {
        for end in words::NAME_ENDS {
            stems.push(format!("{start}{end}"));
        }
    }
    // More companies than names is a programming error in the constants; cap rather than loop.
    (0..count.min(stems.len()))
        .map(|_| {
            let stem = stems.swap_remove(rng.below(stems.len()));
            company(&mut rng, stem)
        })
        .collect()
}

fn company(rng: &mut Rng, stem: String) -> Company {
    let industry = rng.pick(&INDUSTRIES);
    let tail = rng.pick(industry.tails);
    let (size, hiring) = *rng.pick(&SIZES);
    let home = *rng.weighted(&HOME_REGIONS);
    let count = 1 + rng.below(3);
    let mut offices = rng.sample(&places(home, false), count);
    // Some companies also have an office in a second region, as many real ones do.
    if hiring >= 5 && rng.chance(0.3) {
        let other = *rng.weighted(&HOME_REGIONS);
        if other != home {
            offices.push(*rng.pick(&places(other, false)));
        }
    }
    let mut remote = Vec::new();
    for office in &offices {
        for place in places(office.region, true) {
            if !remote.iter().any(|p: &&Place| std::ptr::eq(*p, place)) {
                remote.push(place);
            }
        }
    }
    Company {
        slug: format!("{stem}-{tail}").to_ascii_lowercase(),
        name: format!("{stem} {tail}"),
        industry,
        pitch: rng.pick::<&str>(industry.pitches),
        size,
        hiring,
        board: *rng.weighted(&words::BOARDS),
        policy: *rng.weighted(&POLICIES),
        offices,
        remote,
    }
}

fn places(region: Region, remote: bool) -> Vec<&'static Place> {
    PLACES
        .iter()
        .filter(|p| p.region == region && p.remote == remote)
        .collect()
}
