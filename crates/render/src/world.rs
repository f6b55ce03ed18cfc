//! A minimal `typst::World`: one in-memory main file, one in-memory `resume.json`, the fonts
//! compiled into this binary. No file system, no system fonts, no packages, no network.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// The sans family used by the "modern" template (DejaVu Sans, Bitstream Vera licence);
/// typst-assets ships only serif and mono faces.
const SANS: [&[u8]; 3] = [
    include_bytes!("../fonts/DejaVuSans.ttf"),
    include_bytes!("../fonts/DejaVuSans-Bold.ttf"),
    include_bytes!("../fonts/DejaVuSans-Oblique.ttf"),
];

/// Fonts are parsed once per process: parsing them is most of a cold render.
static FONTS: LazyLock<(LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .chain(SANS)
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    let book = FontBook::from_fonts(&fonts);
    (LazyHash::new(book), fonts)
});

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

fn id(path: &str) -> FileId {
    // Both paths are constants written above; an invalid one is a programming error.
    let vpath = VirtualPath::new(path).expect("a constant virtual path is valid");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// The data file the templates read with `json("resume.json")`.
pub const DATA_PATH: &str = "resume.json";

pub struct ResumeWorld {
    main: Source,
    data_id: FileId,
    data: Bytes,
}

impl ResumeWorld {
    pub fn new(template: &'static str, data: Vec<u8>) -> Self {
        ResumeWorld {
            main: Source::new(id("main.typ"), template.to_string()),
            data_id: id(DATA_PATH),
            data: Bytes::new(data),
        }
    }
}

impl World for ResumeWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.0
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.1.get(index).cloned()
    }

    /// No date in a resume depends on "today"; a fixed answer keeps output reproducible.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}
