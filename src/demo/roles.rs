//! Job families, titles and the skills each title asks for, for the demo catalog.
//!
//! Every skill is spelled the way the built-in taxonomy (`data/skills/`) knows it, so the real
//! matcher tags the generated postings just as it tags real ones (a test checks each spelling).

/// How a title climbs: which seniority prefixes it takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ladder {
    /// Junior, -, Senior, Staff, Principal.
    Tech,
    /// Associate, -, Senior, Lead.
    Business,
    /// A management title that takes no prefix ("Head of Data").
    Fixed,
}

/// A seniority step: title prefix, pay factor against the family's mid level, years asked for,
/// and how common it is on boards (weight).
pub type Level = (&'static str, f64, u32, u32);

pub const TECH_LEVELS: [Level; 5] = [
    ("Junior ", 0.74, 1, 12),
    ("", 1.0, 3, 34),
    ("Senior ", 1.25, 5, 34),
    ("Staff ", 1.5, 8, 9),
    ("Principal ", 1.75, 10, 3),
];
pub const BUSINESS_LEVELS: [Level; 4] = [
    ("Associate ", 0.78, 1, 14),
    ("", 1.0, 2, 44),
    ("Senior ", 1.22, 4, 30),
    ("Lead ", 1.4, 6, 8),
];
pub const FIXED_LEVEL: [Level; 1] = [("", 1.0, 7, 1)];

impl Ladder {
    pub fn levels(self) -> &'static [Level] {
        match self {
            Ladder::Tech => &TECH_LEVELS,
            Ladder::Business => &BUSINESS_LEVELS,
            Ladder::Fixed => &FIXED_LEVEL,
        }
    }
}

/// One title of a family.
pub struct Role {
    pub title: &'static str,
    /// Pay against the family's base (a Solutions Engineer earns more than an SDR).
    pub pay: f64,
    pub ladder: Ladder,
    /// Whether boards in hourly-pay countries often post it by the hour.
    pub hourly: bool,
    pub skills: &'static [&'static str],
}

/// A job family: a department on the board.
pub struct Family {
    pub department: &'static str,
    /// Share of all postings (boards are mostly engineering and sales).
    pub weight: u32,
    /// Mid-level yearly base pay in the United States, in dollars; other places scale it.
    pub base_usd: u32,
    pub roles: &'static [Role],
    /// Team names a title may carry ("Senior Backend Engineer, Payments").
    pub teams: &'static [&'static str],
    pub duties: &'static [&'static str],
}

const fn role(title: &'static str, pay: f64, ladder: Ladder, skills: &'static [&'static str]) -> Role {
    Role { title, pay, ladder, hourly: false, skills }
}

const fn hourly(title: &'static str, pay: f64, ladder: Ladder, skills: &'static [&'static str]) -> Role {
    Role { title, pay, ladder, hourly: true, skills }
}

use Ladder::{Business, Fixed, Tech};

pub const FAMILIES: [Family; 11] = [
    Family {
        department: "Engineering",
        weight: 30,
        base_usd: 150_000,
        teams: &["Platform", "Payments", "Growth", "Infrastructure", "Core API", "Developer Experience", "Integrations"],
        duties: &[
            "Design, build and run services that handle millions of requests",
            "Write clear, well-tested code and review your teammates' pull requests",
            "Own features end to end, from the first design document to production monitoring",
            "Improve the reliability and performance of the systems your team owns",
            "Take part in a humane on-call rotation and lead blameless post-mortems",
            "Work closely with product and design to turn rough ideas into shipped software",
            "Mentor other engineers and help shape our engineering practices",
        ],
        roles: &[
            role("Software Engineer", 1.0, Tech, &["Python", "Go", "PostgreSQL", "Docker", "AWS", "REST APIs", "Git"]),
            role("Backend Engineer", 1.0, Tech, &["Go", "Rust", "Java", "Kotlin", "PostgreSQL", "Kafka", "Redis", "gRPC", "microservices"]),
            role("Frontend Engineer", 0.97, Tech, &["TypeScript", "React", "Next.js", "CSS", "GraphQL", "web accessibility", "Jest", "Storybook"]),
            role("Full Stack Engineer", 1.0, Tech, &["TypeScript", "React", "Node.js", "Ruby on Rails", "Django", "PostgreSQL", "REST APIs"]),
            role("iOS Engineer", 1.0, Tech, &["Swift", "SwiftUI", "UIKit", "iOS", "unit testing", "CI/CD"]),
            role("Android Engineer", 1.0, Tech, &["Kotlin", "Jetpack Compose", "Android", "Java", "unit testing", "Firebase"]),
            role("Platform Engineer", 1.05, Tech, &["Kubernetes", "Terraform", "AWS", "GCP", "Helm", "Go", "Linux"]),
            role("Site Reliability Engineer", 1.05, Tech, &["Kubernetes", "Prometheus", "Grafana", "Terraform", "Linux", "observability", "PagerDuty"]),
            role("DevOps Engineer", 0.98, Tech, &["Docker", "Kubernetes", "Ansible", "Terraform", "Jenkins", "GitHub Actions", "Azure"]),
            role("Security Engineer", 1.08, Tech, &["penetration testing", "OWASP", "zero trust", "AWS", "Python", "SOC 2", "OAuth"]),
            role("QA Engineer", 0.85, Tech, &["Playwright", "Cypress", "Selenium", "end-to-end testing", "TypeScript", "Jira"]),
            role("Embedded Software Engineer", 1.0, Tech, &["C++", "embedded systems", "RTOS", "Linux", "Python", "Rust"]),
            role("Engineering Manager", 1.45, Fixed, &["distributed systems", "system design", "Agile", "Scrum", "code review"]),
            role("Head of Engineering", 1.8, Fixed, &["system design", "OKRs", "Agile", "AWS", "microservices"]),
        ],
    },
    Family {
        department: "Data",
        weight: 10,
        base_usd: 145_000,
        teams: &["Analytics", "Machine Learning", "Data Platform", "Insights"],
        duties: &[
            "Build and maintain the data pipelines the whole company relies on",
            "Turn messy questions from the business into clear analyses and recommendations",
            "Design experiments and explain their results to a non-technical audience",
            "Ship models to production and monitor how they behave over time",
            "Define the metrics we use to run the company and keep them trustworthy",
            "Work with engineers to instrument the product and improve data quality",
        ],
        roles: &[
            role("Data Engineer", 1.0, Tech, &["Python", "SQL", "Apache Spark", "Airflow", "dbt", "Snowflake", "Kafka", "data modeling"]),
            role("Data Scientist", 1.0, Tech, &["Python", "SQL", "pandas", "scikit-learn", "A/B testing", "statistical modeling", "machine learning"]),
            role("Data Analyst", 0.72, Business, &["SQL", "Tableau", "Looker", "Microsoft Excel", "data visualization", "Python"]),
            role("Machine Learning Engineer", 1.1, Tech, &["Python", "PyTorch", "TensorFlow", "MLflow", "Kubernetes", "large language models", "MLOps"]),
            role("Analytics Engineer", 0.92, Tech, &["SQL", "dbt", "BigQuery", "Looker", "data modeling", "Git"]),
            role("Business Intelligence Analyst", 0.75, Business, &["SQL", "Power BI", "Tableau", "data warehousing", "Microsoft Excel"]),
            role("Head of Data", 1.7, Fixed, &["data engineering", "data science", "Snowflake", "OKRs", "stakeholder management"]),
        ],
    },
    Family {
        department: "Product",
        weight: 6,
        base_usd: 155_000,
        teams: &["Core Product", "Growth", "Platform", "Mobile"],
        duties: &[
            "Talk to customers every week and turn what you learn into a clear product roadmap",
            "Write crisp specifications and make trade-offs with engineering and design",
            "Define success metrics for every launch and follow them after release",
            "Align sales, support and marketing on what we are building and why",
            "Prioritise ruthlessly and say no to good ideas so that great ones ship",
        ],
        roles: &[
            role("Product Manager", 1.0, Business, &["product management", "product roadmap", "customer discovery", "A/B testing", "SQL", "Jira"]),
            role("Technical Product Manager", 1.05, Business, &["product management", "REST APIs", "system design", "SQL", "Agile"]),
            role("Product Owner", 0.85, Business, &["Scrum", "Agile", "Jira", "Confluence", "stakeholder management"]),
            role("Group Product Manager", 1.35, Fixed, &["product management", "OKRs", "go-to-market", "stakeholder management"]),
            role("Director of Product", 1.6, Fixed, &["product management", "product roadmap", "OKRs", "B2B SaaS"]),
        ],
    },
    Family {
        department: "Design",
        weight: 6,
        base_usd: 130_000,
        teams: &["Design Systems", "Growth", "Mobile", "Brand"],
        duties: &[
            "Shape product experiences from early sketches to polished, shipped interfaces",
            "Run user interviews and usability tests, and share what you learn with the team",
            "Contribute to and evolve our design system",
            "Partner with product managers and engineers throughout the build",
            "Present your work clearly and give thoughtful critique to others",
        ],
        roles: &[
            role("Product Designer", 1.0, Business, &["Figma", "user research", "design systems", "UX design", "UI design"]),
            role("UX Designer", 0.95, Business, &["Figma", "UX design", "user research", "web accessibility", "design prototypes"]),
            role("UI Designer", 0.9, Business, &["Figma", "UI design", "design systems", "responsive design"]),
            role("UX Researcher", 0.98, Business, &["user research", "usability engineering", "customer insight", "Figma"]),
            role("Brand Designer", 0.85, Business, &["graphic design", "Adobe Illustrator", "Adobe Photoshop", "Figma"]),
            role("Design Manager", 1.4, Fixed, &["design systems", "UX design", "user research", "design management"]),
        ],
    },
    Family {
        department: "Marketing",
        weight: 8,
        base_usd: 115_000,
        teams: &["Growth", "Brand", "Lifecycle", "Demand Generation"],
        duties: &[
            "Plan and run campaigns across paid, owned and earned channels",
            "Write positioning and messaging that makes our product easy to understand",
            "Measure what works, report on pipeline impact, and double down on it",
            "Work with sales to equip them with the content they need to close deals",
            "Keep a close eye on competitors and on what our customers are saying",
        ],
        roles: &[
            role("Product Marketing Manager", 1.1, Business, &["go-to-market", "marketing management", "customer insight", "B2B SaaS", "customer segmentation"]),
            role("Growth Marketing Manager", 1.0, Business, &["A/B testing", "Google Analytics", "marketing analytics", "HubSpot", "SEO"]),
            role("Content Marketing Manager", 0.9, Business, &["content marketing strategy", "SEO", "social media", "HubSpot"]),
            role("SEO Specialist", 0.8, Business, &["SEO", "Google Analytics", "HTML", "content marketing strategy"]),
            role("Social Media Manager", 0.75, Business, &["social media management", "social media", "brand marketing techniques", "marketing analytics"]),
            role("Marketing Operations Specialist", 0.85, Business, &["HubSpot", "Salesforce", "marketing analytics", "SQL"]),
            role("Head of Marketing", 1.6, Fixed, &["marketing management", "go-to-market", "brand marketing techniques", "marketing mix"]),
        ],
    },
    Family {
        department: "Sales",
        weight: 12,
        base_usd: 95_000,
        teams: &["Enterprise", "Mid-Market", "SMB", "EMEA", "North America"],
        duties: &[
            "Own a pipeline of prospects from first conversation to signed contract",
            "Run discovery calls and tailored demos for decision makers",
            "Forecast accurately and keep our CRM up to date",
            "Work with product and customer success to make every customer successful",
            "Negotiate pricing and contract terms with procurement teams",
        ],
        roles: &[
            role("Account Executive", 1.2, Business, &["Salesforce", "sales strategies", "negotiate price", "B2B SaaS", "sales activities"]),
            role("Sales Development Representative", 0.6, Business, &["Salesforce", "HubSpot", "sales activities", "communicate with customers"]),
            role("Account Manager", 0.95, Business, &["Salesforce", "customer service", "negotiate price", "sales strategies"]),
            role("Solutions Engineer", 1.45, Business, &["REST APIs", "SQL", "Python", "B2B SaaS", "Salesforce"]),
            role("Partnerships Manager", 1.1, Business, &["sales strategies", "negotiate price", "go-to-market", "HubSpot"]),
            role("Sales Manager", 1.6, Fixed, &["sales strategies", "Salesforce", "pipeline management", "sales activities"]),
        ],
    },
    Family {
        department: "Customer Success",
        weight: 9,
        base_usd: 70_000,
        teams: &["Support", "Onboarding", "Enterprise Accounts"],
        duties: &[
            "Answer customer questions by chat, email and phone with care and accuracy",
            "Turn recurring questions into help-centre articles and product feedback",
            "Guide new customers through onboarding and make sure they see value fast",
            "Spot accounts at risk early and work with sales to keep them",
            "Reproduce tricky issues and hand clear bug reports to engineering",
        ],
        roles: &[
            hourly("Customer Support Specialist", 0.78, Business, &["customer service", "Zendesk", "communicate with customers"]),
            role("Technical Support Engineer", 1.15, Tech, &["SQL", "REST APIs", "Linux", "Zendesk", "customer service"]),
            role("Customer Success Manager", 1.2, Business, &["customer service", "Salesforce", "customer insight", "B2B SaaS"]),
            hourly("Implementation Specialist", 1.0, Business, &["project management methodology", "customer service", "SQL", "Jira"]),
            role("Head of Customer Success", 1.9, Fixed, &["customer insight", "customer service", "stakeholder management", "Salesforce"]),
        ],
    },
    Family {
        department: "Operations",
        weight: 7,
        base_usd: 90_000,
        teams: &["Business Operations", "Supply Chain", "IT", "Strategy"],
        duties: &[
            "Find the bottlenecks in how we work and fix them with process and tooling",
            "Build the reporting that leadership uses to make decisions",
            "Coordinate projects across several teams and keep everyone informed",
            "Manage relationships with key vendors and partners",
            "Document how things work so the next person does not have to guess",
        ],
        roles: &[
            role("Business Operations Analyst", 1.0, Business, &["SQL", "Microsoft Excel", "business analysis", "data analytics"]),
            role("Supply Chain Analyst", 0.95, Business, &["supply chain management", "Microsoft Excel", "SQL", "negotiate supplier arrangements"]),
            hourly("Logistics Coordinator", 0.7, Business, &["supply chain management", "negotiate logistics services", "Microsoft Excel"]),
            role("Program Manager", 1.3, Business, &["project management methodology", "Jira", "stakeholder management", "risk management"]),
            hourly("IT Support Specialist", 0.75, Business, &["Linux", "Microsoft Excel", "single sign-on", "customer service"]),
            role("Director of Operations", 1.7, Fixed, &["business analysis", "OKRs", "supply chain management", "risk management"]),
        ],
    },
    Family {
        department: "Finance",
        weight: 5,
        base_usd: 105_000,
        teams: &["FP&A", "Accounting", "Revenue"],
        duties: &[
            "Close the books every month accurately and on time",
            "Build and maintain the financial model and the company budget",
            "Partner with team leads on headcount and spending plans",
            "Prepare reporting for the leadership team and the board",
            "Improve our financial controls as we grow",
        ],
        roles: &[
            role("Financial Analyst", 0.9, Business, &["Microsoft Excel", "financial statements", "SQL", "financial management"]),
            role("Accountant", 0.8, Business, &["financial statements", "Microsoft Excel", "tax legislation", "SAP ERP"]),
            role("FP&A Analyst", 0.95, Business, &["Microsoft Excel", "financial management", "evaluate budgets", "SQL"]),
            hourly("Payroll Specialist", 0.75, Business, &["Microsoft Excel", "labour law", "tax legislation"]),
            role("Controller", 1.5, Fixed, &["financial statements", "risk management", "tax legislation", "SAP ERP"]),
        ],
    },
    Family {
        department: "People",
        weight: 5,
        base_usd: 95_000,
        teams: &["Talent Acquisition", "People Operations", "Learning"],
        duties: &[
            "Partner with hiring managers to hire great people quickly and fairly",
            "Give every candidate a respectful, well-run interview process",
            "Run people programmes: onboarding, reviews, learning and development",
            "Keep our policies clear, fair and compliant in every country we hire in",
            "Use data to understand how people experience working here",
        ],
        roles: &[
            role("Recruiter", 0.9, Business, &["interview techniques", "interview people", "negotiate employment agreements"]),
            role("Technical Recruiter", 1.0, Business, &["interview techniques", "interview people", "negotiate employment agreements", "GDPR"]),
            role("People Partner", 1.1, Business, &["labour law", "coach employees", "performance management"]),
            hourly("People Operations Specialist", 0.8, Business, &["labour law", "GDPR", "Microsoft Excel"]),
            role("Head of People", 1.75, Fixed, &["labour law", "performance management", "coach employees", "OKRs"]),
        ],
    },
    Family {
        department: "Legal",
        weight: 2,
        base_usd: 160_000,
        teams: &["Commercial", "Privacy"],
        duties: &[
            "Draft and negotiate commercial agreements with customers and vendors",
            "Advise teams on privacy, security and regulatory questions",
            "Keep our policies and our compliance programme up to date",
            "Explain legal risk in plain language so teams can move quickly",
        ],
        roles: &[
            role("Legal Counsel", 1.0, Business, &["GDPR", "risk management", "negotiate settlements"]),
            role("Compliance Analyst", 0.6, Business, &["risk assessment", "SOC 2", "ISO 27001", "GDPR"]),
            role("Privacy Counsel", 1.05, Business, &["GDPR", "HIPAA", "risk assessment"]),
        ],
    },
];
