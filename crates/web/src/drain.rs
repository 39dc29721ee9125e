//! Early answers and unread bodies (issue 10 part 4). A 401, 403, 405, 413 or 429 is often
//! decided before the handler reads the request body. Over HTTP/1.1 the unread rest then either
//! poisons the keep-alive connection (the server would read it as the next request) or, when
//! the server closes with data still unread, makes the kernel reset the connection, so the
//! client never sees the answer (a 2 MB upload "never gets its 413").
//!
//! So every HTTP/1.x request body goes through a shared handle: after the handler has answered,
//! whatever it left unread is read and discarded, up to [`DRAIN_LIMIT`] bytes and
//! [`DRAIN_TIME`], and only then does the answer go out; the connection stays usable. A body
//! larger than that, or slower, is not drained: the answer says `Connection: close`.
//! HTTP/2 needs none of this: an unread stream is reset on its own, the connection lives on.

use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{header, HeaderValue, Version};
use axum::middleware::Next;
use axum::response::Response;
use http_body::{Body as HttpBody, Frame, SizeHint};

/// The most a client may make the server read and discard after an early answer. Well above
/// the 256 KiB body limit, so that an upload of a few megabytes still gets its 413.
pub const DRAIN_LIMIT: u64 = 8 * 1024 * 1024;
/// How long draining may take before the connection is closed instead.
pub const DRAIN_TIME: Duration = Duration::from_secs(5);

/// The request body, shared between the handler (which may read some of it, or none) and this
/// layer (which drains the rest).
#[derive(Clone)]
struct Shared(Arc<Mutex<Body>>);

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Body> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl HttpBody for Shared {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut *self.lock()).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.lock().is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.lock().size_hint()
    }
}

/// Reads and discards the rest of the body; `true` when it ended within the limits.
async fn discard(body: &Shared) -> bool {
    let drained = async {
        let mut read: u64 = 0;
        loop {
            let frame = std::future::poll_fn(|cx| Pin::new(&mut *body.lock()).poll_frame(cx)).await;
            match frame {
                None => return true,
                Some(Err(_)) => return false,
                Some(Ok(f)) => {
                    if let Some(d) = f.data_ref() {
                        read += d.len() as u64;
                        if read > DRAIN_LIMIT {
                            return false;
                        }
                    }
                }
            }
        }
    };
    tokio::time::timeout(DRAIN_TIME, drained)
        .await
        .unwrap_or(false)
}

fn declared_length(req: &Request) -> Option<u64> {
    req.headers()
        .get(header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .parse()
        .ok()
}

pub async fn drain_unread(req: Request, next: Next) -> Response {
    let http1 = matches!(req.version(), Version::HTTP_10 | Version::HTTP_11);
    if !http1 || req.body().is_end_stream() {
        return next.run(req).await;
    }
    // A client that waits for `100 Continue` has not sent the body: an early answer costs it
    // nothing, and reading would only ask for the upload. Close after the answer instead.
    let expects_continue = req
        .headers()
        .get(header::EXPECT)
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"100-continue"));
    let too_long = declared_length(&req).is_some_and(|n| n > DRAIN_LIMIT);
    let (parts, body) = req.into_parts();
    let shared = Shared(Arc::new(Mutex::new(body)));
    let mut resp = next
        .run(Request::from_parts(parts, Body::new(shared.clone())))
        .await;
    let finished = shared.lock().is_end_stream();
    if finished {
        return resp;
    }
    if expects_continue || too_long || !discard(&shared).await {
        resp.headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    resp
}
