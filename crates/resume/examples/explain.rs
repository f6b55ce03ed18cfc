//! Prints how a resume file reads: its lines by section, then the parsed result as JSON.
//! `cargo run -p jobpilot-resume --example explain -- FILE`

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: explain FILE");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1)
    });
    match jobpilot_resume::explain(&bytes) {
        Ok(text) => println!("{text}"),
        Err(e) => println!("explain: {e}"),
    }
    match jobpilot_resume::parse(&bytes, Some(&path)) {
        Ok(parsed) => println!("{}", serde_json::to_string_pretty(&parsed).unwrap_or_default()),
        Err(e) => println!("parse: {e}"),
    }
}
