//! Venue sync over the local network (FORMATS.md §12): the organiser's hub and the judge's push.
//!
//! One request per TCP connection: the judge's laptop writes a sealed frame
//! ([`juri_core::sync::venue`]) and closes its side; the hub reads it to the end within bounds,
//! merges it in one write transaction and writes back a sealed answer. The hub protects itself
//! from a busy or hostile network: a request is at most [`MAX_REQUEST_BYTES`], must arrive within
//! [`READ_TIMEOUT`], at most [`MAX_CONNECTIONS`] are served at once and [`MAX_PER_ADDRESS`] from
//! one address (more wait their turn, up to [`MAX_WAITING_PER_ADDRESS`]; beyond, they are
//! closed), and one address may open at most [`RATE_PER_SECOND`] connections a second. A flood
//! from one address therefore holds at most its own few places.
//! Merges run one at a time off the network threads, so a slow or flooding laptop delays only
//! itself.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use juri_core::db::Db;
use juri_core::error::{Error, PackageProblem, Result};
use juri_core::lang::Lang;
use juri_core::sync::venue::{self, HubOutcome, MAGIC, VenueAnswer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;

pub use juri_core::sync::venue::MAX_REQUEST_BYTES;

/// A whole request must arrive within this (a slow client is cut off, not waited for).
pub const READ_TIMEOUT: Duration = Duration::from_secs(20);
pub const MAX_CONNECTIONS: usize = 32;
pub const MAX_PER_ADDRESS: usize = 4;
pub const MAX_WAITING_PER_ADDRESS: usize = 16;
pub const RATE_PER_SECOND: u32 = 50;
/// An answer is small; more is not an answer.
const MAX_ANSWER_BYTES: u64 = 64 * 1024;
/// The judge's laptop waits this long to connect, and this long for the hub's answer.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
pub const ANSWER_TIMEOUT: Duration = Duration::from_secs(60);

/// What the hub did with one connection, for its live view and its log.
#[derive(Debug)]
pub enum HubEvent {
    Merged { from: SocketAddr, judge: String, answer: VenueAnswer },
    Refused { from: SocketAddr, judge: Option<String>, reason: String },
}

/// Per address: its places, how many connections hold or wait for one, and the start and count
/// of the current one-second window.
struct AddressUse {
    places: Arc<Semaphore>,
    queued: usize,
    window: Option<Instant>,
    in_window: u32,
}

impl Default for AddressUse {
    fn default() -> Self {
        AddressUse { places: Arc::new(Semaphore::new(MAX_PER_ADDRESS)), queued: 0, window: None, in_window: 0 }
    }
}

struct Limits {
    addresses: Mutex<HashMap<IpAddr, AddressUse>>,
    connections: Arc<Semaphore>,
}

impl Limits {
    /// The places of `ip` to wait on, or None when it comes too fast or too many of its
    /// connections are already queued.
    fn admit(&self, ip: IpAddr) -> Option<Arc<Semaphore>> {
        let mut map = self.addresses.lock().expect("limits lock");
        let u = map.entry(ip).or_default();
        let now = Instant::now();
        if u.window.is_none_or(|w| now.duration_since(w) >= Duration::from_secs(1)) {
            u.window = Some(now);
            u.in_window = 0;
        }
        if u.queued >= MAX_PER_ADDRESS + MAX_WAITING_PER_ADDRESS || u.in_window >= RATE_PER_SECOND {
            return None;
        }
        u.queued += 1;
        u.in_window += 1;
        Some(u.places.clone())
    }

    fn release(&self, ip: IpAddr) {
        let mut map = self.addresses.lock().expect("limits lock");
        if let Some(u) = map.get_mut(&ip) {
            u.queued = u.queued.saturating_sub(1);
        }
    }
}

/// A plain refusal frame (not sealed: the hub could not tell who sent the request). The judge's
/// laptop shows the reason but never counts it as an acknowledgement.
fn refusal_frame(reason: &str) -> Vec<u8> {
    let head = serde_json::to_vec(&serde_json::json!({ "refused": reason })).expect("a header serialises");
    let mut out = Vec::with_capacity(MAGIC.len() + 4 + head.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(head.len() as u32).to_be_bytes());
    out.extend_from_slice(&head);
    out
}

/// How the hub takes one request's bytes: in one write transaction of the master, with
/// [`venue::hub_take`] (the CLI locks its own database; the app goes through its one writer).
pub type Take = Arc<dyn Fn(Vec<u8>) -> Result<HubOutcome> + Send + Sync>;

/// A [`Take`] over a database of its own.
pub fn take_with(db: Arc<Mutex<Db>>, competition_id: String, lang: Lang) -> Take {
    Arc::new(move |bytes: Vec<u8>| {
        let now = juri_core::ids::now();
        let mut db = db.lock().map_err(|_| Error::Damaged("venue hub database lock".into()))?;
        db.write(|tx| venue::hub_take(tx, &competition_id, &bytes, &now, lang))
    })
}

/// The hub: listens on `listener` and takes every push until `stop` resolves. `on_event` hears
/// of each request (from the merge thread).
pub async fn serve(
    listener: TcpListener,
    take: Take,
    lang: Lang,
    on_event: Arc<dyn Fn(HubEvent) + Send + Sync>,
    stop: impl std::future::Future<Output = ()>,
) {
    serve_with(listener, take, lang, on_event, stop, READ_TIMEOUT).await
}

/// [`serve`] with another time allowed for a request to arrive (tests use a short one).
pub async fn serve_with(
    listener: TcpListener,
    take: Take,
    lang: Lang,
    on_event: Arc<dyn Fn(HubEvent) + Send + Sync>,
    stop: impl std::future::Future<Output = ()>,
    read_timeout: Duration,
) {
    let limits = Arc::new(Limits {
        addresses: Mutex::new(HashMap::new()),
        connections: Arc::new(Semaphore::new(MAX_CONNECTIONS)),
    });
    tokio::pin!(stop);
    loop {
        let (stream, from) = tokio::select! {
            _ = &mut stop => return,
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    log::warn!("venue hub: accept failed: {e}");
                    continue;
                }
            },
        };
        // Too fast, or too many queued from one address: told so in a few bytes and closed,
        // without reading what it sends.
        let Some(places) = limits.admit(from.ip()) else {
            tokio::spawn(async move {
                let mut stream = stream;
                let busy = refusal_frame("too many requests from this address; try again shortly");
                let _ = tokio::time::timeout(Duration::from_secs(1), stream.write_all(&busy)).await;
            });
            continue;
        };
        let (limits, take, on_event) = (limits.clone(), take.clone(), on_event.clone());
        tokio::spawn(async move {
            // The address's own place first, then one of the hub's: a flooding address waits on
            // its own places and never holds more than MAX_PER_ADDRESS of the hub's.
            if let Ok(Ok(own)) = tokio::time::timeout(read_timeout, places.acquire_owned()).await
                && let Ok(place) = limits.connections.clone().acquire_owned().await
            {
                handle(stream, from, take, lang, on_event, read_timeout).await;
                drop((place, own));
            }
            limits.release(from.ip());
        });
    }
}

async fn handle(
    mut stream: TcpStream,
    from: SocketAddr,
    take: Take,
    lang: Lang,
    on_event: Arc<dyn Fn(HubEvent) + Send + Sync>,
    read_timeout: Duration,
) {
    let mut bytes = Vec::new();
    let read = tokio::time::timeout(read_timeout, async {
        (&mut stream).take(MAX_REQUEST_BYTES as u64 + 1).read_to_end(&mut bytes).await
    })
    .await;
    let reason = match read {
        Err(_) => Some("too slow".to_string()),
        Ok(Err(e)) => Some(format!("read failed: {e}")),
        Ok(Ok(_)) if bytes.len() > MAX_REQUEST_BYTES => Some("too large".to_string()),
        Ok(Ok(_)) => None,
    };
    if let Some(reason) = reason {
        let _ = stream.write_all(&refusal_frame(&reason)).await;
        on_event(HubEvent::Refused { from, judge: None, reason });
        return;
    }
    let outcome = tokio::task::spawn_blocking(move || take(bytes)).await;
    let (frame, event) = match outcome {
        Ok(Ok(HubOutcome { frame: Some(frame), answer: Some(answer), judge, .. })) => {
            (frame, HubEvent::Merged { from, judge: judge.unwrap_or_default(), answer })
        }
        Ok(Ok(HubOutcome { refused, judge, .. })) => {
            let reason = refused.map(|e| e.message(lang)).unwrap_or_else(|| "refused".into());
            (refusal_frame(&reason), HubEvent::Refused { from, judge, reason })
        }
        Ok(Err(e)) => {
            let reason = e.message(lang);
            (refusal_frame(&reason), HubEvent::Refused { from, judge: None, reason })
        }
        Err(e) => {
            let reason = format!("merge failed: {e}");
            (refusal_frame(&reason), HubEvent::Refused { from, judge: None, reason })
        }
    };
    let _ = tokio::time::timeout(READ_TIMEOUT, async {
        let _ = stream.write_all(&frame).await;
        let _ = stream.shutdown().await;
    })
    .await;
    on_event(event);
}

fn unreachable(w: String) -> Error {
    Error::BadPackage(PackageProblem::HubUnreachable(w))
}

/// One push from the judge's laptop database at `db_path` to the hub at `to`: the events the hub
/// has not acknowledged, sealed; the sealed answer is checked and recorded.
pub async fn push(db_path: &Path, to: &str, device: &str) -> Result<VenueAnswer> {
    push_from(db_path, to, device, None).await
}

/// [`push`] from a chosen local address (benchmarks put each judge on its own loopback address,
/// as each laptop has its own at a venue).
pub async fn push_from(db_path: &Path, to: &str, device: &str, from: Option<IpAddr>) -> Result<VenueAnswer> {
    let path: PathBuf = db_path.to_path_buf();
    let db = tokio::task::spawn_blocking(move || Db::open(&path))
        .await
        .map_err(|e| Error::Damaged(format!("push task: {e}")))??;
    push_shared(Arc::new(Mutex::new(db)), to, device, from).await
}

/// [`push`] through a connection the caller keeps open (the app's pusher, a watching CLI): the
/// database is opened once, not for every push.
pub async fn push_shared(db: Arc<Mutex<Db>>, to: &str, device: &str, from: Option<IpAddr>) -> Result<VenueAnswer> {
    let device = device.to_string();
    let judge_db = db.clone();
    let (frame, header) = tokio::task::spawn_blocking(move || {
        let mut db = judge_db.lock().map_err(|_| Error::Damaged("judge database lock".into()))?;
        let now = juri_core::ids::now();
        db.write(|tx| venue::next_push(tx, &device, &now))
    })
    .await
    .map_err(|e| Error::Damaged(format!("push task: {e}")))??;
    let connect = async {
        match from {
            None => TcpStream::connect(to).await,
            Some(ip) => {
                let target: SocketAddr =
                    to.parse().map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
                let socket =
                    if ip.is_ipv4() { tokio::net::TcpSocket::new_v4()? } else { tokio::net::TcpSocket::new_v6()? };
                socket.bind(SocketAddr::new(ip, 0))?;
                socket.connect(target).await
            }
        }
    };
    let mut stream = tokio::time::timeout(CONNECT_TIMEOUT, connect)
        .await
        .map_err(|_| unreachable(format!("{to}: no answer")))?
        .map_err(|e| unreachable(format!("{to}: {e}")))?;
    let mut answer = Vec::new();
    tokio::time::timeout(ANSWER_TIMEOUT, async {
        stream.write_all(&frame).await?;
        stream.shutdown().await?;
        (&mut stream).take(MAX_ANSWER_BYTES).read_to_end(&mut answer).await
    })
    .await
    .map_err(|_| unreachable(format!("{to}: no answer in time")))?
    .map_err(|e| unreachable(format!("{to}: {e}")))?;
    if let Some(reason) = plain_refusal(&answer) {
        return Err(Error::BadPackage(PackageProblem::HubRefused(reason)));
    }
    if answer.is_empty() {
        // Closed without a word (the hub stopping, or its limits): not sent, try again later.
        return Err(unreachable(format!("{to}: closed without an answer")));
    }
    tokio::task::spawn_blocking(move || {
        let mut db = db.lock().map_err(|_| Error::Damaged("judge database lock".into()))?;
        let now = juri_core::ids::now();
        db.write(|tx| venue::take_answer(tx, &header, &answer, &now))
    })
    .await
    .map_err(|e| Error::Damaged(format!("push task: {e}")))?
}

/// The reason of a plain refusal frame, cut to a readable length (it is the hub's text, untrusted).
fn plain_refusal(bytes: &[u8]) -> Option<String> {
    let rest = bytes.strip_prefix(MAGIC.as_slice())?;
    let (len, rest) = rest.split_at_checked(4)?;
    let len = u32::from_be_bytes(len.try_into().ok()?) as usize;
    let head = rest.get(..len)?;
    let v: serde_json::Value = serde_json::from_slice(head).ok()?;
    let reason = v.get("refused")?.as_str()?;
    Some(reason.chars().take(300).collect())
}

/// The hub as the CLI runs it: binds `listen`, says where with `on_listening` (the bound address,
/// which tells the port when 0 was asked), and serves until `for_secs` have passed or Ctrl-C.
pub fn serve_blocking(
    db_path: &Path,
    listen: &str,
    for_secs: Option<u64>,
    lang: Lang,
    on_listening: impl FnOnce(SocketAddr),
    on_event: Arc<dyn Fn(HubEvent) + Send + Sync>,
) -> Result<()> {
    let db = Db::open(db_path)?;
    juri_core::laptop::require_organiser(db.conn(), juri_core::laptop::OrganiserTask::Merge)?;
    let competition_id = juri_core::competition::active_competition(db.conn())?
        .ok_or(Error::NotFound { what: juri_core::error::Entity::Competition, key: String::new() })?;
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.block_on(async move {
        let listener = TcpListener::bind(listen).await?;
        on_listening(listener.local_addr()?);
        let stop = async move {
            match for_secs {
                Some(s) => tokio::select! {
                    _ = tokio::time::sleep(Duration::from_secs(s)) => {}
                    _ = tokio::signal::ctrl_c() => {}
                },
                None => {
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
        };
        serve(listener, take_with(Arc::new(Mutex::new(db)), competition_id, lang), lang, on_event, stop).await;
        Ok(())
    })
}

/// One push as the CLI runs it.
pub fn push_blocking(db_path: &Path, to: &str, device: &str) -> Result<VenueAnswer> {
    push_blocking_from(db_path, to, device, None)
}

/// [`push_shared`] as a blocking call (a runtime of its own for the call).
pub fn push_blocking_shared(db: Arc<Mutex<Db>>, to: &str, device: &str, from: Option<IpAddr>) -> Result<VenueAnswer> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    rt.block_on(push_shared(db, to, device, from))
}

/// [`push_blocking`] from a chosen local address.
pub fn push_blocking_from(db_path: &Path, to: &str, device: &str, from: Option<IpAddr>) -> Result<VenueAnswer> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    rt.block_on(push_from(db_path, to, device, from))
}
