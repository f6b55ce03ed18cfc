//! Outgoing email over SMTP (lettre): the transport built from the configuration, and the
//! messages Jobpilot sends.

pub mod digest;

use anyhow::Context;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::{Config, SmtpTls};

/// An SMTP connection setting; cheap to clone (lettre pools nothing here: a digest run sends a
/// handful of messages).
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    pub from: lettre::message::Mailbox,
}

impl Mailer {
    /// The mailer the configuration describes; `None` when no SMTP host is set.
    pub fn from_config(config: &Config) -> anyhow::Result<Option<Mailer>> {
        let Some(host) = config.smtp_host.as_deref().filter(|h| !h.is_empty()) else {
            return Ok(None);
        };
        let builder = match config.smtp_tls {
            SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
            SmtpTls::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)
                .with_context(|| format!("JOBPILOT_SMTP_HOST={host:?}"))?,
            SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(host)
                .with_context(|| format!("JOBPILOT_SMTP_HOST={host:?}"))?,
        };
        let mut builder = builder.port(config.smtp_port).timeout(Some(std::time::Duration::from_secs(30)));
        if let Some(user) = &config.smtp_username {
            builder = builder.credentials(Credentials::new(user.clone(), config.smtp_password.clone().unwrap_or_default()));
        }
        let from = config
            .smtp_from
            .parse()
            .with_context(|| format!("JOBPILOT_SMTP_FROM={:?} is not an email address", config.smtp_from))?;
        Ok(Some(Mailer { transport: builder.build(), from }))
    }

    /// Sends one message.
    pub async fn send(&self, message: Message) -> anyhow::Result<()> {
        self.transport.send(message).await.context("sending email over SMTP")?;
        Ok(())
    }
}
