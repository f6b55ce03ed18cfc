//! `remote_from_text`.

use jobpilot::domain::remote_text::remote_from_text;

#[test]
fn clear_remote_signals_give_true() {
    let cases = [
        ("Senior Engineer (Remote)", "", ""),
        ("Engineer", "Remote - US", ""),
        ("Engineer", "Anywhere", ""),
        ("Engineer", "", "We are a remote-first company."),
        ("Engineer", "", "You can work from anywhere in Europe."),
        ("Engineer", "New York", "This is a fully remote position."),
    ];
    for (title, location, description) in cases {
        assert_eq!(
            remote_from_text(title, location, description),
            Some(true),
            "{title} / {location} / {description}"
        );
    }
}

#[test]
fn on_site_and_hybrid_signals_give_false() {
    let cases = [
        ("Engineer", "Berlin", "This position is on-site only."),
        ("Engineer", "London", "You will be in office 5 days a week."),
        (
            "Engineer",
            "Remote - US",
            "Despite the listing, this role is not remote.",
        ),
        ("Engineer (Hybrid)", "Paris", ""),
        ("Engineer", "Hybrid - NYC", ""),
        (
            "Engineer",
            "Austin",
            "This is a hybrid role with three days a week in the office.",
        ),
    ];
    for (title, location, description) in cases {
        assert_eq!(
            remote_from_text(title, location, description),
            Some(false),
            "{title} / {location} / {description}"
        );
    }
}

#[test]
fn technical_uses_of_remote_are_not_signals() {
    let cases = [
        (
            "Remote Sensing Scientist",
            "Denver, CO",
            "Analyse satellite imagery.",
        ),
        ("Remote Control Systems Engineer", "Houston", ""),
        (
            "Engineer",
            "Seattle",
            "You will collaborate with remote teams and remote sensing data.",
        ),
    ];
    for (title, location, description) in cases {
        assert_eq!(
            remote_from_text(title, location, description),
            None,
            "{title} / {location} / {description}"
        );
    }
}

#[test]
fn silence_or_contradiction_gives_none() {
    assert_eq!(
        remote_from_text("Engineer", "San Francisco, CA", "Build things."),
        None
    );
    assert_eq!(remote_from_text("", "", ""), None);
    assert_eq!(
        remote_from_text(
            "Engineer",
            "",
            "We are remote-first, but this is a hybrid role."
        ),
        None
    );
}
