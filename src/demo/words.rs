//! Word lists for the demo catalog: fictional company names, industries, places and benefits.
//!
//! Company names are made-up compounds ("Otterbrook Freight") on the reserved `.example` TLD, so
//! no demo posting can be mistaken for a real company's job or link anywhere real.

use crate::domain::posting::SourceKind;

/// First halves of the invented company names.
pub const NAME_STARTS: [&str; 24] = [
    "Otter", "Quince", "Fern", "Copper", "Bramble", "Tallow", "Thistle", "Wren", "Sorrel", "Heron",
    "Lantern", "Kettle", "Saffron", "Pebble", "Marble", "Briar", "Cinder", "Hazel", "Magpie",
    "Nettle", "Puffin", "Rook", "Sable", "Tansy",
];
/// Second halves; every start + end pair is a distinct made-up word.
pub const NAME_ENDS: [&str; 14] = [
    "brook", "wick", "mere", "moor", "gate", "vale", "ford", "field", "hollow", "crest", "stone",
    "lark", "wood", "haven",
];

/// An industry: the word after the name, what such a company does, and skills its postings
/// add on top of the role's own.
pub struct Industry {
    pub name: &'static str,
    pub tails: &'static [&'static str],
    pub pitches: &'static [&'static str],
    pub extra_skills: &'static [&'static str],
}

pub const INDUSTRIES: [Industry; 15] = [
    Industry {
        name: "Fintech",
        tails: &["Pay", "Ledger", "Capital", "Money"],
        pitches: &[
            "builds payment infrastructure for online marketplaces",
            "helps small businesses manage invoicing, cash flow and payroll in one place",
            "runs a card-issuing platform for fast-growing companies",
        ],
        extra_skills: &["PCI DSS", "risk management", "financial analysis"],
    },
    Industry {
        name: "Developer tools",
        tails: &["Labs", "Dev", "Stack", "Works"],
        pitches: &[
            "makes continuous integration fast for large monorepos",
            "builds an open-source observability platform",
            "gives engineering teams a preview environment for every pull request",
        ],
        extra_skills: &["CI/CD", "observability", "GitHub Actions"],
    },
    Industry {
        name: "Healthcare",
        tails: &["Health", "Care", "Clinic"],
        pitches: &[
            "connects patients with licensed therapists online",
            "builds scheduling and records software for independent clinics",
            "helps hospitals plan staff rotas and bed capacity",
        ],
        extra_skills: &["HIPAA", "GDPR", "data analytics"],
    },
    Industry {
        name: "Logistics",
        tails: &["Freight", "Logistics", "Cargo", "Routes"],
        pitches: &[
            "helps retailers ship faster through a network of small fulfilment centres",
            "plans routes for delivery fleets and cuts empty kilometres",
            "tracks containers from port to warehouse in real time",
        ],
        extra_skills: &["supply chain management", "SQL", "data analytics"],
    },
    Industry {
        name: "E-commerce",
        tails: &["Shop", "Commerce", "Market", "Goods"],
        pitches: &[
            "runs an online marketplace for independent furniture makers",
            "builds storefront software for direct-to-consumer brands",
            "helps second-hand fashion sellers list and ship in minutes",
        ],
        extra_skills: &["SEO", "A/B testing", "customer segmentation"],
    },
    Industry {
        name: "Education",
        tails: &["Learning", "Academy", "Classroom"],
        pitches: &[
            "builds language-learning apps used in thousands of schools",
            "offers online courses in data, design and programming",
            "gives teachers simple tools to plan lessons and track progress",
        ],
        extra_skills: &["user research", "web accessibility", "WCAG"],
    },
    Industry {
        name: "Climate & energy",
        tails: &["Energy", "Grid", "Solar", "Climate"],
        pitches: &[
            "helps utilities balance the grid with home batteries",
            "measures and reports the carbon footprint of supply chains",
            "designs and installs rooftop solar for small businesses",
        ],
        extra_skills: &["data analytics", "embedded systems", "Python"],
    },
    Industry {
        name: "Cybersecurity",
        tails: &["Security", "Shield", "Guard"],
        pitches: &[
            "protects mid-size companies from phishing and account takeover",
            "makes zero-trust access simple for hybrid teams",
            "scans cloud accounts for misconfigurations before attackers do",
        ],
        extra_skills: &["zero trust", "SOC 2", "ISO 27001", "penetration testing"],
    },
    Industry {
        name: "HR tech",
        tails: &["People", "Talent", "Teams"],
        pitches: &[
            "builds structured-interview software that makes hiring fairer",
            "runs payroll and benefits for remote teams in forty countries",
            "helps managers run better one-to-ones and performance reviews",
        ],
        extra_skills: &["GDPR", "B2B SaaS", "labour law"],
    },
    Industry {
        name: "Media & gaming",
        tails: &["Studios", "Games", "Media", "Play"],
        pitches: &[
            "makes cooperative mobile games played by millions every month",
            "runs a podcast hosting and analytics platform",
            "builds tools that help independent musicians release and promote their work",
        ],
        extra_skills: &["Unity3D", "social media", "data visualization"],
    },
    Industry {
        name: "Travel & mobility",
        tails: &["Travel", "Mobility", "Trips", "Transit"],
        pitches: &[
            "builds booking software for boutique hotels",
            "operates an e-bike sharing network in twelve cities",
            "helps companies book and manage business travel",
        ],
        extra_skills: &["iOS", "Android", "data visualization"],
    },
    Industry {
        name: "AI & data",
        tails: &["AI", "Data", "Analytics", "Insights"],
        pitches: &[
            "builds document-understanding models for insurers and banks",
            "runs a managed vector search platform",
            "helps support teams answer customers faster with generative AI",
        ],
        extra_skills: &["large language models", "machine learning", "Python"],
    },
    Industry {
        name: "Insurance",
        tails: &["Insurance", "Cover", "Assurance"],
        pitches: &[
            "offers usage-based car insurance priced by how you actually drive",
            "builds claims-handling software for insurers",
            "insures freelancers and small businesses in a few clicks",
        ],
        extra_skills: &["risk assessment", "risk modelling", "financial analysis"],
    },
    Industry {
        name: "Real estate",
        tails: &["Homes", "Property", "Spaces"],
        pitches: &[
            "helps renters find, visit and sign a flat entirely online",
            "builds building-management software for landlords",
            "runs flexible office spaces in city centres",
        ],
        extra_skills: &["Salesforce", "customer service", "data analytics"],
    },
    Industry {
        name: "Food & retail",
        tails: &["Foods", "Kitchen", "Grocer", "Pantry"],
        pitches: &[
            "delivers groceries from local farms on the day they are picked",
            "builds point-of-sale software for restaurants",
            "makes plant-based ready meals sold in supermarkets",
        ],
        extra_skills: &["supply chain management", "customer service", "Microsoft Excel"],
    },
];

/// Company sizes as boards state them, with how many postings such a company tends to have open.
pub const SIZES: [(&str, u32); 5] = [
    ("11-50", 1),
    ("51-200", 3),
    ("201-500", 5),
    ("501-1000", 7),
    ("1001-5000", 9),
];

/// Which applicant tracking system a company uses, with how common each is.
pub const BOARDS: [(SourceKind, u32); 9] = [
    (SourceKind::Greenhouse, 30),
    (SourceKind::Lever, 18),
    (SourceKind::Ashby, 16),
    (SourceKind::Workday, 8),
    (SourceKind::SmartRecruiters, 6),
    (SourceKind::Recruitee, 6),
    (SourceKind::Workable, 6),
    (SourceKind::Teamtailor, 5),
    (SourceKind::BambooHr, 5),
];

/// The labour markets places belong to; a company hires mostly in its home region.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Region {
    Us,
    Canada,
    Uk,
    Europe,
    India,
    Apac,
    Latam,
}

/// How often a company is based in each region.
pub const HOME_REGIONS: [(Region, u32); 7] = [
    (Region::Us, 40),
    (Region::Europe, 20),
    (Region::Uk, 10),
    (Region::Canada, 8),
    (Region::India, 7),
    (Region::Apac, 8),
    (Region::Latam, 7),
];

/// A place a posting can name.
pub struct Place {
    pub location: &'static str,
    pub region: Region,
    pub remote: bool,
    /// ISO 4217 code of the local pay.
    pub currency: &'static str,
    /// Local pay, in major units of `currency`, per US dollar of the family's base.
    pub pay: f64,
    /// Share of postings here that state a salary (pay-transparency laws differ a lot).
    pub disclosed: f64,
}

const fn place(location: &'static str, region: Region, currency: &'static str, pay: f64, disclosed: f64) -> Place {
    Place { location, region, remote: false, currency, pay, disclosed }
}

const fn remote(location: &'static str, region: Region, currency: &'static str, pay: f64, disclosed: f64) -> Place {
    Place { location, region, remote: true, currency, pay, disclosed }
}

use Region::{Apac, Canada, Europe, India, Latam, Uk, Us};

/// Yen and pesos of some countries would not fit the cents columns at senior pay, so the list
/// keeps to currencies whose yearly pay in cents stays well inside an `int4`.
pub const PLACES: [Place; 40] = [
    place("San Francisco, CA", Us, "USD", 1.2, 0.9),
    place("New York, NY", Us, "USD", 1.15, 0.9),
    place("Seattle, WA", Us, "USD", 1.12, 0.9),
    place("Austin, TX", Us, "USD", 0.95, 0.55),
    place("Boston, MA", Us, "USD", 1.05, 0.6),
    place("Chicago, IL", Us, "USD", 0.95, 0.75),
    place("Denver, CO", Us, "USD", 0.95, 0.9),
    place("Atlanta, GA", Us, "USD", 0.9, 0.5),
    remote("Remote (US)", Us, "USD", 1.0, 0.85),
    remote("Remote", Us, "USD", 0.95, 0.6),
    place("Toronto, ON, Canada", Canada, "CAD", 0.86, 0.5),
    place("Vancouver, BC, Canada", Canada, "CAD", 0.84, 0.8),
    place("Montreal, QC, Canada", Canada, "CAD", 0.75, 0.4),
    remote("Remote (Canada)", Canada, "CAD", 0.82, 0.5),
    place("London, United Kingdom", Uk, "GBP", 0.54, 0.6),
    place("Manchester, United Kingdom", Uk, "GBP", 0.42, 0.55),
    place("Edinburgh, United Kingdom", Uk, "GBP", 0.42, 0.5),
    remote("Remote (UK)", Uk, "GBP", 0.48, 0.55),
    place("Berlin, Germany", Europe, "EUR", 0.5, 0.45),
    place("Munich, Germany", Europe, "EUR", 0.54, 0.4),
    place("Amsterdam, Netherlands", Europe, "EUR", 0.52, 0.45),
    place("Paris, France", Europe, "EUR", 0.45, 0.35),
    place("Dublin, Ireland", Europe, "EUR", 0.55, 0.5),
    place("Madrid, Spain", Europe, "EUR", 0.34, 0.35),
    place("Lisbon, Portugal", Europe, "EUR", 0.28, 0.4),
    place("Stockholm, Sweden", Europe, "SEK", 4.3, 0.35),
    place("Warsaw, Poland", Europe, "PLN", 1.6, 0.6),
    place("Zurich, Switzerland", Europe, "CHF", 0.86, 0.3),
    place("Copenhagen, Denmark", Europe, "DKK", 4.6, 0.35),
    remote("Remote (EU)", Europe, "EUR", 0.45, 0.45),
    place("Bengaluru, India", India, "INR", 18.0, 0.2),
    place("Hyderabad, India", India, "INR", 16.0, 0.2),
    place("Pune, India", India, "INR", 15.0, 0.2),
    remote("Remote (India)", India, "INR", 15.0, 0.2),
    place("Singapore", Apac, "SGD", 0.8, 0.35),
    place("Sydney, NSW, Australia", Apac, "AUD", 1.07, 0.5),
    place("Melbourne, VIC, Australia", Apac, "AUD", 1.0, 0.5),
    place("São Paulo, Brazil", Latam, "BRL", 1.4, 0.3),
    place("Mexico City, Mexico", Latam, "MXN", 5.0, 0.3),
    remote("Remote (LATAM)", Latam, "USD", 0.4, 0.5),
];

/// Regions where support and operations roles are commonly paid by the hour.
pub fn pays_hourly(region: Region) -> bool {
    matches!(region, Us | Canada | Uk | Apac)
}

/// Benefits as postings in each region list them. No amounts: a figure next to a currency would
/// be read as the salary by the text parser, and these postings must say only what they mean.
pub fn benefits(region: Region) -> &'static [&'static str] {
    match region {
        Us => &[
            "Medical, dental and vision insurance for you and your dependants",
            "Retirement plan with a company match",
            "Flexible paid time off and twelve company holidays",
            "Paid parental leave for every parent",
            "A generous learning and conference budget",
            "Equity in a growing company",
        ],
        Canada => &[
            "Extended health and dental coverage from day one",
            "RRSP matching",
            "Four weeks of vacation plus your birthday off",
            "A home-office setup of your choice",
            "Paid parental leave top-up",
        ],
        Uk => &[
            "Twenty-five days of holiday plus bank holidays",
            "Private medical insurance",
            "Enhanced pension contributions",
            "Cycle-to-work scheme",
            "Enhanced parental leave",
            "Share options",
        ],
        Europe => &[
            "Thirty days of paid holiday",
            "Public transport pass or bike leasing",
            "Company pension scheme",
            "Language lessons and a learning budget",
            "Flexible working hours",
            "Virtual stock options",
        ],
        India | Apac | Latam => &[
            "Comprehensive health insurance for you and your family",
            "Flexible working hours and work-from-home days",
            "Generous paid leave",
            "Learning and certification budget",
            "Wellness allowance",
        ],
    }
}
