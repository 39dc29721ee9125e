//! What may reach the log (SPEC R8.4): only Tessera's own events, which are written to carry no
//! client input, and warnings of the database driver. Every other library is silenced whatever
//! `TESSERA_LOG` says: their messages quote what clients sent. rustls, for one, warns "Illegal
//! SNI extension: ignoring IP address presented as hostname (…)" and "Illegal SNI hostname
//! received …" with the client's bytes; hyper, h2 and axum's rejections describe malformed
//! requests from their content. An allow-list, so that a library added later is silent too.

use tracing::level_filters::LevelFilter;
use tracing::subscriber::Interest;
use tracing::{Event, Level, Metadata};
use tracing_log::NormalizeEvent;
use tracing_subscriber::layer::{Context, Filter};

/// The per-layer filter of the log output.
pub struct NoClientInput;

/// Whether an event of this target and level may be logged.
fn allowed(meta: &Metadata<'_>) -> bool {
    let target = meta.target();
    if target == "tessera" || target.starts_with("tessera_") || target.starts_with("tessera::") {
        return true;
    }
    // The database driver's warnings and errors are about the database (statement logging
    // is off, so no bound value reaches them).
    target.starts_with("sqlx") && *meta.level() <= Level::WARN
}

impl<S> Filter<S> for NoClientInput {
    fn enabled(&self, meta: &Metadata<'_>, _: &Context<'_, S>) -> bool {
        // Records of the `log` crate (rustls uses it) come through one callsite whose target
        // is "log"; `event_enabled` decides them by their real target.
        meta.target() == "log" || allowed(meta)
    }

    fn callsite_enabled(&self, meta: &'static Metadata<'static>) -> Interest {
        if meta.target() == "log" {
            Interest::sometimes()
        } else if allowed(meta) {
            Interest::always()
        } else {
            Interest::never()
        }
    }

    fn event_enabled(&self, event: &Event<'_>, _: &Context<'_, S>) -> bool {
        match event.normalized_metadata() {
            Some(real) => allowed(&real),
            None => allowed(event.metadata()),
        }
    }

    fn max_level_hint(&self) -> Option<LevelFilter> {
        None
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::sync::{Arc, Mutex};

    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::Layer;

    use super::*;

    #[derive(Clone, Default)]
    struct Sink(Arc<Mutex<Vec<u8>>>);

    impl Write for Sink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0
                .lock()
                .map_err(|_| std::io::Error::other("poisoned"))?
                .extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn r8_4_library_events_are_dropped_own_events_kept() {
        let sink = Sink::default();
        let writer = sink.clone();
        let layer = tracing_subscriber::fmt::layer()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .with_filter(NoClientInput);
        let subscriber = tracing_subscriber::registry().with(layer);
        tracing::subscriber::with_default(subscriber, || {
            tracing::warn!(target: "rustls::msgs::handshake", "Illegal SNI hostname received \"probe-a\"");
            tracing::warn!(target: "h2::codec", "probe-b");
            tracing::trace!(target: "axum::rejection", "probe-c");
            tracing::info!(target: "sqlx::query", "probe-d");
            tracing::warn!(target: "sqlx::pool", "kept-1");
            tracing::info!(target: "tessera_web::middleware", "kept-2");
            tracing::info!("kept-3");
        });
        let out = String::from_utf8(sink.0.lock().unwrap().clone()).unwrap();
        for gone in ["probe-a", "probe-b", "probe-c", "probe-d"] {
            assert!(!out.contains(gone), "{out}");
        }
        for kept in ["kept-1", "kept-2", "kept-3"] {
            assert!(out.contains(kept), "{out}");
        }
    }
}
