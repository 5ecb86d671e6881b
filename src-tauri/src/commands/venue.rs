//! Venue sync in the app (FORMATS.md §12): the organiser's "Hub venue" (the hub runs on the app's
//! async runtime and merges through the app's one writer) and a judge laptop's "Kirim otomatis ke
//! panitia" (a background pusher woken by every save, batched, retried with backoff; scoring never
//! waits for it).

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use juri_core::error::{ApiError, Error, InputProblem, PackageProblem};
use juri_core::sync::venue::{self, VenueHubView, VenuePushStatus};
use tauri::{Emitter, Manager};

use super::AppStateRef;
use crate::state::{AppState, blocking};

/// The venue part of the app's state.
#[derive(Default)]
pub struct VenueState {
    hub: Mutex<Option<Hub>>,
    /// Woken by every save on a judge's laptop.
    pub nudge: tokio::sync::Notify,
    sending: AtomicBool,
    last_error: Mutex<Option<String>>,
}

struct Hub {
    address: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl VenueState {
    fn status(&self, s: &AppState) -> Result<VenuePushStatus, Error> {
        let error = self.last_error.lock().unwrap_or_else(|p| p.into_inner()).clone();
        venue::push_status(s.reader()?.conn(), self.sending.load(Ordering::SeqCst), error)
    }
}

/// The address as a QR code, an SVG drawn from our own text (no data from elsewhere).
fn qr_svg(address: &str) -> Option<String> {
    let code = qrcode::QrCode::new(address.as_bytes()).ok()?;
    Some(code.render::<qrcode::render::svg::Color>().min_dimensions(160, 160).quiet_zone(true).build())
}

fn hub_view(s: &AppState, competition_id: &str) -> Result<VenueHubView, Error> {
    let address = s.venue.hub.lock().unwrap_or_else(|p| p.into_inner()).as_ref().map(|h| h.address.to_string());
    Ok(VenueHubView {
        running: address.is_some(),
        qr_svg: address.as_deref().and_then(qr_svg),
        address,
        peers: venue::venue_peers(s.reader()?.conn(), competition_id)?,
    })
}

/// Addresses of this laptop the organiser can pick (its outgoing IPv4 address on the venue
/// network, when there is one), each with the default port.
#[tauri::command]
pub async fn venue_addresses() -> Result<Vec<String>, ApiError> {
    let mut out = Vec::new();
    // Connecting a UDP socket sends nothing; it only asks the system which address it would use.
    for probe in ["192.168.255.255:9", "10.255.255.255:9", "172.31.255.255:9"] {
        if let Ok(sock) = std::net::UdpSocket::bind("0.0.0.0:0")
            && sock.connect(probe).is_ok()
            && let Ok(local) = sock.local_addr()
        {
            let a = format!("{}:7878", local.ip());
            if !local.ip().is_unspecified() && !out.contains(&a) {
                out.push(a);
            }
        }
    }
    out.push("0.0.0.0:7878".into());
    Ok(out)
}

#[tauri::command]
pub async fn venue_hub_status(state: AppStateRef<'_>, competition_id: String) -> Result<VenueHubView, ApiError> {
    blocking(&state, move |s| hub_view(s, &competition_id)).await
}

/// Starts the hub on `listen` (ADDR:PORT of this laptop): pushes are merged as `package merge`
/// does and each one is announced to the UI ("venue-push"), which refreshes the recap.
#[tauri::command]
pub async fn venue_hub_start(
    app: tauri::AppHandle,
    state: AppStateRef<'_>,
    competition_id: String,
    listen: String,
) -> Result<VenueHubView, ApiError> {
    let st: Arc<AppState> = state.inner().clone();
    let lang = st.lang();
    let refuse = |e: Error| e.to_api(lang);
    juri_core::laptop::require_organiser(st.db().conn(), juri_core::laptop::OrganiserTask::Merge).map_err(refuse)?;
    let addr: SocketAddr = listen.trim().parse().map_err(|_| {
        refuse(Error::InvalidInput {
            field: "alamat_hub",
            problem: juri_core::error::InputProblem::BadHubAddress(juri_core::error::shown(&listen)),
        })
    })?;
    if st.venue.hub.lock().unwrap_or_else(|p| p.into_inner()).is_none() {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| refuse(Error::BadPackage(PackageProblem::HubUnreachable(format!("{addr}: {e}")))))?;
        let bound = listener.local_addr().unwrap_or(addr);
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let writer = st.clone();
        let id = competition_id.clone();
        let take: juri_venue::Take = Arc::new(move |bytes: Vec<u8>| {
            let now = juri_core::ids::now();
            let lang = writer.lang();
            writer.db().write(|tx| venue::hub_take(tx, &id, &bytes, &now, lang))
        });
        let emitter = app.clone();
        let on_event: Arc<dyn Fn(juri_venue::HubEvent) + Send + Sync> = Arc::new(move |e| {
            match &e {
                juri_venue::HubEvent::Merged { judge, answer, .. } => {
                    log::info!("venue hub: {judge} pushed {} events, {} new", answer.events, answer.new)
                }
                juri_venue::HubEvent::Refused { from, reason, .. } => log::warn!("venue hub: {from} refused: {reason}"),
            }
            let _ = emitter.emit("venue-push", ());
        });
        tauri::async_runtime::spawn(async move {
            juri_venue::serve_with(
                listener,
                take,
                lang,
                on_event,
                async {
                    let _ = rx.await;
                },
                juri_venue::READ_TIMEOUT,
            )
            .await;
        });
        log::info!("venue hub listening on {bound}");
        *st.venue.hub.lock().unwrap_or_else(|p| p.into_inner()) = Some(Hub { address: bound, stop: Some(tx) });
    }
    blocking(&state, move |s| hub_view(s, &competition_id)).await
}

/// Stops the hub: it no longer listens.
#[tauri::command]
pub async fn venue_hub_stop(state: AppStateRef<'_>, competition_id: String) -> Result<VenueHubView, ApiError> {
    if let Some(mut hub) = state.venue.hub.lock().unwrap_or_else(|p| p.into_inner()).take()
        && let Some(stop) = hub.stop.take()
    {
        let _ = stop.send(());
        log::info!("venue hub on {} stopped", hub.address);
    }
    blocking(&state, move |s| hub_view(s, &competition_id)).await
}

#[tauri::command]
pub async fn venue_push_status(state: AppStateRef<'_>) -> Result<VenuePushStatus, ApiError> {
    blocking(&state, |s| s.venue.status(s)).await
}

/// Turns "Kirim otomatis ke panitia" on with the hub's address, or off (None).
#[tauri::command]
pub async fn venue_push_configure(
    state: AppStateRef<'_>,
    address: Option<String>,
) -> Result<VenuePushStatus, ApiError> {
    blocking(&state, move |s| {
        s.db().write(|tx| venue::set_hub_address(tx, address.as_deref()))?;
        *s.venue.last_error.lock().unwrap_or_else(|p| p.into_inner()) = None;
        s.venue.nudge.notify_one();
        s.venue.status(s)
    })
    .await
}

/// The hub's address read from a picture of its QR code (a camera frame or a photo the judge
/// chose), as greyscale pixels the webview drew; decoded off the UI thread. None when the picture
/// holds no readable code (the camera keeps looking); a code that is not a hub address is refused.
#[tauri::command]
pub async fn venue_scan_picture(
    state: AppStateRef<'_>,
    width: u32,
    height: u32,
    luma: Vec<u8>,
) -> Result<Option<String>, ApiError> {
    blocking(&state, move |_| match juri_core::sync::venue_qr::hub_address_from_picture(width, height, &luma) {
        Ok(address) => Ok(Some(address)),
        Err(Error::InvalidInput { problem: InputProblem::NoQrCode, .. }) => Ok(None),
        Err(e) => Err(e),
    })
    .await
}

/// The judge laptop's pusher: waits for a save (or half a minute), lets a burst of saves settle,
/// then pushes what the hub has not acknowledged; when the hub is away it tries again after 1, 2,
/// 4 … 30 s. Every change of state goes to the UI ("venue-push-status").
pub async fn pusher(app: tauri::AppHandle) {
    let st: Arc<AppState> = app.state::<Arc<AppState>>().inner().clone();
    let emit = |st: &Arc<AppState>| {
        if let Ok(status) = st.venue.status(st) {
            let _ = app.emit("venue-push-status", status);
        }
    };
    let mut backoff = Duration::from_secs(1);
    // Its own connection, opened at the first push and kept (the app's writer stays free for saves).
    let mut connection: Option<Arc<Mutex<juri_core::db::Db>>> = None;
    loop {
        tokio::select! {
            _ = st.venue.nudge.notified() => {}
            _ = tokio::time::sleep(Duration::from_secs(30)) => {}
        }
        tokio::time::sleep(Duration::from_millis(120)).await;
        loop {
            let s2 = st.clone();
            let Ok(Ok(status)) = tauri::async_runtime::spawn_blocking(move || s2.venue.status(&s2)).await else {
                break;
            };
            let Some(address) = status.address.clone() else { break };
            if status.pending_events == 0 {
                emit(&st);
                break;
            }
            st.venue.sending.store(true, Ordering::SeqCst);
            emit(&st);
            if connection.is_none() {
                let path = st.db_path.clone();
                if let Ok(Ok(db)) = tauri::async_runtime::spawn_blocking(move || juri_core::db::Db::open(&path)).await {
                    connection = Some(Arc::new(Mutex::new(db)));
                }
            }
            let result = match &connection {
                Some(db) => juri_venue::push_shared(db.clone(), &address, &st.device(), None).await,
                None => juri_venue::push(&st.db_path, &address, &st.device()).await,
            };
            st.venue.sending.store(false, Ordering::SeqCst);
            match result {
                Ok(_) => {
                    *st.venue.last_error.lock().unwrap_or_else(|p| p.into_inner()) = None;
                    backoff = Duration::from_secs(1);
                    emit(&st);
                }
                Err(e) => {
                    let message = e.message(st.lang());
                    log::warn!("venue push: {message}");
                    *st.venue.last_error.lock().unwrap_or_else(|p| p.into_inner()) = Some(message);
                    emit(&st);
                    tokio::select! {
                        _ = st.venue.nudge.notified() => {}
                        _ = tokio::time::sleep(backoff) => {}
                    }
                    backoff = (backoff * 2).min(Duration::from_secs(30));
                }
            }
        }
    }
}
