//! The embedded PostgreSQL cluster, started from the system's server binaries.

use std::fs;
use std::net::{Ipv4Addr, TcpStream};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use jobpilot::db::embedded::{EmbeddedError, EmbeddedPostgres};
use sqlx::{Connection, PgConnection};

/// A fresh folder under /tmp, removed when dropped. Mode 0755 because, when the tests run as
/// root, the cluster runs as the `postgres` user, which must be able to reach it.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        let path = std::env::temp_dir().join(format!("jobpilot-embedded-{}", uuid::Uuid::new_v4()));
        fs::create_dir(&path).expect("create temp dir");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).expect("chmod temp dir");
        Self(path)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

async fn connect(pg: &EmbeddedPostgres) -> PgConnection {
    PgConnection::connect(&pg.url())
        .await
        .expect("connect to the embedded cluster")
}

#[tokio::test]
async fn a_cluster_is_initialised_on_first_start_and_reused_with_the_same_password_on_the_next() {
    let dir = TempDir::new();

    let mut first = EmbeddedPostgres::start(dir.path(), None)
        .await
        .expect("first start");
    println!(
        "cold start (with initdb): {} ms",
        first.startup_time().as_millis()
    );
    let mut conn = connect(&first).await;
    let one: i32 = sqlx::query_scalar("select 1")
        .fetch_one(&mut conn)
        .await
        .expect("select 1");
    assert_eq!(one, 1);
    sqlx::query("create table survives_restart (id int)")
        .execute(&mut conn)
        .await
        .expect("create table");
    sqlx::query("insert into survives_restart values (42)")
        .execute(&mut conn)
        .await
        .expect("insert");
    conn.close().await.expect("close");

    let password_file = dir.path().join("postgres.password");
    let mode = fs::metadata(&password_file)
        .expect("password file")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let password = fs::read_to_string(&password_file).expect("read password");
    assert!(password.len() >= 32 && password.chars().all(|c| c.is_ascii_alphanumeric()));
    assert!(dir.path().join("postgres/PG_VERSION").exists());
    let (first_url, first_port) = (first.url(), first.port());
    first.stop().await.expect("stop");
    first.stop().await.expect("a second stop does nothing");
    drop(first);

    let mut second = EmbeddedPostgres::start(dir.path(), None)
        .await
        .expect("second start");
    println!("warm start: {} ms", second.startup_time().as_millis());
    assert_eq!(
        fs::read_to_string(&password_file).expect("read password"),
        password
    );
    assert!(second.url().contains(&password));
    let same_but_port =
        first_url.replace(&format!(":{first_port}/"), &format!(":{}/", second.port()));
    assert_eq!(second.url(), same_but_port);
    let mut conn = connect(&second).await;
    let kept: i32 = sqlx::query_scalar("select id from survives_restart")
        .fetch_one(&mut conn)
        .await
        .expect("the table from the first run is still there");
    assert_eq!(kept, 42);
    conn.close().await.expect("close");
    second.stop().await.expect("stop");
}

#[tokio::test]
async fn a_bin_dir_without_postgres_binaries_gives_a_one_line_not_found_error() {
    let dir = TempDir::new();
    let empty_bin = dir.path().join("bin");
    fs::create_dir(&empty_bin).expect("create bin dir");

    let err = EmbeddedPostgres::start(&dir.path().join("data"), Some(&empty_bin))
        .await
        .expect_err("start must fail without binaries");

    let message = err.to_string();
    assert!(!message.contains('\n'), "one line: {message}");
    assert!(message.contains("not found"), "{message}");
    assert!(message.contains("apt-get install postgresql"), "{message}");
    assert!(
        message.contains(&empty_bin.display().to_string()),
        "{message}"
    );
    assert!(matches!(
        err.downcast_ref::<EmbeddedError>(),
        Some(EmbeddedError::BinariesNotFound { .. })
    ));
}

#[tokio::test]
async fn after_stop_the_port_no_longer_accepts_connections() {
    let dir = TempDir::new();
    let mut pg = EmbeddedPostgres::start(dir.path(), None)
        .await
        .expect("start");
    let address = (Ipv4Addr::LOCALHOST, pg.port());
    TcpStream::connect_timeout(&address.into(), Duration::from_secs(2))
        .expect("listening while running");

    pg.stop().await.expect("stop");

    let refused = TcpStream::connect_timeout(&address.into(), Duration::from_secs(2));
    assert!(
        refused.is_err(),
        "port {} still accepts connections after stop",
        pg.port()
    );
}
