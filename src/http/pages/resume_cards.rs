//! The Resume Studio's section cards: how each section reads, the form that edits it in place,
//! and how that form's fields change the sections. Forms are plain key/value posts (list
//! entries numbered `school.0`, `school.1`…), so they work with and without htmx.

use std::collections::HashMap;

use jobpilot_resume::{Education, Experience, Project, Sections};

use super::form::FormErrors;
use crate::error::FieldError;

/// Which card: a whole section, one job, or the form that adds a job.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardKey {
    Contact,
    Summary,
    Skills,
    Job(usize),
    NewJob,
    Education,
    Certifications,
    Projects,
    Languages,
}

impl CardKey {
    pub fn parse(raw: &str) -> Option<CardKey> {
        Some(match raw {
            "contact" => CardKey::Contact,
            "summary" => CardKey::Summary,
            "skills" => CardKey::Skills,
            "experience-new" => CardKey::NewJob,
            "education" => CardKey::Education,
            "certifications" => CardKey::Certifications,
            "projects" => CardKey::Projects,
            "languages" => CardKey::Languages,
            other => CardKey::Job(other.strip_prefix("experience-")?.parse().ok()?),
        })
    }

    pub fn slug(self) -> String {
        match self {
            CardKey::Contact => "contact".into(),
            CardKey::Summary => "summary".into(),
            CardKey::Skills => "skills".into(),
            CardKey::Job(i) => format!("experience-{i}"),
            CardKey::NewJob => "experience-new".into(),
            CardKey::Education => "education".into(),
            CardKey::Certifications => "certifications".into(),
            CardKey::Projects => "projects".into(),
            CardKey::Languages => "languages".into(),
        }
    }

    /// Every card of a resume, in reading order.
    pub fn all(s: &Sections) -> Vec<CardKey> {
        let mut keys = vec![CardKey::Contact, CardKey::Summary, CardKey::Skills];
        keys.extend((0..s.experience.len()).map(CardKey::Job));
        keys.extend([CardKey::NewJob, CardKey::Education, CardKey::Certifications, CardKey::Projects, CardKey::Languages]);
        keys
    }
}

/// One card as the page shows it: read-only items, or the edit form.
pub struct Card {
    pub slug: String,
    pub title: String,
    pub items: Vec<Item>,
    pub empty: &'static str,
    pub form: Option<EditForm>,
}

/// One thing a card shows: a heading line, a line under it, dates or details, bullets.
#[derive(Default)]
pub struct Item {
    pub heading: String,
    pub sub: String,
    pub meta: String,
    pub bullets: Vec<String>,
}

pub struct EditForm {
    pub groups: Vec<Group>,
    pub hint: &'static str,
    pub errors: FormErrors,
}

/// A fieldset: a whole section, or one entry of a list.
pub struct Group {
    pub legend: String,
    pub fields: Vec<Field>,
}

pub struct Field {
    /// The input's element id, unique on the page (`experience-2-role`).
    pub id: String,
    pub name: String,
    pub label: &'static str,
    pub value: String,
    /// text, textarea or checkbox.
    pub kind: &'static str,
}

fn text(name: impl Into<String>, label: &'static str, value: Option<&str>) -> Field {
    Field { id: String::new(), name: name.into(), label, value: value.unwrap_or("").to_string(), kind: "text" }
}

fn lines(name: impl Into<String>, label: &'static str, values: &[String]) -> Field {
    Field { id: String::new(), name: name.into(), label, value: values.join("\n"), kind: "textarea" }
}

/// The card in view mode.
pub fn view(key: CardKey, s: &Sections) -> Card {
    let (title, empty, items) = match key {
        CardKey::Contact => {
            let c = &s.contact;
            let sub = [c.email.as_deref(), c.phone.as_deref(), c.location.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
            let item = Item { heading: c.name.clone().unwrap_or_default(), sub, bullets: c.links.clone(), ..Item::default() };
            ("Contact", "No contact details yet.", if item.heading.is_empty() && item.sub.is_empty() && item.bullets.is_empty() { vec![] } else { vec![item] })
        }
        CardKey::Summary => {
            let item = Item { heading: s.headline.clone().unwrap_or_default(), sub: s.summary.clone().unwrap_or_default(), ..Item::default() };
            ("Summary", "No summary yet.", if item.heading.is_empty() && item.sub.is_empty() { vec![] } else { vec![item] })
        }
        CardKey::Skills => ("Skills", "No skills yet.", joined(&s.skills)),
        CardKey::Certifications => ("Certifications", "No certifications yet.", joined(&s.certifications)),
        CardKey::Languages => ("Languages", "No languages yet.", joined(&s.languages)),
        CardKey::Job(i) => ("Experience", "This job was removed.", s.experience.get(i).map(job_item).into_iter().collect()),
        CardKey::NewJob => ("Add a job", "Add a job the resume is missing.", vec![]),
        CardKey::Education => ("Education", "No education yet.", s.education.iter().map(school_item).collect()),
        CardKey::Projects => ("Projects", "No projects yet.", s.projects.iter().map(project_item).collect()),
    };
    Card { slug: key.slug(), title: title.into(), items, empty, form: None }
}

fn joined(list: &[String]) -> Vec<Item> {
    if list.is_empty() { vec![] } else { vec![Item { sub: list.join(" · "), ..Item::default() }] }
}

fn job_item(e: &Experience) -> Item {
    let end = if e.current { Some("present") } else { e.end.as_deref() };
    let dates = match (e.start.as_deref(), end) {
        (None, None) => String::new(),
        (start, end) => format!("{} – {}", start.unwrap_or("?"), end.unwrap_or("?")),
    };
    let meta = [Some(dates.as_str()).filter(|d| !d.is_empty()), e.location.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
    Item { heading: e.role.clone(), sub: e.company.clone(), meta, bullets: e.bullets.clone() }
}

fn school_item(e: &Education) -> Item {
    let sub = [e.degree.as_deref(), e.field.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(", ");
    let meta = match (e.start.as_deref(), e.year.as_deref()) {
        (Some(start), Some(year)) => format!("{start} – {year}"),
        (start, year) => start.or(year).unwrap_or("").to_string(),
    };
    Item { heading: e.school.clone(), sub, meta, bullets: vec![] }
}

fn project_item(p: &Project) -> Item {
    Item { heading: p.name.clone(), sub: p.description.clone().unwrap_or_default(), meta: p.url.clone().unwrap_or_default(), bullets: p.bullets.clone() }
}

/// The card in edit mode, its fields filled from `s` (the stored sections, or the ones the
/// refused form would have made, so nothing typed is lost). `new_job` fills the add-a-job form.
pub fn edit(key: CardKey, s: &Sections, new_job: Option<&Experience>, errors: FormErrors) -> Card {
    let mut card = view(key, s);
    let blank = Experience::default();
    let (groups, hint) = match key {
        CardKey::Contact => {
            let c = &s.contact;
            let fields = vec![text("name", "Name", c.name.as_deref()), text("email", "Email", c.email.as_deref()),
                text("phone", "Phone", c.phone.as_deref()), text("location", "Location", c.location.as_deref()),
                lines("links", "Links (one per line)", &c.links)];
            (vec![Group { legend: String::new(), fields }], "")
        }
        CardKey::Summary => {
            let summary = Field { id: String::new(), name: "summary".into(), label: "Summary", value: s.summary.clone().unwrap_or_default(), kind: "textarea" };
            (vec![Group { legend: String::new(), fields: vec![text("headline", "Headline", s.headline.as_deref()), summary] }], "")
        }
        CardKey::Skills => (vec![list_group(&s.skills)], "One per line."),
        CardKey::Certifications => (vec![list_group(&s.certifications)], "One per line."),
        CardKey::Languages => (vec![list_group(&s.languages)], "One per line."),
        CardKey::Job(i) => (vec![job_group(s.experience.get(i).unwrap_or(&blank))], "Dates as 2021 or 2021-03. Clear every field to remove this job."),
        CardKey::NewJob => (vec![job_group(new_job.unwrap_or(&blank))], "Dates as 2021 or 2021-03."),
        CardKey::Education => {
            let mut groups: Vec<Group> = s.education.iter().enumerate().map(|(i, e)| school_group(i, e)).collect();
            groups.push(school_group(s.education.len(), &Education::default()));
            (groups, "The last block adds a school; clear a block to remove it. Years as 2019 or 2019-06.")
        }
        CardKey::Projects => {
            let mut groups: Vec<Group> = s.projects.iter().enumerate().map(|(i, p)| project_group(i, p)).collect();
            groups.push(project_group(s.projects.len(), &Project::default()));
            (groups, "The last block adds a project; clear a block to remove it.")
        }
    };
    let mut groups = groups;
    for field in groups.iter_mut().flat_map(|g| g.fields.iter_mut()) {
        field.id = format!("{}-{}", card.slug, field.name.replace('.', "-"));
    }
    card.form = Some(EditForm { groups, hint, errors });
    card
}

fn list_group(values: &[String]) -> Group {
    Group { legend: String::new(), fields: vec![lines("items", "Entries", values)] }
}

fn job_group(e: &Experience) -> Group {
    let fields = vec![
        text("role", "Role", Some(&e.role)), text("company", "Company", Some(&e.company)),
        text("location", "Location", e.location.as_deref()), text("start", "Start", e.start.as_deref()),
        text("end", "End", e.end.as_deref()),
        Field { id: String::new(), name: "current".into(), label: "I work here now", value: if e.current { "on".into() } else { String::new() }, kind: "checkbox" },
        lines("bullets", "Bullets (one per line)", &e.bullets),
    ];
    Group { legend: String::new(), fields }
}

fn school_group(i: usize, e: &Education) -> Group {
    let fields = vec![text(format!("school.{i}"), "School", Some(&e.school)), text(format!("degree.{i}"), "Degree", e.degree.as_deref()),
        text(format!("field.{i}"), "Field of study", e.field.as_deref()), text(format!("start.{i}"), "Start", e.start.as_deref()),
        text(format!("year.{i}"), "Graduated", e.year.as_deref())];
    Group { legend: format!("School {}", i + 1), fields }
}

fn project_group(i: usize, p: &Project) -> Group {
    let fields = vec![text(format!("name.{i}"), "Name", Some(&p.name)), text(format!("url.{i}"), "Link", p.url.as_deref()),
        Field { id: String::new(), name: format!("description.{i}"), label: "Description", value: p.description.clone().unwrap_or_default(), kind: "textarea" },
        lines(format!("bullets.{i}"), "Bullets (one per line)", &p.bullets)];
    Group { legend: format!("Project {}", i + 1), fields }
}

/// A posted form, by field name (the last value wins; the CSRF token is ignored).
pub type Posted = HashMap<String, String>;

fn get(form: &Posted, name: &str) -> Option<String> {
    form.get(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

fn split_lines(form: &Posted, name: &str) -> Vec<String> {
    form.get(name).map(|v| v.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()).unwrap_or_default()
}

/// Applies a card's form to `s`; `false` when the card names a job that does not exist.
pub fn apply(key: CardKey, s: &mut Sections, form: &Posted) -> bool {
    match key {
        CardKey::Contact => {
            let c = &mut s.contact;
            (c.name, c.email, c.phone, c.location) = (get(form, "name"), get(form, "email"), get(form, "phone"), get(form, "location"));
            c.links = split_lines(form, "links");
        }
        CardKey::Summary => (s.headline, s.summary) = (get(form, "headline"), get(form, "summary")),
        CardKey::Skills => s.skills = split_lines(form, "items"),
        CardKey::Certifications => s.certifications = split_lines(form, "items"),
        CardKey::Languages => s.languages = split_lines(form, "items"),
        CardKey::Job(i) => {
            if i >= s.experience.len() {
                return false;
            }
            match job_from(form) {
                Some(job) => s.experience[i] = job,
                None => drop(s.experience.remove(i)),
            }
        }
        CardKey::NewJob => s.experience.extend(job_from(form)),
        CardKey::Education => s.education = numbered(form, "school", |i| {
            let f = |n: &str| get(form, &format!("{n}.{i}"));
            let e = Education { school: f("school").unwrap_or_default(), degree: f("degree"), field: f("field"), start: f("start"), year: f("year") };
            (e != Education::default()).then_some(e)
        }),
        CardKey::Projects => s.projects = numbered(form, "name", |i| {
            let f = |n: &str| get(form, &format!("{n}.{i}"));
            let p = Project { name: f("name").unwrap_or_default(), url: f("url"), description: f("description"), bullets: split_lines(form, &format!("bullets.{i}")) };
            (p != Project::default()).then_some(p)
        }),
    }
    true
}

/// A job from the form; `None` when every field is blank (the user removed it).
fn job_from(form: &Posted) -> Option<Experience> {
    let e = Experience {
        company: get(form, "company").unwrap_or_default(),
        role: get(form, "role").unwrap_or_default(),
        location: get(form, "location"),
        start: get(form, "start"),
        end: get(form, "end"),
        current: form.contains_key("current"),
        bullets: split_lines(form, "bullets"),
    };
    (e != Experience::default()).then_some(e)
}

/// Entries `0..` read until the first index with no `key.i` field; blank entries dropped.
fn numbered<T>(form: &Posted, key: &str, read: impl Fn(usize) -> Option<T>) -> Vec<T> {
    (0..).take_while(|i| form.contains_key(&format!("{key}.{i}"))).filter_map(read).collect()
}

/// Places the service's errors (JSON paths) on the card's form fields; the rest are general.
pub fn form_errors(key: CardKey, errors: Vec<FieldError>, job_index: usize) -> FormErrors {
    let (mut placed, mut general) = (Vec::new(), Vec::new());
    for error in errors {
        match error.field.as_deref().and_then(|f| form_field(key, f, job_index)) {
            Some(name) => placed.push((name, error.detail)),
            // A problem elsewhere in the resume (left by the parser) is named by its place.
            None => general.push(match error.field {
                Some(field) => format!("{field}: {}", error.detail),
                None => error.detail,
            }),
        }
    }
    let mut form = if general.is_empty() { FormErrors::default() } else { FormErrors::general(general.join("; ")) };
    for (name, detail) in placed {
        form.add(&name, detail);
    }
    form
}

fn form_field(key: CardKey, path: &str, job_index: usize) -> Option<String> {
    let (section, rest) = path.split_once(['.', '[']).unwrap_or((path, ""));
    match (key, section) {
        (CardKey::Contact, "contact") => Some(rest.to_string()),
        (CardKey::Summary, "headline" | "summary") => Some(section.to_string()),
        (CardKey::Skills, "skills") | (CardKey::Certifications, "certifications") | (CardKey::Languages, "languages") => Some("items".into()),
        (CardKey::Job(_) | CardKey::NewJob, "experience") => {
            let (index, field) = rest.split_once("].")?;
            (index.parse::<usize>().ok()? == job_index).then(|| field.to_string())
        }
        (CardKey::Education, "education") | (CardKey::Projects, "projects") => {
            let (index, field) = rest.split_once("].")?;
            Some(format!("{field}.{index}"))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posted(pairs: &[(&str, &str)]) -> Posted {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn job(company: &str, role: &str) -> Experience {
        Experience { company: company.into(), role: role.into(), ..Experience::default() }
    }

    #[test]
    fn numbered_blocks_become_entries_and_blank_blocks_are_dropped() {
        let mut s = Sections::default();
        let form = posted(&[("school.0", "MIT"), ("degree.0", "BSc"), ("school.1", " "), ("degree.1", ""), ("school.2", "ETH"), ("year.2", "2019")]);
        assert!(apply(CardKey::Education, &mut s, &form));
        let schools: Vec<_> = s.education.iter().map(|e| (e.school.as_str(), e.degree.as_deref(), e.year.as_deref())).collect();
        assert_eq!(schools, [("MIT", Some("BSc"), None), ("ETH", None, Some("2019"))]);
    }

    #[test]
    fn a_job_cleared_entirely_is_removed_and_the_add_form_appends_one() {
        let mut s = Sections { experience: vec![job("Acme", "Engineer"), job("Initech", "Analyst")], ..Sections::default() };
        assert!(apply(CardKey::Job(0), &mut s, &posted(&[("company", ""), ("role", " "), ("bullets", "\n")])));
        assert_eq!(s.experience, [job("Initech", "Analyst")]);
        let form = posted(&[("company", "Hooli"), ("role", "Lead"), ("current", "on"), ("bullets", "Shipped\n\nScaled")]);
        assert!(apply(CardKey::NewJob, &mut s, &form));
        assert_eq!((s.experience[1].current, s.experience[1].bullets.clone()), (true, vec!["Shipped".to_string(), "Scaled".to_string()]));
        assert!(!apply(CardKey::Job(9), &mut s, &form), "a job that is not there is not found");
        assert!(apply(CardKey::NewJob, &mut s, &posted(&[("company", "")])) && s.experience.len() == 2, "a blank add form adds nothing");
    }

    #[test]
    fn errors_land_on_the_fields_of_the_card_they_name_and_the_rest_say_where() {
        let errors = vec![
            FieldError::new("experience[1].role", "is required"),
            FieldError::new("experience[0].company", "is required"),
            FieldError::new("education[2].school", "is required"),
        ];
        let form = form_errors(CardKey::Job(1), errors.clone(), 1);
        assert_eq!(form.get("role"), ["is required"]);
        assert_eq!(form.general_messages(), ["experience[0].company: is required; education[2].school: is required"]);
        assert_eq!(form_errors(CardKey::Education, errors, 0).get("school.2"), ["is required"]);
    }

    #[test]
    fn card_slugs_read_back_and_nothing_else_is_a_card() {
        let s = Sections { experience: vec![job("Acme", "Engineer")], ..Sections::default() };
        for key in CardKey::all(&s) {
            assert_eq!(CardKey::parse(&key.slug()), Some(key));
        }
        for bad in ["experience-", "experience--1", "experience-x", "password", ""] {
            assert_eq!(CardKey::parse(bad), None, "{bad}");
        }
    }
}
