//! The `audit_logs` table: one row per state change, written in the change's own transaction.

use std::net::IpAddr;

use serde_json::{Map, Value};
use sqlx::PgConnection;
use uuid::Uuid;

/// Who made a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    User(Uuid),
    Agent(Uuid),
    System,
}

impl Actor {
    fn parts(self) -> (&'static str, Option<Uuid>) {
        match self {
            Self::User(id) => ("user", Some(id)),
            Self::Agent(id) => ("agent", Some(id)),
            Self::System => ("system", None),
        }
    }
}

/// One audited state change. `diff` must never hold a secret (hashes, tokens, passwords).
pub struct AuditEntry<'a> {
    pub actor: Actor,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Uuid,
    pub diff: Option<Value>,
    pub ip: Option<IpAddr>,
}

/// Writes the audit row. Call inside the transaction that makes the change.
pub async fn record(conn: &mut PgConnection, entry: AuditEntry<'_>) -> sqlx::Result<()> {
    let (actor_type, actor_id) = entry.actor.parts();
    sqlx::query(
        "insert into audit_logs (actor_type, actor_id, action, entity, entity_id, diff, ip)
         values ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(actor_type)
    .bind(actor_id)
    .bind(entry.action)
    .bind(entry.entity)
    .bind(entry.entity_id)
    .bind(entry.diff)
    .bind(entry.ip.map(ipnet::IpNet::from))
    .execute(conn)
    .await?;
    Ok(())
}

/// `{"before":{…},"after":{…}}` holding only the keys whose values changed.
pub fn changed_fields(before: &Value, after: &Value) -> Value {
    let empty = Map::new();
    let before = before.as_object().unwrap_or(&empty);
    let after = after.as_object().unwrap_or(&empty);
    let mut old = Map::new();
    let mut new = Map::new();
    for (key, value) in after {
        let previous = before.get(key).unwrap_or(&Value::Null);
        if previous != value {
            old.insert(key.clone(), previous.clone());
            new.insert(key.clone(), value.clone());
        }
    }
    serde_json::json!({ "before": old, "after": new })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::changed_fields;

    #[test]
    fn a_diff_keeps_only_the_changed_keys() {
        let diff = changed_fields(&json!({"a": 1, "b": 2}), &json!({"a": 1, "b": 3, "c": true}));
        assert_eq!(diff, json!({"before": {"b": 2, "c": null}, "after": {"b": 3, "c": true}}));
    }
}
