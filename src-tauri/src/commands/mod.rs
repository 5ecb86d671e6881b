//! The UI's commands, one file per area; each is a one-line forward to juri-core.

/// Commands that forward to the core off the UI thread (`state::blocking`): each is written as
/// `name(args) -> Answer => |s| core_call(...)`, where `s` is the `AppState`.
macro_rules! forward {
    ($( $(#[doc = $doc:literal])* $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty => |$s:ident| $body:expr; )*) => {$(
        $(#[doc = $doc])*
        #[tauri::command]
        pub async fn $name(
            state: $crate::commands::AppStateRef<'_>,
            $($arg: $ty),*
        ) -> Result<$ret, juri_core::error::ApiError> {
            $crate::state::blocking(&state, move |$s| $body).await
        }
    )*};
}

/// Commands that write in one transaction on the writer connection, with the user as `actor` and
/// the current time as `now`: `name(args) -> Answer => |tx, actor, now| core_call(tx, ...)`.
macro_rules! forward_write {
    ($( $(#[doc = $doc:literal])* $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty => |$tx:ident, $actor:ident, $now:ident| $body:expr; )*) => {
        forward! {$(
            $(#[doc = $doc])*
            $name($($arg: $ty),*) -> $ret => |s| {
                let ($actor, $now) = (s.actor(), juri_core::ids::now());
                let _ = (&$actor, &$now);
                s.db().write(|$tx| $body)
            };
        )*}
    };
}

/// Progress of a streamed file in whole kilobytes (a u32 holds 4 TB of them) on `channel`; false,
/// which stops the work, once `cancel_import` was asked.
pub(crate) fn progress_in_kb<'a>(
    channel: &'a tauri::ipc::Channel<juri_core::api::Progress>,
    s: &'a crate::state::AppState,
) -> impl FnMut(u64, u64) -> bool + 'a {
    move |done, total| {
        let _ = channel.send(juri_core::api::Progress { done: (done / 1024) as u32, total: (total / 1024) as u32 });
        !s.cancel.load(std::sync::atomic::Ordering::SeqCst)
    }
}

pub mod app;
pub mod competitions;
pub mod data;
pub mod documents;
pub mod dossiers;
pub mod forwarding;
pub mod monitoring;
pub mod monitoring_documents;
pub mod paper;
pub mod proposals;
pub mod scoring;
pub mod sync;
pub mod venue;

use std::sync::Arc;

use crate::state::AppState;

pub type AppStateRef<'a> = tauri::State<'a, Arc<AppState>>;
