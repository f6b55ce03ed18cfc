//! Word lists the catalog generator combines into realistic postings.

/// Role titles and the index of their skill family in [`FAMILY_TAGS`].
pub const ROLES: &[(&str, i32)] = &[
    ("Software Engineer", 1), ("Backend Engineer", 1), ("Frontend Developer", 2), ("Full Stack Developer", 2),
    ("Full Stack Engineer", 2), ("Mobile Developer", 3), ("iOS Engineer", 3), ("Android Engineer", 3),
    ("DevOps Engineer", 4), ("Site Reliability Engineer", 4), ("Platform Engineer", 4), ("Cloud Architect", 4),
    ("Data Engineer", 5), ("Data Scientist", 5), ("Data Analyst", 5), ("Machine Learning Engineer", 5),
    ("Analytics Engineer", 5), ("Security Engineer", 6), ("Application Security Engineer", 6),
    ("QA Engineer", 7), ("Test Automation Engineer", 7), ("Engineering Manager", 1), ("Embedded Software Engineer", 8),
    ("Firmware Engineer", 8), ("Product Manager", 9), ("Technical Product Manager", 9), ("Product Designer", 10),
    ("UX Designer", 10), ("UX Researcher", 10), ("Account Executive", 11), ("Sales Development Representative", 11),
    ("Customer Success Manager", 11), ("Solutions Engineer", 11), ("Marketing Manager", 12),
    ("Content Marketing Manager", 12), ("Growth Marketer", 12), ("Recruiter", 13), ("Technical Recruiter", 13),
    ("People Partner", 13), ("Financial Analyst", 14), ("Accountant", 14), ("Controller", 14),
    ("Technical Writer", 15), ("Developer Advocate", 15), ("Support Engineer", 15), ("Database Administrator", 5),
    ("Network Engineer", 4), ("Systems Administrator", 4), ("Game Developer", 3), ("Blockchain Engineer", 1),
];

/// Comma-separated skill tags per family (1-based, matching [`ROLES`]).
pub const FAMILY_TAGS: &[&str] = &[
    "rust,go,java,python,postgresql,kubernetes,aws,grpc,kafka,redis,distributed systems,microservices",
    "typescript,javascript,react,vue.js,css,html,node.js,graphql,next.js,tailwind css",
    "swift,kotlin,ios,android,flutter,react native,objective-c,c++,unity",
    "kubernetes,terraform,aws,gcp,azure,docker,linux,prometheus,ansible,ci/cd",
    "python,sql,spark,airflow,dbt,pandas,machine learning,pytorch,snowflake,tableau",
    "security,penetration testing,owasp,cryptography,siem,iam,python,aws",
    "selenium,cypress,python,java,test automation,playwright,ci/cd",
    "c,c++,rtos,embedded systems,arm,linux,python",
    "product management,roadmaps,agile,sql,jira,user research",
    "figma,user research,prototyping,design systems,accessibility",
    "salesforce,negotiation,saas,crm,hubspot",
    "seo,content marketing,hubspot,google analytics,copywriting",
    "recruiting,sourcing,greenhouse,interviewing,employer branding",
    "excel,financial modeling,gaap,netsuite,accounting",
    "technical writing,markdown,apis,documentation,customer support",
];

pub const SENIORITY: &[&str] = &[
    "", "", "", "Senior ", "Senior ", "Staff ", "Principal ", "Junior ", "Lead ", "Sr. ", "Associate ",
];

pub const SUFFIXES: &[&str] = &[
    "", "", "", "", "", ", Platform", ", Payments", ", Infrastructure", ", Growth", " (Remote)", ", EMEA",
    " II", " III", ", Core Product", " - Contract", ", Developer Experience", ", Search", ", Billing",
];

pub const CITIES: &[&str] = &[
    "San Francisco, CA", "New York, NY", "Seattle, WA", "Austin, TX", "Boston, MA", "Chicago, IL",
    "Los Angeles, CA", "Denver, CO", "Atlanta, GA", "Toronto, Canada", "Vancouver, Canada", "London, UK",
    "Manchester, UK", "Dublin, Ireland", "Berlin, Germany", "Munich, Germany", "Hamburg, Germany",
    "Amsterdam, Netherlands", "Paris, France", "Madrid, Spain", "Barcelona, Spain", "Lisbon, Portugal",
    "Stockholm, Sweden", "Copenhagen, Denmark", "Zurich, Switzerland", "Warsaw, Poland", "Prague, Czechia",
    "Tel Aviv, Israel", "Bangalore, India", "Singapore", "Tokyo, Japan", "Sydney, Australia",
    "Melbourne, Australia", "São Paulo, Brazil", "Mexico City, Mexico", "Foster City, CA",
];

pub const REMOTE_LOCATIONS: &[&str] = &["Remote", "Remote - US", "Remote (EU)", "Remote, Europe", "Anywhere"];

pub const NAME_STARTS: &[&str] = &[
    "North", "Blue", "Bright", "Silver", "Iron", "Green", "Red", "Deep", "Open", "Swift", "Quantum", "Cloud",
    "Stone", "River", "Sun", "Star", "Pixel", "Data", "Hyper", "Clear", "True", "Nova", "Terra", "Lumen",
    "Cedar", "Maple", "Harbor", "Summit", "Echo", "Vector",
];

pub const NAME_ENDS: &[&str] = &[
    "wind", "field", "stack", "path", "forge", "loop", "gate", "bridge", "wave", "works", "base", "flow",
    "line", "point", "scale", "light", "craft", "mind", "ware", "hub", "leaf", "rock", "spark", "grid",
];

pub const NAME_KINDS: &[&str] = &[
    "Labs", "Systems", "Technologies", "Health", "AI", "Analytics", "Robotics", "Software", "Bank",
    "Energy", "Logistics", "Security", "Games", "Media", "Bio", "Inc.", "", "",
];

pub const INDUSTRIES: &[&str] = &[
    "Software", "Fintech", "Healthcare", "E-commerce", "Energy", "Logistics", "Media", "Education",
    "Cybersecurity", "Gaming", "Biotech", "Manufacturing",
];

pub const SIZES: &[&str] = &["1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000", "5001+"];

/// Description sentences; `{title}` is replaced by the posting's title.
pub const SENTENCES: &[&str] = &[
    "We are looking for a {title} to join a small, senior team that ships every day.",
    "You will own features end to end, from the first sketch to production and the metrics after launch.",
    "Our customers rely on us for critical workflows, so reliability and clear communication matter.",
    "You have shipped production systems and can explain the trade-offs you made along the way.",
    "We value written communication, thoughtful code review and leaving things better than we found them.",
    "The role reports to the head of the department and works closely with design and product.",
    "Benefits include health insurance, a learning budget, parental leave and flexible hours.",
    "We hire across time zones and meet in person twice a year.",
    "Experience in a fast-growing startup is a plus, but curiosity matters more than a pedigree.",
    "You will mentor colleagues, take part in hiring and help shape how the team works.",
    "Our stack is boring on purpose: we pick proven tools and invest in the parts that make us different.",
    "We are an equal opportunity employer and welcome applicants from every background.",
];

/// Misspelled searches people type, and what they meant.
pub const MISSPELLED_TITLES: &[&str] = &[
    "sofware enginer", "data scienist", "prodct manager", "frontend develper", "devops enginer",
    "machine lerning engineer", "bakend engineer", "ux desiner", "acount executive", "cloud architet",
    "securty engineer", "mobil developer", "qa enginer", "data analist", "engeneering manager",
    "site reliabilty engineer", "full stak developer", "technical writter", "customer sucess manager",
    "recruter", "platfrom engineer", "andriod engineer",
];
