//! Monitoring and evaluation of innovations after the competition (DOMAIN.md §5): the registry
//! across years, indicators with quarterly targets, quarterly reports with evidence, status per
//! quarter, evaluations, the dashboard and the imports that feed them.

mod dashboard;
mod import;
mod indicators;
mod model;
mod promote;
mod registry;
mod reports;
mod sample;
mod status;

pub use dashboard::*;
pub use import::*;
pub use indicators::*;
pub use model::*;
pub use promote::*;
pub use registry::*;
pub use reports::*;
pub use sample::create_sample_monitoring;
pub use status::*;
